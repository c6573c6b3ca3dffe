// redacted_url(): credentials out of every URL cradle stores or shows.
#include "model/redacted_url.h"

#include <gtest/gtest.h>

namespace cradle {
namespace {

TEST(RedactedUrl, PasswordsAndTokensBecomeStars) {
  EXPECT_EQ(redacted_url("https://user:t0ken@example.com/osv/all.zip"),
            "https://user:***@example.com/osv/all.zip");
  // A token as the user name (GitHub, GitLab).
  EXPECT_EQ(redacted_url("https://ghp_t0ken@raw.example.com/all.zip"),
            "https://***@raw.example.com/all.zip");
  EXPECT_EQ(redacted_url("https://example.com/all.zip?token=t0ken&ecosystem=PyPI"),
            "https://example.com/all.zip?token=***&ecosystem=PyPI");
  EXPECT_EQ(redacted_url("https://bucket.s3.example.com/all.zip?X-Amz-Credential=AKIA%2F1&"
                         "X-Amz-Signature=abc#part"),
            "https://bucket.s3.example.com/all.zip?X-Amz-Credential=***&X-Amz-Signature=***#part");
  EXPECT_EQ(redacted_url("https://hooks.example/cradle?API_KEY=k&Private_Token=p"),
            "https://hooks.example/cradle?API_KEY=***&Private_Token=***");
  // An '@' in the path is not user information.
  EXPECT_EQ(redacted_url("https://registry.example/@scope/pkg?x=1"),
            "https://registry.example/@scope/pkg?x=1");
  // A store's URL: the user name stays, the password goes, wherever it is given.
  EXPECT_EQ(redacted_url("postgresql://cradle:s3cret@db.example:5432/cradle?sslmode=require"),
            "postgresql://cradle:***@db.example:5432/cradle?sslmode=require");
  EXPECT_EQ(redacted_url("postgresql://cradle@db.example/cradle"),
            "postgresql://cradle@db.example/cradle");
  EXPECT_EQ(redacted_url("postgresql:///cradle?host=/run/postgresql&password=s3cret"),
            "postgresql:///cradle?host=/run/postgresql&password=***");
}

TEST(RedactedUrl, WhatHasNoCredentialsIsLeftAsItIs) {
  for (const char* text :
       {"https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip", "https://example.com/?",
        "https://example.com/?a&b=&=c", ".cradle/cradle.db", "examples/osv", "", "https://"}) {
    EXPECT_EQ(redacted_url(text), text);
    EXPECT_FALSE(has_credentials(text)) << text;
  }
  EXPECT_TRUE(has_credentials("https://a:b@example.com"));
}

}  // namespace
}  // namespace cradle

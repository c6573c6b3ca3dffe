#include "model/purl.h"

#include <gtest/gtest.h>

namespace cradle {
namespace {

TEST(PurlTest, ParsesAndSerialises) {
  auto purl = parse_purl("pkg:npm/%40angular/animation@12.3.1");
  ASSERT_TRUE(purl) << purl.error().message;
  EXPECT_EQ(purl->namespace_, "@angular");
  EXPECT_EQ(to_string(*purl), "pkg:npm/%40angular/animation@12.3.1");
}

}  // namespace
}  // namespace cradle

#include "model/evidence_ref.h"

#include <openssl/evp.h>

#include <array>
#include <memory>

namespace cradle {
namespace {

// SHA-256 fetched from the provider once: EVP_sha256() makes OpenSSL 3 look the algorithm up
// (under a lock) at every digest, which costs as much as hashing a small document.
const EVP_MD* sha256_algorithm() {
  static const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return fetched != nullptr ? fetched : EVP_sha256();
}

struct DigestContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

}  // namespace

std::string sha256_hex(std::string_view bytes) { return sha256_hex({bytes}); }

std::string sha256_hex(std::initializer_list<std::string_view> parts) {
  thread_local std::unique_ptr<EVP_MD_CTX, DigestContextFree> context(EVP_MD_CTX_new());
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  bool hashed = context != nullptr && EVP_DigestInit_ex2(context.get(), sha256_algorithm(), nullptr) == 1;
  for (std::string_view part : parts) hashed = hashed && EVP_DigestUpdate(context.get(), part.data(), part.size()) == 1;
  if (!hashed || EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1) {
    // The one-shot API, on the parts joined: only when the reused context failed.
    std::string joined;
    for (std::string_view part : parts) joined += part;
    EVP_Digest(joined.data(), joined.size(), digest.data(), &length, EVP_sha256(), nullptr);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(std::size_t{length} * 2, '\0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace cradle

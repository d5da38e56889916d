#include "shared/crypto/hmac.h"

#include <cstdio>
#include <cstdlib>

#include <openssl/hmac.h>

#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

std::string mac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // HMAC() one-shot with the pre-fetched digest. An empty key is legal HMAC;
  // OpenSSL wants a non-null pointer for it.
  static const unsigned char kEmpty = 0;
  const void* k = key.empty() ? &kEmpty : static_cast<const void*>(key.data());
  if (HMAC(md, k, static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len) == nullptr) {
    std::fputs("HMAC failed\n", stderr);
    std::abort();
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string hmac_sha256(std::string_view key, std::string_view data) {
  return mac(internal::sha256_md(), key, data);
}
std::string hmac_sha384(std::string_view key, std::string_view data) {
  return mac(internal::sha384_md(), key, data);
}
std::string hmac_sha512(std::string_view key, std::string_view data) {
  return mac(internal::sha512_md(), key, data);
}

}  // namespace gatehouse::crypto

#include "shared/crypto/digest.h"

#include <cstdio>
#include <cstdlib>

#include "shared/crypto/encoding.h"
#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

std::string digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // EVP_Digest with a pre-fetched EVP_MD does no provider lookup per call.
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) {
    // Only an allocation failure can get here; no sensible value to return.
    std::fputs("EVP_Digest failed\n", stderr);
    std::abort();
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string sha256(std::string_view data) { return digest(internal::sha256_md(), data); }
std::string sha384(std::string_view data) { return digest(internal::sha384_md(), data); }
std::string sha512(std::string_view data) { return digest(internal::sha512_md(), data); }
std::string sha256_hex(std::string_view data) { return hex_encode(sha256(data)); }

}  // namespace gatehouse::crypto

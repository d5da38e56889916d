#include "shared/crypto/digest.h"

#include <cstdio>
#include <cstdlib>

#include "shared/crypto/encoding.h"
#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

std::string digest(const EVP_MD* md, std::string_view data) {
  // One context per thread, reset for each digest: EVP_Digest allocates
  // and frees one per call (a token fingerprint per request).
  thread_local internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // With a pre-fetched EVP_MD there is no provider lookup per call either.
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out, &len) != 1) {
    // Only an allocation failure can get here; no sensible value to return.
    std::fputs("EVP digest failed\n", stderr);
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

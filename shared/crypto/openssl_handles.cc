#include "shared/crypto/openssl_handles.h"

#include <cstdio>
#include <cstdlib>

#include <openssl/err.h>

namespace gatehouse::crypto::internal {
namespace {

const EVP_MD* fetch_md(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) {
    std::fprintf(stderr, "OpenSSL has no %s digest\n", name);
    std::abort();
  }
  return md;  // intentionally never freed: lives as long as the process
}

}  // namespace

SharedPkey share(PkeyPtr key) { return SharedPkey(key.release(), PkeyFree{}); }

// Function-local statics: initialised once, thread-safely (C++11 magic statics).
const EVP_MD* sha256_md() {
  static const EVP_MD* md = fetch_md("SHA2-256");
  return md;
}
const EVP_MD* sha384_md() {
  static const EVP_MD* md = fetch_md("SHA2-384");
  return md;
}
const EVP_MD* sha512_md() {
  static const EVP_MD* md = fetch_md("SHA2-512");
  return md;
}
const EVP_CIPHER* chacha20_poly1305_cipher() {
  static const EVP_CIPHER* cipher = [] {
    EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, "ChaCha20-Poly1305", nullptr);
    if (c == nullptr) {
      std::fprintf(stderr, "OpenSSL has no ChaCha20-Poly1305 cipher\n");
      std::abort();
    }
    return c;
  }();
  return cipher;
}

std::string drain_openssl_errors() {
  std::string out;
  char buf[256];
  while (unsigned long e = ERR_get_error()) {
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

}  // namespace gatehouse::crypto::internal

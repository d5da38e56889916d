// Internal to shared/crypto: owning handles for OpenSSL objects and the
// algorithm objects fetched once per process. Not for use outside this folder.
//
// Why fetch once: in OpenSSL 3 every EVP_sha256()/EVP_chacha20_poly1305() use
// does an implicit provider fetch, which more than doubles the cost of a small
// digest (performance-anchors.md: 0.29 µs vs 0.12 µs). The fetched objects
// below live for the whole process and are safe to share between threads.
#pragma once

#include <memory>
#include <string>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>

namespace gatehouse::crypto::internal {

struct PkeyFree { void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); } };
struct PkeyCtxFree { void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); } };
struct MdCtxFree { void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); } };
struct CipherCtxFree { void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); } };
struct BioFree { void operator()(BIO* p) const { BIO_free(p); } };
struct BnFree { void operator()(BIGNUM* p) const { BN_free(p); } };

using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

// EVP_PKEY is reference counted and, once built, safe for concurrent
// sign/verify from several threads (each operation uses its own context).
// Keys are therefore shared, never copied.
using SharedPkey = std::shared_ptr<EVP_PKEY>;
SharedPkey share(PkeyPtr key);

// Process-wide fetched digests and ciphers (never null: a missing algorithm
// aborts at first use, since OpenSSL 3's default provider always has them).
const EVP_MD* sha256_md();
const EVP_MD* sha384_md();
const EVP_MD* sha512_md();
const EVP_CIPHER* chacha20_poly1305_cipher();

// Drains OpenSSL's thread-local error queue into one line for Error::detail.
std::string drain_openssl_errors();

}  // namespace gatehouse::crypto::internal

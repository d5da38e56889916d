#include "shared/crypto/random.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <openssl/rand.h>

namespace gatehouse::crypto {
namespace {

constexpr std::string_view kAlphanumeric =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
static_assert(kAlphanumeric.size() == 62);

void fill_or_abort(unsigned char* out, std::size_t n) {
  if (n == 0) return;
  if (RAND_bytes(out, static_cast<int>(n)) != 1) {
    // Continuing would produce guessable tokens; there is no safe fallback.
    std::fputs("RAND_bytes failed: no usable entropy source\n", stderr);
    std::abort();
  }
}

}  // namespace

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  fill_or_abort(reinterpret_cast<unsigned char*>(out.data()), n);
  return out;
}

std::string random_alnum(std::size_t n) {
  std::string out;
  out.reserve(n);
  unsigned char pool[64];
  while (out.size() < n) {
    fill_or_abort(pool, sizeof pool);
    for (unsigned char b : pool) {
      // 256 is not a multiple of 62; bytes >= 248 would favour the first
      // 8 characters, so they are dropped.
      if (b >= 248) continue;
      out.push_back(kAlphanumeric[b % 62]);
      if (out.size() == n) break;
    }
  }
  return out;
}

}  // namespace gatehouse::crypto

#include "shared/crypto/random.h"

#include <atomic>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <string_view>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <pthread.h>

namespace gatehouse::crypto {
namespace {

constexpr std::string_view kAlphanumeric =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
static_assert(kAlphanumeric.size() == 62);

void rand_or_abort(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) {
    // Continuing would produce guessable tokens; there is no safe fallback.
    std::fputs("RAND_bytes failed: no usable entropy source\n", stderr);
    std::abort();
  }
}

// Bumped in a forked child: its copy of a thread's buffer is the parent's,
// and handing out the same bytes twice would repeat ids and tokens.
std::atomic<unsigned> fork_generation{0};
const bool fork_handler_installed = [] {
  ::pthread_atfork(nullptr, nullptr, [] { fork_generation.fetch_add(1); });
  return true;
}();

// Small draws (ids, tokens: 10 to 64 bytes, three per token request) come
// from a per-thread buffer refilled from RAND_bytes, which takes a lock
// and runs the DRBG on every call. Bytes are wiped as they are handed out.
struct RandomBuffer {
  static constexpr std::size_t kSize = 512;
  unsigned char bytes[kSize];
  std::size_t used = kSize;  // empty
  unsigned generation = 0;
};

void fill_or_abort(unsigned char* out, std::size_t n) {
  if (n == 0) return;
  (void)fork_handler_installed;
  if (n > RandomBuffer::kSize / 4) return rand_or_abort(out, n);
  thread_local RandomBuffer buffer;
  const unsigned generation = fork_generation.load();
  if (buffer.generation != generation || RandomBuffer::kSize - buffer.used < n) {
    rand_or_abort(buffer.bytes, RandomBuffer::kSize);
    buffer.used = 0;
    buffer.generation = generation;
  }
  std::memcpy(out, buffer.bytes + buffer.used, n);
  OPENSSL_cleanse(buffer.bytes + buffer.used, n);
  buffer.used += n;
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

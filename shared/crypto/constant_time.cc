#include "shared/crypto/constant_time.h"

#include <algorithm>

#include <openssl/crypto.h>

namespace gatehouse::crypto {

bool constant_time_equals(std::string_view a, std::string_view b) {
  // Compare over the shorter length even when the lengths differ, so the
  // work done does not reveal how much of a matched.
  std::size_t n = std::min(a.size(), b.size());
  bool same_content = n == 0 || CRYPTO_memcmp(a.data(), b.data(), n) == 0;
  return same_content & (a.size() == b.size());
}

}  // namespace gatehouse::crypto

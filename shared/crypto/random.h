// Cryptographically secure random values from OpenSSL's DRBG (RAND_bytes).
// Used for tokens, nonces, authorization codes, device IDs, key material.
//
// Thread safety: every function may be called from any thread.
// Failure: RAND_bytes only fails when the OS entropy source is broken; these
// functions then abort the process rather than hand out predictable values.
#pragma once

#include <cstddef>
#include <string>

namespace gatehouse::crypto {

// n random bytes.
std::string random_bytes(std::size_t n);

// n characters drawn uniformly from [A-Za-z0-9] (rand's `Alphanumeric`, as
// MAS uses for tokens and codes). Rejection sampling keeps every character
// exactly 1/62 likely: a byte is used only if it is below 248 = 4 * 62.
std::string random_alnum(std::size_t n);

}  // namespace gatehouse::crypto

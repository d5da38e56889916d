// Comparison of secrets (client secrets, MACs, PKCE challenges, the
// homeserver's shared secret) without leaking where they differ through timing.
//
// Thread safety: pure function.
#pragma once

#include <string_view>

namespace gatehouse::crypto {

// True iff a and b are byte-for-byte equal. The time taken depends only on
// the lengths, never on the content (CRYPTO_memcmp). Different lengths give
// false; the length of a secret is not treated as secret.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace gatehouse::crypto

// Matrix user ID localparts (spec: Appendices, "User Identifiers"):
// which usernames may be registered, and which imported ones are tolerated.
//
// Thread safety: pure function.
#pragma once

#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::accounts {

enum class LocalpartPolicy {
  // New accounts: only `a-z 0-9 . _ = - / +`.
  kStrict,
  // Accounts imported from Synapse (syn2mas) that predate the strict rule:
  // any printable ASCII except ':' (0x21-0x39, 0x3B-0x7E).
  kHistorical,
};

inline constexpr std::size_t kMaxUserIdBytes = 255;

// ok() when `@localpart:server_name` is an acceptable user ID. Errors:
// kInvalidInput, whose message names the rule broken and, for a bad
// character, the character ("localpart 'Alice' contains 'A': only a-z, 0-9
// and ._=/+- are allowed"); the full user ID must fit in 255 bytes.
Status validate_localpart(std::string_view localpart, std::string_view server_name,
                          LocalpartPolicy policy = LocalpartPolicy::kStrict);

}  // namespace gatehouse::accounts

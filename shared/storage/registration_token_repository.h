// The `user_registration_tokens` table. Functions over an open Transaction;
// they never commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/registration_token.h"

namespace gatehouse::storage::registration_tokens {

// Inserts the token. Errors: kConflict when the token text exists.
Status add(Transaction& tx, const RegistrationToken& token);

// The token with this text, or nullopt.
Result<std::optional<RegistrationToken>> find_by_token(Transaction& tx, std::string_view token);

// Counts one registration: times_used + 1, last_used_at = at, but only while
// the token is usable at `at` (not revoked, not expired, under its limit);
// false when it is not (or does not exist). Atomic: two registrations
// racing for the last use cannot both succeed.
Result<bool> use(Transaction& tx, std::string_view id, std::int64_t at);

// Sets revoked_at unless already revoked; false when nothing changed.
Result<bool> revoke(Transaction& tx, std::string_view id, std::int64_t at);
// Clears revoked_at; false when it was not revoked (or no such token).
Result<bool> unrevoke(Transaction& tx, std::string_view id);

Result<std::optional<RegistrationToken>> find(Transaction& tx, std::string_view id);
// Sets both fields (nullopt: no limit, never expires); false when no such token.
Result<bool> set_limits(Transaction& tx, std::string_view id, std::optional<std::int64_t> usage_limit,
                        std::optional<std::int64_t> expires_at);

// Which tokens a listing takes (the admin API's filters), at `now_ms`.
struct TokenFilter {
  std::optional<bool> used;     // times_used > 0
  std::optional<bool> revoked;
  std::optional<bool> expired;
  std::optional<bool> valid;    // usable: RegistrationToken::usable
  std::int64_t now_ms = 0;
};
// A page of tokens by id after `after`, and how many the filter takes
// (page_query.h).
Result<std::vector<RegistrationToken>> list_page(Transaction& tx, const TokenFilter& filter,
                                                 std::string_view after, std::int64_t limit);
Result<std::int64_t> count(Transaction& tx, const TokenFilter& filter);

}  // namespace gatehouse::storage::registration_tokens

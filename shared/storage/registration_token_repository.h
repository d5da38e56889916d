// The `user_registration_tokens` table. Functions over an open Transaction;
// they never commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

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

}  // namespace gatehouse::storage::registration_tokens

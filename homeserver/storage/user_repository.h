// The homeserver's `users`, `profiles`, `user_emails` and
// `cross_signing_reset_allowed_until` tables: everything the auth service
// provisions about one user. Free functions over an open Transaction; they
// never commit. Lookups return nullopt when absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "homeserver/storage/model.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::homeserver::storage::users {

using gatehouse::storage::Transaction;

Result<std::optional<User>> find(Transaction& tx, std::string_view localpart);

// kConflict when the localpart exists. Creates the (empty) profile row too.
Status insert(Transaction& tx, const User& user);

// Writes the flags of an existing user (by localpart); false when absent.
Result<bool> update_flags(Transaction& tx, const User& user);

// The profile; both fields nullopt when unset (or the user is absent).
Result<Profile> profile(Transaction& tx, std::string_view localpart);
// nullopt clears the field.
Status set_displayname(Transaction& tx, std::string_view localpart,
                       const std::optional<std::string>& displayname);
Status set_avatar_url(Transaction& tx, std::string_view localpart,
                      const std::optional<std::string>& avatar_url);

// The user's email addresses, sorted.
Result<std::vector<std::string>> emails(Transaction& tx, std::string_view localpart);
// Makes the stored set exactly `addresses`: removes the others, adds the
// missing ones with added_at = now_ms.
Status replace_emails(Transaction& tx, std::string_view localpart,
                      const std::vector<std::string>& addresses, std::int64_t now_ms);

// Allows replacing the master cross-signing key without UIA until `until_ms`.
Status allow_cross_signing_reset(Transaction& tx, std::string_view localpart,
                                 std::int64_t until_ms);
Result<std::optional<std::int64_t>> cross_signing_reset_allowed_until(Transaction& tx,
                                                                      std::string_view localpart);

}  // namespace gatehouse::homeserver::storage::users

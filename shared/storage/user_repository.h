// The `users` and `reserved_localparts` tables. Functions over an open
// Transaction: they never commit (the caller does) and are as thread-safe as
// the Transaction (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/user.h"

namespace gatehouse::storage::users {

// Inserts a new user. Errors: kConflict when the id or username exists.
Status add(Transaction& tx, const User& user);

// The user, or nullopt when there is none.
Result<std::optional<User>> find(Transaction& tx, std::string_view id);
Result<std::optional<User>> find_by_username(Transaction& tx, std::string_view username);

// Users with can_request_admin, ordered by username.
Result<std::vector<User>> list_admins(Transaction& tx);

// Users whose account is open (not deactivated; locked ones included, so the
// homeserver learns their lock), ordered by id. For provisioning them all.
Result<std::vector<User>> list_active(Transaction& tx);

// Which users a listing takes (the admin API's filters); empty: all.
struct UserFilter {
  std::optional<bool> admin;  // can_request_admin
  // "active" (neither locked nor deactivated), "locked" (locked, not
  // deactivated), "deactivated"; nullopt: any.
  std::optional<std::string> status;
};

// Up to `limit` users of `filter` with an id after `after` (a cursor; empty:
// from the start), ordered by id (creation order).
Result<std::vector<User>> list_page(Transaction& tx, const UserFilter& filter,
                                    std::string_view after, std::int64_t limit);
// How many users `filter` takes.
Result<std::int64_t> count(Transaction& tx, const UserFilter& filter);

// Each setter returns false when there is no such user (not an error).
Result<bool> set_can_request_admin(Transaction& tx, std::string_view id, bool value);
// locked_at / deactivated_at: a value sets the mark, nullopt clears it.
Result<bool> set_locked_at(Transaction& tx, std::string_view id, std::optional<std::int64_t> at);
Result<bool> set_deactivated_at(Transaction& tx, std::string_view id,
                                std::optional<std::int64_t> at);

// Deletes the user; ON DELETE CASCADE removes their emails, passwords and
// sessions. false when there was none. Callers deleting for good also
// reserve the localpart (below), in the same transaction.
Result<bool> remove(Transaction& tx, std::string_view id);

// Keeps `localpart` from ever being registered again (a Matrix user id must
// keep naming one person). Reserving an already reserved localpart is ok.
Status reserve_localpart(Transaction& tx, std::string_view localpart, std::string_view reason,
                         std::int64_t at);

// Why `localpart` is reserved, or nullopt when it is free.
Result<std::optional<std::string>> reserved_reason(Transaction& tx, std::string_view localpart);

}  // namespace gatehouse::storage::users

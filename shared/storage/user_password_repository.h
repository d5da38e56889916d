// The `user_passwords` table: a user's password history. The newest row (by
// created_at, then id: ULIDs sort by creation) is the current password; rows
// are never updated or deleted except with the user. Functions over an open
// Transaction; they never commit.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/user_password.h"

namespace gatehouse::storage::user_passwords {

// Appends a row; it becomes the current password. Errors: kDatabase when the
// user (or upgraded_from_id) does not exist.
Status add(Transaction& tx, const UserPassword& password);

// The current password, or nullopt for a user without one (upstream-only).
Result<std::optional<UserPassword>> find_current(Transaction& tx, std::string_view user_id);

// Every row of the user's history, oldest first.
Result<std::vector<UserPassword>> list_for_user(Transaction& tx, std::string_view user_id);

}  // namespace gatehouse::storage::user_passwords

// Account changes that span several tables, each done inside the caller's
// transaction so a failure leaves nothing half-done: registering a user,
// setting a password, adding an email, deleting a user for good. Used by
// `gatehouse manage` and later by the registration pages and the admin API.
//
// Error messages are one sentence saying what is wrong and how to fix it,
// fit to print as is. Nothing here commits; the caller does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/accounts/password_manager.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/user.h"

namespace gatehouse::accounts {

struct NewUser {
  std::string username;  // the localpart
  std::optional<HashedPassword> password;
  std::vector<std::string> emails;  // recorded as confirmed (an admin vouches)
  bool can_request_admin = false;
  // Passed to the homeserver in the provisioning job; not stored here.
  std::optional<std::string> display_name;
};

// Validates and inserts the user, its password and emails, and records a
// `provision-user` job. Errors: kInvalidInput (bad localpart, bad email),
// kConflict (username taken, localpart reserved, email in use).
Result<storage::User> register_user(storage::Transaction& tx, const Clock& clock,
                                    std::string_view server_name, const NewUser& user);

// The user named by a localpart or a full MXID on `server_name`. Errors:
// kNotFound with a message naming the user and how to list users.
Result<storage::User> require_user(storage::Transaction& tx, std::string_view server_name,
                                   std::string_view username_or_mxid);

// Appends a new current password row.
Status set_password(storage::Transaction& tx, const Clock& clock, std::string_view user_id,
                    const HashedPassword& password);

// Adds a confirmed email; one the user already has is left as is (mas-cli).
// Errors: kInvalidInput (malformed), kConflict (another user has it).
Status add_email(storage::Transaction& tx, const Clock& clock, const storage::User& user,
                 std::string_view email);

// Records a `provision-user` job {"user_id", "display_name"?} for the
// homeserver worker.
Status schedule_provisioning(storage::Transaction& tx, const Clock& clock,
                             std::string_view user_id,
                             const std::optional<std::string>& display_name = std::nullopt);

// Deletes the user and everything of theirs (cascade) and reserves the
// localpart forever.
Status delete_user(storage::Transaction& tx, const Clock& clock, const storage::User& user);

}  // namespace gatehouse::accounts

#include "auth/accounts/account_service.h"

#include <nlohmann/json.hpp>

#include "auth/accounts/email_address.h"
#include "auth/accounts/localpart.h"
#include "auth/accounts/password_login.h"
#include "auth/jobs/schedule.h"
#include "shared/ids/ulid.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_password_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::accounts {

namespace {

std::string new_id(const Clock& clock) { return ids::Ulid::generate(clock).to_string(); }

Status check_username_free(storage::Transaction& tx, std::string_view username) {
  GH_TRY(auto reserved, storage::users::reserved_reason(tx, username));
  if (reserved) {
    return fail(ErrorCode::kConflict,
                "username '" + std::string(username) + "' is reserved (" + *reserved +
                    "): a Matrix user id is never given to someone else; choose another username");
  }
  GH_TRY(auto existing, storage::users::find_by_username(tx, username));
  if (existing) {
    return fail(ErrorCode::kConflict, "username '" + std::string(username) +
                                          "' is already taken: choose another username");
  }
  return ok();
}

}  // namespace

Result<storage::User> register_user(storage::Transaction& tx, const Clock& clock,
                                    std::string_view server_name, const NewUser& request) {
  GH_TRY_STATUS(validate_localpart(request.username, server_name));
  for (const auto& email : request.emails) GH_TRY_STATUS(validate_email(email));
  GH_TRY_STATUS(check_username_free(tx, request.username));

  storage::User user;
  user.id = new_id(clock);
  user.username = request.username;
  user.created_at = clock.unix_millis();
  user.can_request_admin = request.can_request_admin;
  GH_TRY_STATUS(storage::users::add(tx, user));
  if (request.password) GH_TRY_STATUS(set_password(tx, clock, user.id, *request.password));
  for (const auto& email : request.emails) GH_TRY_STATUS(add_email(tx, clock, user, email));
  GH_TRY_STATUS(schedule_provisioning(tx, clock, user.id, request.display_name));
  return user;
}

Result<storage::User> require_user(storage::Transaction& tx, std::string_view server_name,
                                   std::string_view username) {
  const auto localpart = localpart_of(username, server_name);
  if (localpart) {
    GH_TRY(auto user, storage::users::find_by_username(tx, *localpart));
    if (user) return std::move(*user);
  }
  return fail(ErrorCode::kNotFound, "no user '" + std::string(username) +
                                        "' on " + std::string(server_name) +
                                        ": check the spelling (the localpart, e.g. alice)");
}

Status set_password(storage::Transaction& tx, const Clock& clock, std::string_view user_id,
                    const HashedPassword& password) {
  storage::UserPassword row;
  row.id = new_id(clock);
  row.user_id = user_id;
  row.version = password.version;
  row.hashed_password = password.hash;
  row.created_at = clock.unix_millis();
  // Strictly newer than the current row, so it becomes the current one even
  // within the same millisecond.
  GH_TRY(auto current, storage::user_passwords::find_current(tx, user_id));
  if (current && current->created_at >= row.created_at) row.created_at = current->created_at + 1;
  return storage::user_passwords::add(tx, row);
}

Status add_email(storage::Transaction& tx, const Clock& clock, const storage::User& user,
                 std::string_view email) {
  GH_TRY_STATUS(validate_email(email));
  GH_TRY(auto existing, storage::user_emails::find_by_email(tx, email));
  // As mas-cli: an address the user already has is left as is.
  if (existing && existing->user_id == user.id) return ok();
  if (existing) {
    return fail(ErrorCode::kConflict, "email " + std::string(email) +
                                          " is already used by another user: give a different "
                                          "address");
  }
  storage::UserEmail row;
  row.id = new_id(clock);
  row.user_id = user.id;
  row.email = email;
  row.created_at = clock.unix_millis();
  row.confirmed_at = row.created_at;
  return storage::user_emails::add(tx, row);
}

Status schedule_provisioning(storage::Transaction& tx, const Clock& clock,
                             std::string_view user_id,
                             const std::optional<std::string>& display_name) {
  nlohmann::json payload{{"user_id", user_id}};
  if (display_name) payload["display_name"] = *display_name;
  return auth::jobs::schedule_job(tx, clock, auth::jobs::kProvisionUser, payload);
}

Status delete_user(storage::Transaction& tx, const Clock& clock, const storage::User& user) {
  GH_TRY_STATUS(storage::users::reserve_localpart(tx, user.username, "deleted user",
                                                  clock.unix_millis()));
  GH_TRY(bool removed, storage::users::remove(tx, user.id));
  if (!removed) return fail(ErrorCode::kNotFound, "user '" + user.username + "' is already gone");
  return ok();
}

}  // namespace gatehouse::accounts

#include "auth/accounts/password_login.h"

#include <algorithm>

#include "auth/accounts/failed_login_log.h"
#include "shared/ids/ulid.h"
#include "shared/storage/user_password_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::accounts {

namespace {

PasswordLoginResult failed(LoginFailure failure) {
  PasswordLoginResult r;
  r.failure = failure;
  return r;
}

// Spends what a real verification would cost, for an unknown user, so the
// answer's timing does not tell whether the account exists.
void spend_equal_time(const PasswordManager& passwords, std::string_view password) {
  (void)passwords.hash(password);
}

}  // namespace

std::optional<std::string_view> localpart_of(std::string_view username,
                                             std::string_view server_name) {
  if (username.empty() || username.front() != '@') return username;
  const auto colon = username.find(':');
  if (colon == std::string_view::npos || username.substr(colon + 1) != server_name) {
    return std::nullopt;
  }
  return username.substr(1, colon - 1);
}

Result<PasswordLoginResult> authenticate_password(storage::Transaction& tx,
                                                  const PasswordLoginDeps& deps,
                                                  const PasswordLoginRequest& request) {
  if (!deps.passwords.enabled()) return failed(LoginFailure::kPasswordsDisabled);

  const auto localpart = localpart_of(request.username, deps.server_name);
  const RateDecision decision =
      deps.limits.check(request.client_ip, localpart ? *localpart : request.username);
  if (!decision.allowed) {
    PasswordLoginResult r = failed(LoginFailure::kRateLimited);
    r.retry_after = decision.retry_after;
    return r;
  }

  std::optional<storage::User> user;
  std::optional<storage::UserPassword> current;
  if (localpart) {
    GH_TRY(user, storage::users::find_by_username(tx, *localpart));
    if (user) {
      GH_TRY(current, storage::user_passwords::find_current(tx, user->id));
    }
  }
  if (!current) {
    spend_equal_time(deps.passwords, request.password);
    log_failed_password(request.client_ip, request.username, request.via);
    return failed(LoginFailure::kBadCredentials);
  }

  GH_TRY(Verification verification,
         deps.passwords.verify(current->version, current->hashed_password, request.password));
  if (!verification.valid) {
    log_failed_password(request.client_ip, request.username, request.via);
    return failed(LoginFailure::kBadCredentials);
  }
  // Only now, with the right password, may the account's state be told.
  if (user->deactivated_at) return failed(LoginFailure::kDeactivated);
  if (user->locked_at) return failed(LoginFailure::kLocked);

  PasswordLoginResult result;
  if (verification.upgrade) {
    storage::UserPassword upgraded;
    upgraded.id = ids::Ulid::generate(deps.clock).to_string();
    upgraded.user_id = user->id;
    upgraded.version = verification.upgrade->version;
    upgraded.hashed_password = std::move(verification.upgrade->hash);
    upgraded.upgraded_from_id = current->id;
    // Strictly after the row it replaces: "newest row is current" must hold
    // even when both were written within one millisecond.
    upgraded.created_at = std::max(deps.clock.unix_millis(), current->created_at + 1);
    if (deps.defer_upgrade) {
      result.pending_upgrade = std::move(upgraded);
    } else {
      GH_TRY_STATUS(storage::user_passwords::add(tx, upgraded));
      result.upgraded = true;
    }
  }
  result.user = std::move(user);
  return result;
}

}  // namespace gatehouse::accounts

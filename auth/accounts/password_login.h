// The password check behind every password login (the web login form,
// compat `/login`): rate limits, the user lookup, verification under the
// stored hash's scheme, the upgrade to the current scheme, and the
// failed-login log line for fail2ban.
//
// It never tells an unknown user from a wrong password: both are
// kBadCredentials, and for an unknown user (or one without a password) a
// hash under the current scheme is still computed, so both take about as
// long. Locked and deactivated are only revealed once the password is right.
//
// Thread safety: as the Transaction (one thread at a time); the limits and
// manager are thread-safe. Slow by design (one password hash): call it off
// the event loop.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "auth/accounts/password_manager.h"
#include "auth/accounts/rate_limiter.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/user.h"
#include "shared/storage/model/user_password.h"

namespace gatehouse::accounts {

enum class LoginFailure {
  kBadCredentials,     // unknown user or wrong password: the same answer
  kLocked,             // right password, users.locked_at set
  kDeactivated,        // right password, users.deactivated_at set
  kRateLimited,        // see retry_after; the password was not checked
  kPasswordsDisabled,  // passwords.enabled is false
};

struct PasswordLoginRequest {
  // "alice" or "@alice:example.org" (the server part must be ours).
  std::string_view username;
  std::string_view password;
  std::string_view client_ip;
  // Entry point for the failed-login line: "web", "compat", ...
  std::string_view via;
};

struct PasswordLoginResult {
  std::optional<storage::User> user;  // set on success only
  std::optional<LoginFailure> failure;
  std::chrono::milliseconds retry_after{0};  // kRateLimited only
  bool upgraded = false;  // a re-hash under the current scheme was stored
  // With PasswordLoginDeps::defer_upgrade: the re-hash to store, not stored.
  std::optional<storage::UserPassword> pending_upgrade;

  bool ok() const { return user.has_value(); }
};

struct PasswordLoginDeps {
  const PasswordManager& passwords;
  LoginRateLimits& limits;
  const Clock& clock;
  std::string_view server_name;  // matrix.homeserver, to accept full MXIDs
  // Hand the re-hash back in pending_upgrade instead of writing it, so the
  // check (one slow hash) can run in a read transaction and the caller
  // stores it in a short write transaction (compat /login).
  bool defer_upgrade = false;
};

// Checks the password. On success under an older scheme, appends the
// re-hash to user_passwords with upgraded_from_id (the caller commits `tx`;
// open it with TxMode::kWrite). On a wrong password (known user or not),
// writes log_failed_password(). Errors are the database's or the
// PasswordManager's (a stored version no longer configured); a failed login
// is a value, not an error.
Result<PasswordLoginResult> authenticate_password(storage::Transaction& tx,
                                                  const PasswordLoginDeps& deps,
                                                  const PasswordLoginRequest& request);

// "alice" for "alice" and "@alice:<server_name>"; nullopt for a MXID on
// another server or a malformed one.
std::optional<std::string_view> localpart_of(std::string_view username_or_mxid,
                                             std::string_view server_name);

}  // namespace gatehouse::accounts

// m.login.password: by username / MXID, or by email when
// account.login_with_email_allowed. The check (rate limits shared with the
// web login form, the hash, the fail2ban line) is accounts::
// authenticate_password, run in a READ transaction with the upgrade
// deferred: the one slow hash never holds the database's write lock.
#include "auth/accounts/password_login.h"
#include "auth/compat/login_identity.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {
namespace {

// The username to check for an email; the email itself when nobody has it,
// so an unknown address costs the same hash and answers the same M_FORBIDDEN.
CompatResult<std::string> username_for_email(storage::Transaction& tx, const std::string& email) {
  auto found = storage::user_emails::find_by_email(tx, email);
  if (!found) return reject(internal_error("find email", found.error()));
  if (!*found) return email;
  auto user = storage::users::find(tx, (*found)->user_id);
  if (!user) return reject(internal_error("load user", user.error()));
  if (!*user) return email;
  return (*user)->username;
}

}  // namespace

CompatResult<LoginIdentity> identify_password_login(const CompatContext& ctx,
                                                    const PasswordCredentials& credentials,
                                                    const std::string& client_ip) {
  auto tx = ctx.db->begin(storage::TxMode::kRead);
  if (!tx) return reject(internal_error("begin", tx.error()));
  std::string username;
  if (credentials.email) {
    if (!ctx.config.account.login_with_email_allowed) {
      return reject(CompatError::forbidden("Login with an email address is not allowed"));
    }
    auto name = username_for_email(**tx, *credentials.email);
    if (!name) return reject(name.error());
    username = std::move(*name);
  } else {
    username = credentials.user.value_or("");
  }
  accounts::PasswordLoginDeps deps{ctx.passwords, *ctx.login_limits, *ctx.clock,
                                   ctx.config.matrix.homeserver, /*defer_upgrade=*/true};
  auto result = accounts::authenticate_password(
      **tx, deps, {username, credentials.password, client_ip, "compat"});
  if (!result) return reject(internal_error("password check", result.error()));
  if (!result->ok()) return reject(login_failure(*result));
  return LoginIdentity{std::move(*result->user), std::move(result->pending_upgrade)};
}

CompatResult<void> require_active(const storage::User& user) {
  accounts::PasswordLoginResult as_password;
  if (user.deactivated_at) {
    as_password.failure = accounts::LoginFailure::kDeactivated;
  } else if (user.locked_at) {
    as_password.failure = accounts::LoginFailure::kLocked;
  } else {
    return {};
  }
  return reject(login_failure(as_password));
}

}  // namespace gatehouse::auth::compat

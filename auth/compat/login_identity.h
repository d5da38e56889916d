// Who a POST /login is for, found by one file per login type:
//   login_password.cc     m.login.password (rate limits, hash, fail2ban line)
//   login_token.cc        m.login.token (the SSO redirect flow's token)
//   login_appservice.cc   m.login.application_service
// Each runs its checks in a read transaction (the password hash is slow and
// must not hold the write lock) and says what the one write transaction of
// login.cc must still store.
//
// Thread safety: as CompatContext.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "auth/compat/compat_context.h"
#include "auth/compat/compat_error.h"
#include "auth/compat/login_request.h"
#include "shared/storage/model/user.h"
#include "shared/storage/model/user_password.h"

namespace gatehouse::auth::compat {

struct LoginIdentity {
  storage::User user;
  // A re-hash of the password under the current scheme, to store.
  std::optional<storage::UserPassword> password_upgrade;
  // The user is new here (an appservice's user seen for the first time).
  bool create_user = false;
  // The compat_sso_logins row the token came from, to mark exchanged.
  std::optional<std::string> sso_login_id;
};

CompatResult<LoginIdentity> identify_password_login(const CompatContext& ctx,
                                                    const PasswordCredentials& credentials,
                                                    const std::string& client_ip);

CompatResult<LoginIdentity> identify_token_login(const CompatContext& ctx,
                                                 const TokenCredentials& credentials);

CompatResult<LoginIdentity> identify_appservice_login(const CompatContext& ctx,
                                                      const httplib::Request& req,
                                                      const AppServiceCredentials& credentials);

// M_USER_LOCKED / M_USER_DEACTIVATED for an inactive user, for the login
// types that do not go through the password check.
CompatResult<void> require_active(const storage::User& user);

}  // namespace gatehouse::auth::compat

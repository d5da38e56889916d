// m.login.token: the one-time login token the SSO redirect flow handed to
// the client (compat_sso.h). Valid once, for 30 s after the user confirmed
// (MAS: compat/login.rs token_login); any other state is M_FORBIDDEN.
#include "auth/compat/compat_sso.h"
#include "auth/compat/login_identity.h"
#include "shared/ids/token.h"
#include "shared/storage/compat_sso_login_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {

CompatResult<LoginIdentity> identify_token_login(const CompatContext& ctx,
                                                 const TokenCredentials& credentials) {
  auto tx = ctx.db->begin(storage::TxMode::kRead);
  if (!tx) return reject(internal_error("begin", tx.error()));
  auto login = storage::compat_sso_logins::find_by_login_token_fingerprint(
      **tx, ids::token_fingerprint(credentials.token));
  if (!login) return reject(internal_error("find sso login", login.error()));
  const auto invalid = [] { return reject(CompatError::forbidden("Invalid login token")); };
  if (!*login || !(*login)->fulfilled_at || !(*login)->user_id) return invalid();
  if ((*login)->exchanged_at) return invalid();
  if (ctx.now_ms() >= *(*login)->fulfilled_at + kLoginTokenTtlMs) {
    return reject(CompatError::forbidden("Login token expired"));
  }
  auto user = storage::users::find(**tx, *(*login)->user_id);
  if (!user) return reject(internal_error("load user", user.error()));
  if (!*user) return invalid();
  if (auto active = require_active(**user); !active) return reject(active.error());
  LoginIdentity who{std::move(**user)};
  who.sso_login_id = (*login)->id;
  return who;
}

}  // namespace gatehouse::auth::compat

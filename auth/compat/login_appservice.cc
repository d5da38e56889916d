// m.login.application_service: an appservice (its as_token as the bearer,
// or the legacy access_token query parameter) logs in a user of one of its
// user namespaces, as Synapse allows and bridges without MSC4190 need (MAS
// refuses it: its issue #2580). A user the auth service has not seen yet is
// created here: the appservice registered it at the homeserver
// (POST /register, m.login.application_service), which keeps no accounts.
#include "auth/accounts/password_login.h"
#include "auth/compat/compat_bearer.h"
#include "auth/compat/login_identity.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {

CompatResult<LoginIdentity> identify_appservice_login(const CompatContext& ctx,
                                                      const httplib::Request& req,
                                                      const AppServiceCredentials& credentials) {
  auto token = bearer_token(req);
  if (!token) return reject(token.error());
  const appservice::Registration* registration = ctx.appservices.by_token(*token);
  if (!registration) return reject(CompatError::unknown_token("Unknown appservice token"));
  const auto localpart = accounts::localpart_of(credentials.user, ctx.config.matrix.homeserver);
  if (!localpart || localpart->empty()) {
    return reject(CompatError::invalid_param("Not a user of this server: " + credentials.user));
  }
  const std::string user_id = ctx.user_id(*localpart);
  if (!registration->may_act_as(user_id, ctx.config.matrix.homeserver)) {
    return reject(CompatError::forbidden("The user is not in the appservice's namespace"));
  }
  auto tx = ctx.db->begin(storage::TxMode::kRead);
  if (!tx) return reject(internal_error("begin", tx.error()));
  auto user = storage::users::find_by_username(**tx, *localpart);
  if (!user) return reject(internal_error("find user", user.error()));
  if (*user) {
    if (auto active = require_active(**user); !active) return reject(active.error());
    return LoginIdentity{std::move(**user)};
  }
  LoginIdentity who;
  who.user.id = ctx.new_id();
  who.user.username = std::string(*localpart);
  who.user.created_at = ctx.now_ms();
  who.create_user = true;
  return who;
}

}  // namespace gatehouse::auth::compat

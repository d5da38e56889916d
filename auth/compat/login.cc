// POST /_matrix/client/{version}/login: a straight line. Parse the body;
// find who logs in (one file per login type, read transactions only); one
// short write transaction stores what the check left (password re-hash, a
// new appservice user, the SSO token's exchange) with the new session and
// its tokens; then the device is created on the homeserver before the
// answer (compat_login_session.h), or the login fails and its session ends.
#include "auth/compat/compat_routes.h"
#include "auth/compat/compat_login_session.h"
#include "auth/compat/login_identity.h"
#include "shared/storage/compat_sso_login_repository.h"
#include "shared/storage/user_password_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {
namespace {

using json = nlohmann::json;

CompatResult<LoginIdentity> identify(const CompatContext& ctx, const httplib::Request& req,
                                     const LoginRequest& request) {
  if (const auto* password = std::get_if<PasswordCredentials>(&request.credentials)) {
    return identify_password_login(ctx, *password, ctx.client_ip(req));
  }
  if (const auto* token = std::get_if<TokenCredentials>(&request.credentials)) {
    return identify_token_login(ctx, *token);
  }
  return identify_appservice_login(ctx, req, std::get<AppServiceCredentials>(request.credentials));
}

// Everything the login writes, in one transaction, committed here.
CompatResult<StartedCompatSession> store_login(const CompatContext& ctx,
                                               const httplib::Request& req,
                                               const LoginRequest& request,
                                               const LoginIdentity& who) {
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(internal_error("begin", tx.error()));
  if (who.create_user) {
    if (auto added = storage::users::add(**tx, who.user); !added) {
      return reject(internal_error("add appservice user", added.error()));
    }
  }
  if (who.password_upgrade) {
    if (auto added = storage::user_passwords::add(**tx, *who.password_upgrade); !added) {
      return reject(internal_error("store password upgrade", added.error()));
    }
  }
  CompatSessionRequest session;
  session.device_id = request.device_id;
  session.display_name = request.initial_device_display_name;
  session.refreshable = request.refresh_token;
  session.ip = ctx.client_ip(req);
  if (req.has_header("User-Agent")) session.user_agent = req.get_header_value("User-Agent");
  auto started = start_compat_session(**tx, *ctx.clock, ctx.config.experimental.compat_token_ttl,
                                      who.user, session);
  if (!started) return reject(internal_error("start compat session", started.error()));
  if (who.sso_login_id) {
    // Guarded in SQL: of two logins racing with one token, one wins.
    auto exchanged = storage::compat_sso_logins::exchange(**tx, *who.sso_login_id,
                                                          started->session.id, ctx.now_ms());
    if (!exchanged) return reject(internal_error("exchange login token", exchanged.error()));
    if (!*exchanged) return reject(CompatError::forbidden("Invalid login token"));
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(internal_error("commit login", committed.error()));
  }
  return std::move(*started);
}

}  // namespace

CompatResult<json> handle_login(const CompatContext& ctx, const httplib::Request& req) {
  auto body = parse_json_body(req.body);
  if (!body) return reject(body.error());
  auto request = parse_login_request(*body);
  if (!request) return reject(request.error());
  auto who = identify(ctx, req, *request);
  if (!who) return reject(who.error());
  auto started = store_login(ctx, req, *request, *who);
  if (!started) return reject(started.error());
  if (auto device = provision_compat_device(ctx, who->user, *started); !device) {
    // The homeserver did not take the device: the session has been ended.
    auto error = internal_error("create device on the homeserver", device.error());
    error.status = 503;
    error.message = "The homeserver could not create the device; try again";
    return reject(std::move(error));
  }
  json out = {{"user_id", ctx.user_id(who->user.username)},
              {"access_token", started->access_token},
              {"device_id", *started->session.device_id},
              {"home_server", ctx.config.matrix.homeserver},
              {"well_known", {{"m.homeserver", {{"base_url", ctx.config.matrix.endpoint}}}}}};
  if (started->refresh_token) {
    out["refresh_token"] = *started->refresh_token;
    out["expires_in_ms"] = *started->expires_in_ms;
  }
  return out;
}

}  // namespace gatehouse::auth::compat

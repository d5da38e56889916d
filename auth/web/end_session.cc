// GET /oauth2/logout: OpenID Connect RP-Initiated Logout 1.0. Ends the
// browser session, then returns to post_logout_redirect_uri (with `state`)
// when it is registered for the client named by id_token_hint or client_id
// (§2, §3); otherwise shows the signed-out page. An unregistered URI is
// shown as an error, never followed.
#include <nlohmann/json.hpp>

#include "auth/web/authorization_response.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/sign_out.h"
#include "shared/crypto/jws.h"
#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::web {
namespace {

// The client an id_token_hint was issued to, when it was issued by us. The
// signature is not checked: the hint only picks the client whose registered
// URIs the redirect is matched against, and naming another client is
// already possible with client_id (§2: the hint is a hint).
std::optional<std::string> hinted_client(const WebContext& ctx, std::string_view id_token) {
  auto decoded = crypto::decode_jws_unverified(id_token);
  if (!decoded) return std::nullopt;
  auto claims = nlohmann::json::parse(decoded->payload, nullptr, false);
  if (!claims.is_object() || claims.value("iss", "") != ctx.issuer()) return std::nullopt;
  const auto aud = claims.find("aud");
  if (aud != claims.end() && aud->is_string()) return aud->get<std::string>();
  return std::nullopt;
}

bool registered_for_logout(const storage::OAuth2Client& client, const std::string& uri) {
  const auto& list = client.post_logout_redirect_uris.empty() ? client.redirect_uris
                                                              : client.post_logout_redirect_uris;
  return std::find(list.begin(), list.end(), uri) != list.end();
}

}  // namespace

void handle_end_session(const WebContext& ctx, const httplib::Request& req,
                        httplib::Response& res) {
  const auto hint = req.get_param_value("id_token_hint");
  auto client_id = req.get_param_value("client_id");
  if (!hint.empty()) {
    auto hinted = hinted_client(ctx, hint);
    if (!hinted || (!client_id.empty() && client_id != *hinted)) {
      return error_page(ctx, res, 400, "Invalid sign-out request",
                        "The id_token_hint was not issued by this server to this client.");
    }
    client_id = *hinted;
  }
  const auto redirect = req.get_param_value("post_logout_redirect_uri");
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "end session: begin", tx.error());
  if (!redirect.empty()) {
    if (client_id.empty()) {
      return error_page(ctx, res, 400, "Invalid sign-out request",
                        "post_logout_redirect_uri needs client_id or id_token_hint.");
    }
    auto client = storage::oauth2_clients::find(**tx, client_id);
    if (!client) return internal_error_page(ctx, res, "end session: client", client.error());
    if (!*client || !registered_for_logout(**client, redirect)) {
      return error_page(ctx, res, 400, "Invalid sign-out request",
                        "The application asked to return to an address it did not register.",
                        redirect);
    }
  }
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "end session: visitor", visitor.error());
  auth::sessions::EndedSessions ended_sessions;
  if (auto ended = sign_out(ctx, **tx, *visitor, ended_sessions); !ended) {
    return internal_error_page(ctx, res, "end session", ended.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "end session: commit", committed.error());
  }
  announce_signed_out(ctx, ended_sessions);
  save_cookie(ctx, res, *visitor);
  if (!redirect.empty()) {
    AuthorizationResponse back{redirect, ResponseMode::kQuery, {}};
    const auto state = req.get_param_value("state");
    if (!state.empty()) back.params.emplace_back("state", state);
    return redirect_to(res, back.params.empty() ? redirect : response_location(back));
  }
  write_html(res, 200, ctx.templates.render(signed_out_page(ctx, *visitor)));
}

}  // namespace gatehouse::web

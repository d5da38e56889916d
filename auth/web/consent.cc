// GET|POST /consent/{grant_id}: the user approves or declines a pending
// authorization grant. Consent already on record for every requested scope
// is not asked again unless the client sent prompt=consent (OIDC Core
// §3.1.2.1); approval sends the code back in the requested response mode.
#include "auth/oauth2/scope.h"
#include "auth/web/authorization_request.h"
#include "auth/web/continuation.h"
#include "auth/web/grant_flow.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/redirect_uri.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_consent_repository.h"

namespace gatehouse::web {
namespace {

namespace oauth2 = gatehouse::auth::oauth2;

enum class Decision { kAsk, kAllow, kDeny };

ResponseMode mode_of(const storage::OAuth2AuthorizationGrant& grant) {
  return parse_response_mode(grant.response_mode).value_or(ResponseMode::kQuery);
}

}  // namespace

void handle_consent(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                    std::string_view grant_id) {
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "consent: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "consent: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  const bool is_post = req.method == "POST";
  if (is_post && !csrf_ok(ctx, req, *visitor)) {
    return error_page(ctx, res, 400, "This form has expired",
                      "Go back to the application and start signing in again.");
  }
  auto found = storage::oauth2_authorization_grants::find(**tx, grant_id);
  if (!found) return internal_error_page(ctx, res, "consent: grant", found.error());
  if (!*found || !(*found)->is_pending() ||
      ctx.now_ms() - (*found)->created_at > kPendingGrantLifetimeMs) {
    return error_page(ctx, res, 400, "This request is no longer valid",
                      "It was already answered or has expired. Go back to the application and "
                      "start signing in again.");
  }
  const auto& grant = **found;
  if (needs_login(grant, *visitor, ctx.now_ms())) {
    const Continuation next{Continuation::Kind::kAuthorizationGrant, grant.id};
    return redirect_to(res, ctx.url(login_path(next, grant.login_hint.value_or(""))));
  }
  auto client = storage::oauth2_clients::find(**tx, grant.client_id);
  if (!client) return internal_error_page(ctx, res, "consent: client", client.error());
  if (!*client) {
    return error_page(ctx, res, 400, "Unknown application",
                      "The application of this request is no longer registered.");
  }
  const auto tokens = oauth2::parse_scope(grant.scope);
  const auto state = grant.state.value_or("");
  auto answer = [&](const AuthorizationResponse& response) {
    if (auto committed = (*tx)->commit(); !committed) {
      return internal_error_page(ctx, res, "consent: commit", committed.error());
    }
    send_authorization_response(res, ctx.templates, response);
  };
  auto refuse = [&](std::string_view error, std::string_view description) {
    auto cancelled = storage::oauth2_authorization_grants::cancel(**tx, grant.id, ctx.now_ms());
    if (!cancelled) return internal_error_page(ctx, res, "consent: cancel", cancelled.error());
    answer(error_response(grant.redirect_uri, mode_of(grant), error, description, state,
                          ctx.issuer()));
  };

  // Admin scopes depend on who the user is (mas.md §4).
  if (auto bad = oauth2::validate_scope(
          tokens, {oauth2::GrantType::kAuthorizationCode, visitor->user->can_request_admin})) {
    return refuse("invalid_scope", bad->description);
  }
  Decision decision = Decision::kAsk;
  if (is_post) {
    decision = req.get_param_value("action") == "allow" ? Decision::kAllow : Decision::kDeny;
  } else if (!parse_prompt(grant.prompt.value_or("")).value_or(Prompt{}).consent) {
    auto approved = storage::oauth2_consents::find(**tx, grant.client_id, visitor->user->id);
    if (!approved) return internal_error_page(ctx, res, "consent: consents", approved.error());
    if (consent_covers(tokens, *approved)) decision = Decision::kAllow;
  }

  if (decision == Decision::kDeny) return refuse("access_denied", "the user declined the request");
  if (decision == Decision::kAllow) {
    const RequestOrigin origin{ctx.client_ip(req), req.get_header_value("User-Agent")};
    auto code = fulfil_authorization_grant(ctx, **tx, grant, *visitor, origin);
    if (!code) return internal_error_page(ctx, res, "consent: fulfil", code.error());
    if (!*code) {
      return error_page(ctx, res, 409, "This request is no longer valid",
                        "It was answered in another window.");
    }
    return answer(code_response(grant.redirect_uri, mode_of(grant), **code, state, ctx.issuer()));
  }

  ConsentPage page;
  page.action = ctx.url("consent/" + grant.id);
  page.logout_action = ctx.url("logout");
  page.csrf = visitor->cookie.csrf_secret;
  page.client_name = (*client)->client_name.value_or((*client)->id);
  page.redirect_host = uri_host(grant.redirect_uri);
  page.username = visitor->user->username;
  page.scopes = describe_scopes(tokens);
  write_html(res, 200, ctx.templates.render(page));
}

}  // namespace gatehouse::web

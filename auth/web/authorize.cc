// GET /authorize: the authorization code flow's front door (RFC 6749 §4.1.1,
// OIDC Core §3.1.2). Unknown clients and unregistered redirect URIs get a
// page, never a redirect (RFC 6749 §4.1.2.1); every later error goes back to
// the client. A valid request becomes a pending grant and the browser goes
// on to sign in or to consent.
#include "auth/oauth2/scope.h"
#include "auth/web/authorization_request.h"
#include "auth/web/continuation.h"
#include "auth/web/grant_flow.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/redirect_uri.h"
#include "shared/ids/ulid.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_consent_repository.h"

namespace gatehouse::web {
namespace {

namespace oauth2 = gatehouse::auth::oauth2;

std::optional<std::string> optional_text(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

storage::OAuth2AuthorizationGrant new_grant(const WebContext& ctx, const AuthorizationQuery& q,
                                            const AuthorizationRequest& r) {
  storage::OAuth2AuthorizationGrant grant;
  grant.id = ids::Ulid::generate(*ctx.app.clock).to_string();
  grant.client_id = r.client_id;
  // The token endpoint compares the redirect_uri it gets with this one
  // (RFC 6749 §4.1.3), so the one actually used is stored.
  grant.redirect_uri = r.redirect_uri;
  grant.scope = oauth2::join_scope(oauth2::parse_scope(r.scope));
  grant.state = optional_text(r.state);
  grant.nonce = optional_text(r.nonce);
  grant.code_challenge = optional_text(r.code_challenge);
  grant.code_challenge_method = optional_text(r.code_challenge_method);
  grant.response_mode = r.response_mode == ResponseMode::kQuery      ? "query"
                        : r.response_mode == ResponseMode::kFragment ? "fragment"
                                                                     : "form_post";
  grant.login_hint = optional_text(r.login_hint);
  grant.prompt = optional_text(q.prompt);
  grant.max_age = r.max_age;
  grant.created_at = ctx.now_ms();
  return grant;
}

}  // namespace

void handle_authorize(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const auto query = parse_authorization_query(req.params);
  for (const auto& name : query.repeated) {
    if (name == "client_id" || name == "redirect_uri") {
      return error_page(ctx, res, 400, "Invalid request", name + " was sent more than once.");
    }
  }
  if (query.client_id.empty()) {
    return error_page(ctx, res, 400, "Invalid request", "The request has no client_id.");
  }
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "authorize: begin", tx.error());
  auto client = storage::oauth2_clients::find(**tx, query.client_id);
  if (!client) return internal_error_page(ctx, res, "authorize: client lookup", client.error());
  if (!*client) {
    return error_page(ctx, res, 400, "Unknown application",
                      "The application that sent you here is not registered with this server.");
  }
  const auto& c = **client;
  const bool is_public = c.client_auth_method == "none";
  RedirectUriRules rules{c.application_type == "native" || is_public};
  auto redirect_uri = resolve_redirect_uri(c.redirect_uris, query.redirect_uri, rules);
  if (!redirect_uri) {
    return error_page(ctx, res, 400, "Invalid redirect URI",
                      "The application asked to send you to an address it did not register, "
                      "so this request was stopped.",
                      query.redirect_uri);
  }

  // From here on the client can be told (RFC 6749 §4.1.2.1).
  const ClientFacts facts{is_public, ctx.app.config.account.password_registration_enabled};
  auto request = validate_authorization_query(query, *redirect_uri, facts);
  auto to_client = [&](ResponseMode mode, std::string_view error, std::string_view description) {
    send_authorization_response(res, ctx.templates,
                                error_response(*redirect_uri, mode, error, description,
                                               query.state, ctx.issuer()));
  };
  if (!request) {
    return to_client(request.error().response_mode, request.error().error,
                     request.error().description);
  }
  if (!c.grant_types.empty() && std::find(c.grant_types.begin(), c.grant_types.end(),
                                          "authorization_code") == c.grant_types.end()) {
    return to_client(request->response_mode, "unauthorized_client",
                     "this client may not use the authorization code grant");
  }
  // The user is not known yet: admin scopes are checked again on consent.
  const auto tokens = oauth2::parse_scope(request->scope);
  if (auto bad = oauth2::validate_scope(tokens, {oauth2::GrantType::kAuthorizationCode, true})) {
    return to_client(request->response_mode, "invalid_scope", bad->description);
  }

  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "authorize: visitor", visitor.error());
  auto grant = new_grant(ctx, query, *request);
  if (auto added = storage::oauth2_authorization_grants::add(**tx, grant); !added) {
    return internal_error_page(ctx, res, "authorize: add grant", added.error());
  }

  const Continuation next{Continuation::Kind::kAuthorizationGrant, grant.id};
  std::string location;
  if (request->prompt.none) {
    // OIDC Core §3.1.2.1: no page may be shown; answer at once.
    std::string error;
    if (needs_login(grant, *visitor, ctx.now_ms())) {
      error = "login_required";
    } else {
      auto approved = storage::oauth2_consents::find(**tx, c.id, visitor->user->id);
      if (!approved) return internal_error_page(ctx, res, "authorize: consents", approved.error());
      if (!consent_covers(tokens, *approved)) error = "consent_required";
    }
    if (!error.empty()) {
      auto cancelled = storage::oauth2_authorization_grants::cancel(**tx, grant.id, ctx.now_ms());
      auto committed = cancelled ? (*tx)->commit() : Status(tl::unexpected(cancelled.error()));
      if (!committed) return internal_error_page(ctx, res, "authorize: commit", committed.error());
      save_cookie(ctx, res, *visitor);
      return to_client(request->response_mode, error, "");
    }
    location = continuation_path(next);  // consent, which answers without a page
  } else if (request->prompt.create) {
    location = "register?" + continuation_query(next);
  } else if (needs_login(grant, *visitor, ctx.now_ms())) {
    location = login_path(next, request->login_hint);
  } else {
    location = continuation_path(next);
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "authorize: commit", committed.error());
  }
  redirect_to(res, ctx.url(location));
  save_cookie(ctx, res, *visitor);
}

}  // namespace gatehouse::web

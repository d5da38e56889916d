// GET /upstream/authorize/{provider_id}[?kind=…&id=…]: starts a sign-in at
// an upstream provider. Records the trip (state, nonce, PKCE verifier and
// where to go afterwards), ties it to this browser's cookie, and sends the
// browser to the provider's authorization endpoint (OpenID Connect Core
// §3.1.2.1).
#include <spdlog/spdlog.h>

#include "auth/web/continuation.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/upstream_pages.h"
#include "shared/crypto/pkce.h"
#include "shared/crypto/random.h"
#include "shared/http/web_client.h"
#include "shared/ids/ulid.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/upstream_oauth_repository.h"

namespace gatehouse::web {
namespace {

// What additional_authorization_parameters templates see: `params` (the
// downstream request's login_hint, when it continues a grant) and
// `logged_out`.
Result<nlohmann::json> parameter_context(storage::Transaction& tx, const Continuation& next,
                                         bool signed_in) {
  nlohmann::json params = nlohmann::json::object();
  if (next.kind == Continuation::Kind::kAuthorizationGrant) {
    GH_TRY(auto grant, storage::oauth2_authorization_grants::find(tx, next.id));
    if (grant && grant->login_hint) params["login_hint"] = *grant->login_hint;
  }
  return nlohmann::json{{"params", params}, {"logged_out", !signed_in}};
}

std::string authorization_url(const auth::upstream::UpstreamProvider& provider,
                              const auth::upstream::ProviderEndpoints& endpoints,
                              const storage::UpstreamOAuthSession& trip,
                              const std::string& redirect_uri, const nlohmann::json& context) {
  const auto& p = provider.config;
  std::vector<std::pair<std::string, std::string>> query = {
      {"response_type", "code"}, {"client_id", p.client_id}, {"redirect_uri", redirect_uri},
      {"scope", p.scope},        {"state", trip.state},      {"nonce", trip.nonce}};
  if (trip.code_verifier) {
    query.emplace_back("code_challenge", crypto::pkce_s256_challenge(*trip.code_verifier));
    query.emplace_back("code_challenge_method", "S256");
  }
  if (p.response_mode == "form_post") query.emplace_back("response_mode", "form_post");
  for (const auto& [name, tmpl] : provider.authorization_parameters) {
    auto value = tmpl.render(context);
    if (!value.empty()) query.emplace_back(name, std::move(value));
  }
  const auto& base = endpoints.authorization_endpoint;
  return base + (base.find('?') == std::string::npos ? "?" : "&") + http::form_body(query);
}

}  // namespace

void handle_upstream_authorize(const WebContext& ctx, const httplib::Request& req,
                               httplib::Response& res, std::string_view provider_id) {
  const auto* provider = ctx.upstream->find(provider_id);
  if (!provider) {
    return error_page(ctx, res, 404, "Unknown sign-in provider",
                      "This server has no such upstream sign-in provider.");
  }
  auto endpoints = ctx.upstream_metadata->endpoints(*provider);
  if (!endpoints) {
    spdlog::warn("web: upstream {}: {}", provider->id(), endpoints.error().describe());
    return error_page(ctx, res, 502, "Cannot reach " + provider->name(),
                      "Signing in with " + provider->name() +
                          " is not possible just now. Please try again later.");
  }
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "upstream authorize: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "upstream authorize: visitor", visitor.error());
  const auto next = parse_continuation(req);
  auto context = parameter_context(**tx, next, visitor->signed_in());
  if (!context) return internal_error_page(ctx, res, "upstream authorize: grant", context.error());

  storage::UpstreamOAuthSession trip;
  trip.id = ids::Ulid::generate(*ctx.app.clock).to_string();
  trip.provider_id = provider->id();
  trip.state = crypto::random_alnum(32);
  trip.nonce = crypto::random_alnum(32);
  const auto& pkce = provider->config.pkce_method;
  if (pkce == "always" || (pkce == "auto" && endpoints->supports_s256)) {
    trip.code_verifier = crypto::random_alnum(64);
  }
  trip.continuation = continuation_query(next);
  trip.created_at = ctx.now_ms();
  if (auto added = storage::upstream_oauth_sessions::add(**tx, trip); !added) {
    return internal_error_page(ctx, res, "upstream authorize: add", added.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "upstream authorize: commit", committed.error());
  }
  visitor->cookie.upstream_session_id = trip.id;
  visitor->cookie_changed = true;
  save_cookie(ctx, res, *visitor);
  redirect_to(res, authorization_url(*provider, *endpoints, trip,
                                     upstream_callback_url(ctx, provider->id()), *context));
}

}  // namespace gatehouse::web

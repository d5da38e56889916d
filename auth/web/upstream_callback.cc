// GET|POST /upstream/callback/{provider_id}: where the provider sends the
// browser back (query, or form_post). Checks that this browser started
// this trip, trades the code for tokens, checks the ID token, reads
// userinfo when configured, records the provider account (a link, tied to
// no user yet if it is new) and the claims, then sends the browser to the
// link page, which decides what happens next.
//
// The provider's answer is believed only after every check of OpenID
// Connect Core §3.1.3.7; failures show a page naming what went wrong, never
// a token.
#include <spdlog/spdlog.h>

#include "auth/oauth2/context.h"
#include "auth/upstream/code_exchange.h"
#include "auth/upstream/id_token_check.h"
#include "auth/upstream/imported_attributes.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/upstream_pages.h"
#include "shared/crypto/jwk.h"
#include "shared/crypto/random.h"
#include "shared/ids/ulid.h"
#include "shared/storage/upstream_oauth_repository.h"

namespace gatehouse::web {
namespace {

namespace upstream = auth::upstream;

struct ProviderAnswer {
  nlohmann::json id_token_claims = nlohmann::json::object();
  std::optional<nlohmann::json> userinfo_claims;
};

bool asks_openid(const config::UpstreamProviderConfig& p) {
  return (" " + p.scope + " ").find(" openid ") != std::string::npos;
}

Result<nlohmann::json> checked_id_token(const WebContext& ctx, const upstream::UpstreamProvider& provider,
                                        const upstream::ProviderEndpoints& endpoints,
                                        const std::string& id_token, const std::string& nonce) {
  if (endpoints.jwks_uri.empty()) {
    return fail(ErrorCode::kUnavailable, "the provider has no jwks_uri to check its ID token with");
  }
  if (!ctx.app.oauth2) return fail(ErrorCode::kUnavailable, "the OAuth 2.0 service is not set up");
  const auto alg = crypto::parse_jws_algorithm(provider.config.id_token_signed_response_alg);
  if (!alg) {
    return fail(ErrorCode::kConfig, "id_token_signed_response_alg " +
                                        provider.config.id_token_signed_response_alg +
                                        " is not a known algorithm");
  }
  auto& fetcher = *ctx.app.oauth2->jwks_fetcher;
  const auto check = [&]() -> Result<nlohmann::json> {
    GH_TRY(auto jwks, fetcher.fetch(endpoints.jwks_uri));
    GH_TRY(auto keys, crypto::parse_jwks(jwks));
    return upstream::check_id_token(id_token, keys,
                                    {endpoints.issuer, provider.config.client_id, nonce, *alg,
                                     ctx.app.clock->unix_seconds()});
  };
  auto claims = check();
  // The provider may have rotated its keys since they were cached: once
  // more with fresh ones. (The token came from its token endpoint, not from
  // the browser, so nobody can make us fetch at will.)
  if (!claims && claims.error().code == ErrorCode::kUnauthorized) {
    fetcher.forget(endpoints.jwks_uri);
    claims = check();
  }
  return claims;
}

// Code → tokens → checked claims. Errors carry what to tell the person.
Result<ProviderAnswer> ask_provider(const WebContext& ctx, const upstream::UpstreamProvider& provider,
                                    const storage::UpstreamOAuthSession& trip,
                                    const std::string& code) {
  GH_TRY(auto endpoints, ctx.upstream_metadata->endpoints(provider));
  const upstream::CodeExchange exchange{code, upstream_callback_url(ctx, provider.id()),
                                        trip.code_verifier};
  const crypto::Keystore* keys = ctx.app.oauth2 ? ctx.app.oauth2->keystore.get() : nullptr;
  GH_TRY(auto tokens, upstream::exchange_code(provider, endpoints, exchange, keys, *ctx.app.clock));
  ProviderAnswer answer;
  if (tokens.id_token) {
    GH_TRY(answer.id_token_claims, checked_id_token(ctx, provider, endpoints, *tokens.id_token, trip.nonce));
  } else if (asks_openid(provider.config)) {
    return fail(ErrorCode::kUnauthorized, "the provider answered without the ID token it owes to the openid scope");
  } else if (!provider.config.fetch_userinfo) {
    return fail(ErrorCode::kConfig, "without the openid scope, fetch_userinfo must be true");
  }
  if (provider.config.fetch_userinfo) {
    GH_TRY(auto userinfo, upstream::fetch_userinfo(endpoints, tokens.access_token));
    // OpenID Connect Core §5.3.2: userinfo must be about the same subject.
    if (tokens.id_token && userinfo.value("sub", nlohmann::json()) != answer.id_token_claims["sub"]) {
      return fail(ErrorCode::kUnauthorized, "its userinfo is about another subject than its ID token");
    }
    answer.userinfo_claims = std::move(userinfo);
  }
  return answer;
}

// A form_post answer arrives as a cross-site POST, which does not carry our
// SameSite=Lax cookie: post the same fields again from our own page (a
// same-site POST, which does).
void post_again(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                std::string_view provider_id) {
  FormPostPage page{upstream_callback_url(ctx, provider_id), {}, crypto::random_alnum(22)};
  for (const auto& [name, value] : req.params) page.params.emplace_back(name, value);
  page.params.emplace_back("resubmitted", "1");
  write_html(res, 200, ctx.templates.render(page), page.script_nonce);
}

void provider_failed(const WebContext& ctx, httplib::Response& res,
                     const upstream::UpstreamProvider& provider, const Error& error) {
  spdlog::warn("web: upstream {}: sign-in failed: {}", provider.id(), error.describe());
  const int status = error.code == ErrorCode::kUnavailable ? 502 : 400;
  error_page(ctx, res, status, "Could not sign you in with " + provider.name(),
             "The answer from " + provider.name() + " could not be used. Please try again.",
             error.message);
}

}  // namespace

void handle_upstream_callback(const WebContext& ctx, const httplib::Request& req,
                              httplib::Response& res, std::string_view provider_id) {
  const auto* provider = ctx.upstream->find(provider_id);
  if (!provider) {
    return error_page(ctx, res, 404, "Unknown sign-in provider",
                      "This server has no such upstream sign-in provider.");
  }
  const auto state = req.get_param_value("state");
  if (state.empty()) {
    return error_page(ctx, res, 400, "Sign-in failed", "The provider's answer has no state.");
  }
  auto read = ctx.app.db->begin(storage::TxMode::kRead);
  if (!read) return internal_error_page(ctx, res, "upstream callback: begin", read.error());
  auto visitor = load_visitor(ctx, req, **read);
  if (!visitor) return internal_error_page(ctx, res, "upstream callback: visitor", visitor.error());
  auto trip = storage::upstream_oauth_sessions::find_by_state(**read, state);
  if (!trip) return internal_error_page(ctx, res, "upstream callback: find", trip.error());
  (void)(*read)->commit();
  const bool ours = *trip && visitor->cookie.upstream_session_id == (*trip)->id;
  if (!ours && req.method == "POST" && !req.has_param("resubmitted")) {
    return post_again(ctx, req, res, provider_id);
  }
  if (!*trip || (*trip)->provider_id != provider_id) {
    return error_page(ctx, res, 400, "Sign-in failed",
                      "This sign-in is unknown. Start again from the sign-in page.");
  }
  if (!ours) {
    return error_page(ctx, res, 400, "Sign-in failed",
                      "This sign-in was started in another browser. Start again from the sign-in "
                      "page in this one.");
  }
  const auto& t = **trip;
  if (t.completed_at || ctx.now_ms() - t.created_at > kUpstreamTripLifetimeMs) {
    return error_page(ctx, res, 400, "Sign-in failed",
                      "This sign-in has expired or was already used. Start again from the sign-in "
                      "page.");
  }
  if (req.has_param("error")) {
    // RFC 6749 §4.1.2.1: e.g. access_denied when the person said no there.
    std::string detail = req.get_param_value("error");
    if (req.has_param("error_description")) detail += ": " + req.get_param_value("error_description");
    return error_page(ctx, res, 400, "Not signed in with " + provider->name(),
                      provider->name() + " did not sign you in.", detail);
  }
  const auto code = req.get_param_value("code");
  if (code.empty()) {
    return error_page(ctx, res, 400, "Sign-in failed", "The provider's answer has no code.");
  }

  // Network calls to the provider, outside any transaction.
  auto answer = ask_provider(ctx, *provider, t, code);
  if (!answer) return provider_failed(ctx, res, *provider, answer.error());
  const auto context = upstream::claims_context(
      answer->id_token_claims, answer->userinfo_claims.value_or(nlohmann::json::object()));
  const auto imported = upstream::import_attributes(*provider, context);
  if (imported.subject.empty()) {
    return provider_failed(ctx, res, *provider,
                           Error{ErrorCode::kUnauthorized, "the provider named no subject", ""});
  }

  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "upstream callback: begin write", tx.error());
  auto link = storage::upstream_oauth_links::find_by_subject(**tx, provider->id(), imported.subject);
  if (!link) return internal_error_page(ctx, res, "upstream callback: link", link.error());
  std::string link_id;
  if (*link) {
    link_id = (*link)->id;
  } else {
    storage::UpstreamOAuthLink fresh;
    fresh.id = ids::Ulid::generate(*ctx.app.clock).to_string();
    fresh.provider_id = provider->id();
    fresh.subject = imported.subject;
    fresh.human_account_name = imported.account_name;
    fresh.created_at = ctx.now_ms();
    if (auto added = storage::upstream_oauth_links::add(**tx, fresh); !added) {
      return internal_error_page(ctx, res, "upstream callback: add link", added.error());
    }
    link_id = fresh.id;
  }
  std::optional<std::string> userinfo_text;
  if (answer->userinfo_claims) userinfo_text = answer->userinfo_claims->dump();
  auto completed = storage::upstream_oauth_sessions::complete(
      **tx, t.id, link_id, answer->id_token_claims.dump(), userinfo_text, ctx.now_ms());
  if (!completed) return internal_error_page(ctx, res, "upstream callback: complete", completed.error());
  if (!*completed) {
    return error_page(ctx, res, 400, "Sign-in failed",
                      "This sign-in was already used. Start again from the sign-in page.");
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "upstream callback: commit", committed.error());
  }
  redirect_to(res, ctx.url("upstream/link/" + t.id));
}

}  // namespace gatehouse::web

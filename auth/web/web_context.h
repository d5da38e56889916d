// What every human page shares, built once at startup by
// register_web_routes(): the app state (config, database, clock), the
// loaded templates, the cookie codec, the password checker and login limits,
// and URL building from `http.public_base` (so pages work behind a prefix).
// Thread safety: immutable after creation except the rate limiters, which
// are thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "auth/accounts/password_manager.h"
#include "auth/accounts/rate_limiter.h"
#include "auth/server/app.h"
#include "auth/web/session_cookie.h"
#include "auth/upstream/provider.h"
#include "auth/upstream/provider_metadata.h"
#include "auth/web/templates.h"
#include "shared/core/error.h"
#include "shared/http/cidr.h"

namespace gatehouse::web {

struct WebContext {
  auth::AppState& app;
  Templates templates;
  CookieCodec cookies;
  accounts::PasswordManager passwords;
  // The app's limiter (AppState::login_limits): shared with compat /login.
  std::shared_ptr<accounts::LoginRateLimits> login_limits;
  http::TrustedProxies proxies;
  // `rate_limiting.registration`: registration form submissions per client IP.
  std::unique_ptr<accounts::RateLimiter> registration_limits;
  // `rate_limiting.account_recovery`: recovery requests per IP and per address.
  std::unique_ptr<accounts::RateLimiter> recovery_limits_ip;
  std::unique_ptr<accounts::RateLimiter> recovery_limits_address;
  // `rate_limiting.email_authentication.emails_per_session`: codes mailed
  // per pending registration or address being added; `.per_ip` and
  // `.per_address`: addresses being added on the account page.
  std::unique_ptr<accounts::RateLimiter> code_limits;
  std::unique_ptr<accounts::RateLimiter> email_limits_ip;
  std::unique_ptr<accounts::RateLimiter> email_limits_address;
  // `upstream_oauth2`: the enabled providers, and their discovered endpoints.
  std::shared_ptr<const auth::upstream::UpstreamProviders> upstream;
  std::shared_ptr<auth::upstream::ProviderMetadata> upstream_metadata;

  // `path` without leading '/' appended to the public base: "login?…".
  std::string url(std::string_view path) const;
  const std::string& issuer() const { return app.config.http.issuer; }
  std::int64_t now_ms() const { return app.clock->unix_millis(); }
  std::string client_ip(const httplib::Request& req) const;
};

// Builds the context from the app's config. Errors: kConfig (templates
// directory, encryption key, password schemes, upstream templates).
Result<std::unique_ptr<WebContext>> make_web_context(auth::AppState& app);

// Takes one token from `per_ip`'s bucket for `ip`, then (if it had one)
// from `per_address`'s for `address`; the wait when either had none.
std::optional<std::chrono::milliseconds> over_limit(accounts::RateLimiter& per_ip,
                                                   const std::string& ip,
                                                   accounts::RateLimiter& per_address,
                                                   const std::string& address);

// An error page (status, title, message). Never a redirect.
void error_page(const WebContext& ctx, httplib::Response& res, int status, std::string title,
                std::string message, std::string detail = {});
// 500 page for a database or internal error; logs `error` (never secrets).
void internal_error_page(const WebContext& ctx, httplib::Response& res, std::string_view what,
                         const Error& error);

}  // namespace gatehouse::web

#include "auth/web/web_context.h"

#include <spdlog/spdlog.h>

#include "auth/accounts/accounts_config.h"
#include "auth/web/html_page.h"
#include "shared/crypto/encoding.h"
#include "shared/http/client_ip.h"

namespace gatehouse::web {

std::string WebContext::url(std::string_view path) const {
  const auto& base = app.config.http.public_base;  // always ends in '/'
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return base + std::string(path);
}

std::string WebContext::client_ip(const httplib::Request& req) const {
  return http::client_ip(req, proxies);
}

Result<std::unique_ptr<WebContext>> make_web_context(auth::AppState& app) {
  const auto& dir = app.config.templates.path.empty() ? default_templates_dir()
                                                      : app.config.templates.path;
  GH_TRY(auto templates, Templates::load(dir, default_templates_dir()));
  for (const auto& name : templates.from_fallback()) {
    spdlog::warn("templates.path: {} has no {}; using the built-in one (copy it from {} to change it)",
                 dir, name, default_templates_dir());
  }
  GH_TRY(auto encrypter, crypto::Encrypter::from_hex(crypto::hex_encode(app.config.secrets.encryption_key)));
  GH_TRY(auto passwords, accounts::password_manager_from_config(app.config.passwords));
  GH_TRY(auto proxies, http::TrustedProxies::parse(app.config.http.trusted_proxies));
  const bool secure = app.config.http.public_base.rfind("https://", 0) == 0;
  if (!app.login_limits) {
    app.login_limits = accounts::login_rate_limits_from_config(app.config.rate_limiting, *app.clock);
  }
  auto limits = app.login_limits;
  GH_TRY(auto upstream, auth::upstream::UpstreamProviders::compile(app.config.upstream_oauth2));
  return std::unique_ptr<WebContext>(new WebContext{
      app, std::move(templates), CookieCodec(std::move(encrypter), secure), std::move(passwords),
      std::move(limits), std::move(proxies),
      std::make_unique<accounts::RateLimiter>(accounts::to_limit(app.config.rate_limiting.registration),
                                              *app.clock),
      std::make_unique<accounts::RateLimiter>(
          accounts::to_limit(app.config.rate_limiting.account_recovery_per_ip), *app.clock),
      std::make_unique<accounts::RateLimiter>(
          accounts::to_limit(app.config.rate_limiting.account_recovery_per_address), *app.clock),
      std::make_unique<accounts::RateLimiter>(
          accounts::to_limit(app.config.rate_limiting.email_authentication_emails_per_session),
          *app.clock),
      std::make_unique<accounts::RateLimiter>(
          accounts::to_limit(app.config.rate_limiting.email_authentication_per_ip), *app.clock),
      std::make_unique<accounts::RateLimiter>(
          accounts::to_limit(app.config.rate_limiting.email_authentication_per_address), *app.clock),
      std::move(upstream), std::make_shared<auth::upstream::ProviderMetadata>(app.clock)});
}

std::optional<std::chrono::milliseconds> over_limit(accounts::RateLimiter& per_ip,
                                                   const std::string& ip,
                                                   accounts::RateLimiter& per_address,
                                                   const std::string& address) {
  if (auto limit = per_ip.check(ip); !limit.allowed) return limit.retry_after;
  if (auto limit = per_address.check(address); !limit.allowed) return limit.retry_after;
  return std::nullopt;
}

void error_page(const WebContext& ctx, httplib::Response& res, int status, std::string title,
                std::string message, std::string detail) {
  ErrorPage page{std::move(title), std::move(message), std::move(detail)};
  write_html(res, status, ctx.templates.render(page));
}

void internal_error_page(const WebContext& ctx, httplib::Response& res, std::string_view what,
                         const Error& error) {
  spdlog::error("web: {}: {}", what, error.describe());
  const int status = error.code == ErrorCode::kUnavailable ? 503 : 500;
  error_page(ctx, res, status, "Something went wrong",
             "The server could not complete this request. Please try again in a moment.");
}

}  // namespace gatehouse::web

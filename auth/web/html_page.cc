#include "auth/web/html_page.h"

namespace gatehouse::web {
namespace {

void human_headers(httplib::Response& res, std::string_view script_nonce) {
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  std::string csp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
  if (!script_nonce.empty()) csp += "; script-src 'nonce-" + std::string(script_nonce) + "'";
  res.set_header("Content-Security-Policy", csp);
}

}  // namespace

void write_html(httplib::Response& res, int status, std::string body,
                std::string_view script_nonce) {
  human_headers(res, script_nonce);
  res.status = status;
  res.set_content(std::move(body), "text/html; charset=utf-8");
}

void redirect_to(httplib::Response& res, const std::string& location) {
  human_headers(res, {});
  res.status = 303;
  res.set_header("Location", location);
}

std::int64_t set_retry_after(httplib::Response& res, std::chrono::milliseconds wait) {
  const std::int64_t seconds = (wait.count() + 999) / 1000;
  res.set_header("Retry-After", std::to_string(seconds));
  return seconds;
}

}  // namespace gatehouse::web

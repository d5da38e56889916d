#include "auth/web/session_cookie.h"

#include <nlohmann/json.hpp>

namespace gatehouse::web {

std::string CookieCodec::seal(const SessionCookie& cookie) const {
  nlohmann::json body = {{"v", 1},
                         {"sid", cookie.user_session_id},
                         {"csrf", cookie.csrf_secret},
                         {"csrf_exp", cookie.csrf_expires_at}};
  if (!cookie.upstream_session_id.empty()) body["up"] = cookie.upstream_session_id;
  if (!cookie.registration_id.empty()) body["reg"] = cookie.registration_id;
  auto sealed = encrypter_.encrypt(body.dump());
  // Encryption fails only when OpenSSL does; an empty cookie is then the
  // safe answer (the browser is treated as signed out).
  return sealed ? *sealed : std::string();
}

std::optional<SessionCookie> CookieCodec::open(std::string_view value) const {
  auto plain = encrypter_.decrypt(value);
  if (!plain) return std::nullopt;
  auto body = nlohmann::json::parse(*plain, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || body.value("v", 0) != 1) return std::nullopt;
  const auto sid = body.find("sid");
  const auto csrf = body.find("csrf");
  const auto exp = body.find("csrf_exp");
  if (sid == body.end() || !sid->is_string() || csrf == body.end() || !csrf->is_string() ||
      exp == body.end() || !exp->is_number_integer()) {
    return std::nullopt;
  }
  // "up" and "reg" are optional: cookies sealed before they existed still open.
  const auto text_of = [&](const char* key) {
    const auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return SessionCookie{sid->get<std::string>(), csrf->get<std::string>(), exp->get<std::int64_t>(),
                       text_of("up"), text_of("reg")};
}

std::optional<SessionCookie> CookieCodec::read(const httplib::Request& req) const {
  // Several Cookie headers may arrive (HTTP/2 proxies split them).
  const auto count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    auto value = find_cookie(req.get_header_value("Cookie", i), kSessionCookieName);
    if (!value) continue;
    if (auto cookie = open(*value)) return cookie;
  }
  return std::nullopt;
}

std::string CookieCodec::set_cookie_header(const SessionCookie& cookie) const {
  std::string header = std::string(kSessionCookieName) + "=" + seal(cookie) +
                       "; Path=/; HttpOnly; SameSite=Lax";
  if (secure_) header += "; Secure";
  return header;
}

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
    std::string_view value = pair.substr(eq + 1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace gatehouse::web

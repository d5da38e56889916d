#include "auth/compat/compat_sso.h"

#include <cctype>

#include "shared/crypto/random.h"
#include "shared/ids/token.h"
#include "shared/storage/compat_sso_login_repository.h"

namespace gatehouse::auth::compat {
namespace {

// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
std::optional<std::string_view> scheme_of(std::string_view url) {
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const auto scheme = url.substr(0, colon);
  if (!std::isalpha(static_cast<unsigned char>(scheme.front()))) return std::nullopt;
  for (char c : scheme) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  return scheme;
}

std::string_view authority_of(std::string_view url) {
  const auto start = url.find("://");
  if (start == std::string_view::npos) return {};
  auto rest = url.substr(start + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  return rest;
}

}  // namespace

bool is_valid_redirect_url(std::string_view url) {
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  const auto scheme = scheme_of(url);
  if (!scheme) return false;
  std::string lower(*scheme);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "javascript" || lower == "data" || lower == "vbscript") return false;
  if (lower == "http" || lower == "https") return !authority_of(url).empty();
  return url.size() > scheme->size() + 1;
}

std::string redirect_host(std::string_view url) {
  const auto authority = authority_of(url);
  if (!authority.empty()) return std::string(authority);
  return std::string(scheme_of(url).value_or(url));
}

std::string with_login_token(std::string_view url, std::string_view token) {
  const auto hash = url.find('#');
  const auto base = url.substr(0, hash);
  const auto fragment = hash == std::string_view::npos ? std::string_view{} : url.substr(hash);
  const char joiner = base.find('?') == std::string_view::npos ? '?'
                      : (base.back() == '?' || base.back() == '&') ? '\0' : '&';
  std::string out(base);
  if (joiner != '\0') out += joiner;
  out += "loginToken=";
  out += token;
  out += fragment;
  return out;
}

Result<std::string> add_sso_login(storage::Transaction& tx, std::string id,
                                  std::string redirect_url, std::int64_t now_ms) {
  storage::CompatSsoLogin login;
  login.id = std::move(id);
  login.redirect_uri = std::move(redirect_url);
  // The real login token is made at fulfilment (only then is it shown);
  // until then the column holds the fingerprint of a token nobody knows.
  login.login_token_fingerprint = ids::token_fingerprint(crypto::random_alnum(32));
  login.created_at = now_ms;
  GH_TRY_STATUS(storage::compat_sso_logins::add(tx, login));
  return login.id;
}

Result<std::optional<std::string>> fulfill_sso_login(storage::Transaction& tx,
                                                     const storage::CompatSsoLogin& login,
                                                     const std::string& user_id,
                                                     std::int64_t now_ms) {
  // MAS's login tokens are 32 random alphanumerics without a prefix.
  const std::string token = crypto::random_alnum(32);
  GH_TRY(bool fulfilled, storage::compat_sso_logins::fulfill(tx, login.id, user_id,
                                                             ids::token_fingerprint(token), now_ms));
  if (!fulfilled) return std::optional<std::string>{};
  return std::optional<std::string>(with_login_token(login.redirect_uri, token));
}

}  // namespace gatehouse::auth::compat

#include "auth/web/redirect_uri.h"

namespace gatehouse::web {
namespace {

struct LoopbackParts {
  std::string_view host;  // "127.0.0.1" or "[::1]"
  std::string_view rest;  // path, query (everything after the authority)
};

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<LoopbackParts> loopback_parts(std::string_view uri) {
  constexpr std::string_view kScheme = "http://";
  if (uri.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  std::string_view rest = uri.substr(kScheme.size());
  const auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  for (std::string_view host : {std::string_view("127.0.0.1"), std::string_view("[::1]")}) {
    if (authority.substr(0, host.size()) != host) continue;
    std::string_view port = authority.substr(host.size());
    if (port.empty() || (port.front() == ':' && port.size() > 1 && port.size() <= 6 &&
                         all_digits(port.substr(1)))) {
      return LoopbackParts{host, rest};
    }
  }
  return std::nullopt;
}

}  // namespace

bool is_loopback_redirect(std::string_view uri) { return loopback_parts(uri).has_value(); }

std::optional<std::string> resolve_redirect_uri(const std::vector<std::string>& registered,
                                                std::string_view requested,
                                                RedirectUriRules rules) {
  if (requested.empty()) {
    if (registered.size() == 1) return registered.front();
    return std::nullopt;
  }
  for (const auto& uri : registered) {
    if (uri == requested) return uri;
  }
  if (!rules.loopback_any_port) return std::nullopt;
  auto asked = loopback_parts(requested);
  if (!asked) return std::nullopt;
  for (const auto& uri : registered) {
    auto allowed = loopback_parts(uri);
    if (allowed && allowed->host == asked->host && allowed->rest == asked->rest) {
      return std::string(requested);
    }
  }
  return std::nullopt;
}

std::string uri_host(std::string_view uri) {
  const auto scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos) return std::string();
  std::string_view rest = uri.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const auto at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  return std::string(rest);
}

}  // namespace gatehouse::web

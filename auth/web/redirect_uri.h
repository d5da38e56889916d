// Which redirect_uri an authorization request may use (RFC 6749 §3.1.2.3):
// the requested one must equal a registered one exactly (simple string
// comparison, RFC 3986 §6.2.1), except that native clients may use any port
// on a loopback IP literal (RFC 8252 §7.3: the port is chosen by the OS at
// request time). A request without redirect_uri gets the registered one
// only when exactly one is registered.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::web {

// RFC 8252 §7.3 applies to native apps, which are public clients (§8.4);
// the caller says whether this client gets the rule.
struct RedirectUriRules {
  bool loopback_any_port = false;
};

// The redirect_uri to use, or nullopt when the request's does not match.
// `requested` empty means "absent".
std::optional<std::string> resolve_redirect_uri(const std::vector<std::string>& registered,
                                                std::string_view requested,
                                                RedirectUriRules rules);

// True for http://127.0.0.1[:port]/… and http://[::1][:port]/…; RFC 8252
// §8.3 prefers the IP literal to "localhost", which is not special here.
bool is_loopback_redirect(std::string_view uri);

// The host (with port, if any) of an absolute URI, for the consent page.
std::string uri_host(std::string_view uri);

}  // namespace gatehouse::web

// The client address of a request, seen through trusted reverse proxies
// (MAS's http.trusted_proxies). Rate limits, audit records and the access
// log use it; see resolve_client_ip() in cidr.h for the rules.
// Thread safety: stateless.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>

#include "shared/http/cidr.h"

namespace gatehouse::http {

// The peer address unless the peer is a trusted proxy, in which case the
// nearest untrusted address of X-Forwarded-For (all instances).
std::string client_ip(const httplib::Request& req, const TrustedProxies& proxies);

// The request path as sent (still percent-encoded), without the query string.
std::string_view raw_path(const httplib::Request& req);

}  // namespace gatehouse::http

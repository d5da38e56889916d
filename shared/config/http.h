// `http`: where the auth service listens and how it names itself.
// MAS: crates/config/src/sections/http.rs (mas.md §5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/config/decode.h"

namespace gatehouse::config {

// What a listener serves (MAS `resources[].name`).
enum class Resource {
  kDiscovery,       // /.well-known/openid-configuration, JWKS
  kHuman,           // HTML pages: login, consent, account
  kOAuth,           // /oauth2/* endpoints
  kCompat,          // legacy /_matrix/client/*/login, logout, refresh
  kGraphQL,         // MAS's internal GraphQL API
  kAssets,          // static files
  kAdminApi,        // /api/admin/v1
  kHealth,          // GET /health
  kPrometheus,      // GET /metrics
  kConnectionInfo,  // GET /connection-info
};
std::string_view to_string(Resource resource);

// An address to bind: TCP (host is an IP or name, without IPv6 brackets),
// or, when `socket` is set, a UNIX socket at that path (MAS's
// `{socket, mode}`), created with permission bits `mode` if given.
struct Bind {
  std::string host;
  std::uint16_t port = 0;
  std::string socket;
  std::optional<unsigned> mode;
};

// Parses "host:port", "[v6]:port". The port must be 0..65535.
Result<Bind> parse_bind_address(std::string_view address);

struct Listener {
  std::string name;                  // for logs; default empty
  std::vector<Resource> resources;   // default none
  std::string prefix;                // path prefix for every route; default ""
  std::vector<Bind> binds;           // at least one
};

// The MAS layout, minus graphql/assets (Gatehouse serves neither by default):
// "web" on 127.0.0.1:8080 (discovery, human, oauth, compat, health) and
// "internal" on 127.0.0.1:8081 (health, prometheus).
std::vector<Listener> default_listeners();

struct HttpConfig {
  // The public URL of the service, always ending in "/".
  // Default "http://127.0.0.1:8080/".
  std::string public_base = "http://127.0.0.1:8080/";
  // The OIDC issuer. Default: public_base.
  std::string issuer = "http://127.0.0.1:8080/";
  // CIDRs whose X-Forwarded-For is believed. Default: private ranges and
  // loopback (MAS's list).
  std::vector<std::string> trusted_proxies = {"192.168.0.0/16", "172.16.0.0/12", "10.0.0.0/8",
                                              "127.0.0.0/8",    "fd00::/8",      "::1/128"};
  // Gatehouse only: HTTP thread-pool size, 1..4096. Default 64. Each thread
  // costs a stack (8 MiB virtual); fewer threads queue requests sooner.
  int worker_threads = 64;
  // Default: default_listeners().
  std::vector<Listener> listeners = default_listeners();
};

// True for "a.b.c.d/n" (n <= 32) and "v6/n" (n <= 128).
bool is_cidr(std::string_view text);

void decode(Section& section, HttpConfig& out);

}  // namespace gatehouse::config

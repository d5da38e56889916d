#include "auth/server/listeners.h"

#include <string>

namespace gatehouse::auth {

Result<http::ServerOptions> server_options(const config::HttpConfig& http) {
  http::ServerOptions options;
  options.worker_threads = static_cast<std::size_t>(http.worker_threads);
  GH_TRY(options.trusted_proxies, http::TrustedProxies::parse(http.trusted_proxies));
  for (const auto& listener : http.listeners) {
    http::Listener out;
    out.name = listener.name;
    out.prefix = listener.prefix;
    for (const auto& bind : listener.binds) {
      out.binds.push_back(http::Bind{bind.host, bind.port, bind.socket, bind.mode});
    }
    for (auto resource : listener.resources) out.resources.emplace_back(config::to_string(resource));
    options.listeners.push_back(std::move(out));
  }
  return options;
}

}  // namespace gatehouse::auth

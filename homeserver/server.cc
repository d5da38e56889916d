#include "homeserver/server.h"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "homeserver/api/client_api.h"
#include "homeserver/api/versions.h"
#include "homeserver/provisioning/provisioning.h"
#include "homeserver/storage/migrations.h"
#include "shared/core/log.h"
#include "shared/http/health.h"
#include "shared/http/shutdown_signals.h"

namespace gatehouse::homeserver {
namespace {

std::vector<std::string> effective_bind_addresses(std::vector<std::string> addresses) {
  const bool dual_stack = std::find(addresses.begin(), addresses.end(), "::") != addresses.end();
  if (dual_stack) std::erase(addresses, "0.0.0.0");
  return addresses;
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

http::Routes build_routes(Context& ctx) {
  http::Routes routes;
  http::register_health(routes, [db = ctx.db] { return db->ping(); });
  api::register_versions(routes);
  api::register_discovery(routes, ctx);
  api::register_account(routes, ctx);
  api::register_devices(routes, ctx);
  api::register_profile(routes, ctx);
  api::register_forwarding(routes, ctx);
  api::register_appservice_registration(routes, ctx);
  provisioning::register_provisioning(routes, ctx);
  return routes;
}

http::ServerOptions server_options(const config::HomeserverConfig& config) {
  http::ServerOptions options;
  for (std::size_t i = 0; i < config.listeners.size(); ++i) {
    const auto& source = config.listeners[i];
    http::Listener listener;
    listener.name = fmt::format("listener{}", i);
    for (const auto& address : effective_bind_addresses(source.bind_addresses)) {
      listener.binds.push_back(http::Bind{address, source.port});
    }
    listener.resources = source.resources;
    if (std::find(listener.resources.begin(), listener.resources.end(), "health") ==
        listener.resources.end()) {
      listener.resources.push_back("health");
    }
    listener.trusted_proxies = source.x_forwarded
                                   ? *http::TrustedProxies::parse({"0.0.0.0/0", "::/0"})
                                   : http::TrustedProxies();
    options.listeners.push_back(std::move(listener));
  }
  return options;
}

Status run(const config::HomeserverConfig& config) {
  static const SystemClock clock;
  GH_TRY(auto db, storage::open_and_migrate(config.database_uri, clock));
  GH_TRY(auto ctx, make_context(config, clock, db));
  const http::Routes routes = build_routes(*ctx);
  http::Server server(server_options(config), routes);
  GH_TRY_STATUS(server.start());

  std::string addresses;
  for (const auto& bound : server.bound()) {
    if (!addresses.empty()) addresses += ", ";
    addresses += fmt::format("http://{}:{}", url_host(bound.host), bound.port);
  }
  std::printf("gatehouse-homeserver %s listening on %s\n", config.server_name.c_str(),
              addresses.c_str());
  std::fflush(stdout);

  http::ShutdownSignals signals([&server](int signo) {
    spdlog::info("received signal {}, finishing requests in flight", signo);
    server.stop();
  });
  server.wait();
  spdlog::info("stopped");
  return ok();
}

}  // namespace gatehouse::homeserver

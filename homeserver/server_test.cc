#include "homeserver/server.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "homeserver/api/versions.h"
#include "homeserver/storage/migrations.h"

using namespace gatehouse;
using nlohmann::json;

namespace {

config::HomeserverConfig one_listener(std::vector<std::string> resources) {
  config::HomeserverConfig config;
  config.server_name = "example.org";
  config.listeners = {config::HomeserverListener{0, {"127.0.0.1"}, false, std::move(resources)}};
  return config;
}

// The homeserver's routes and listeners from `config`, on a free port, with
// an in-memory database.
struct RunningHomeserver {
  explicit RunningHomeserver(config::HomeserverConfig config_)
      : config(std::move(config_)),
        ctx(context(config, clock)),
        routes(homeserver::build_routes(*ctx)),
        server(options(config), routes) {
    REQUIRE(server.start());
  }
  static std::unique_ptr<homeserver::Context> context(const config::HomeserverConfig& config,
                                                      const Clock& clock) {
    auto db = homeserver::storage::open_and_migrate("sqlite::memory:", clock);
    REQUIRE(db);
    auto ctx = homeserver::make_context(config, clock, *db);
    REQUIRE(ctx);
    return std::move(*ctx);
  }
  static http::ServerOptions options(const config::HomeserverConfig& config) {
    auto options = homeserver::server_options(config);
    options.worker_threads = 2;
    return options;
  }
  httplib::Client client() { return httplib::Client("127.0.0.1", server.bound_ports().at(0)); }

  config::HomeserverConfig config;
  FakeClock clock;
  std::unique_ptr<homeserver::Context> ctx;
  http::Routes routes;
  http::Server server;
};

}  // namespace

TEST_CASE("versions list r0 and v1 releases up to v1.15") {
  const json doc = homeserver::api::versions_document();
  const auto& versions = doc["versions"];
  auto has = [&](const char* v) { return std::find(versions.begin(), versions.end(), v) != versions.end(); };
  CHECK(has("r0.0.1"));
  CHECK(has("r0.6.1"));
  CHECK(has("v1.1"));
  CHECK(has("v1.15"));
  CHECK_FALSE(has("v1.16"));
  CHECK(doc["unstable_features"] == json::object());
}

TEST_CASE("listeners from config: health everywhere, dual stack, x_forwarded") {
  config::HomeserverConfig config;
  config.listeners = {
      config::HomeserverListener{8008, {"::", "0.0.0.0"}, true, {"client"}},
      config::HomeserverListener{9000, {"127.0.0.1", "::1"}, false, {"health"}},
  };
  const auto options = homeserver::server_options(config);
  REQUIRE(options.listeners.size() == 2);
  const auto& first = options.listeners[0];
  REQUIRE(first.binds.size() == 1);
  CHECK(first.binds[0].host == "::");
  CHECK(first.binds[0].port == 8008);
  CHECK(first.resources == std::vector<std::string>{"client", "health"});
  REQUIRE(first.trusted_proxies);
  CHECK(first.trusted_proxies->contains(*http::IpAddress::parse("203.0.113.9")));
  CHECK(first.trusted_proxies->contains(*http::IpAddress::parse("2001:db8::1")));
  const auto& second = options.listeners[1];
  CHECK(second.binds.size() == 2);
  CHECK(second.resources == std::vector<std::string>{"health"});
  REQUIRE(second.trusted_proxies);
  CHECK_FALSE(second.trusted_proxies->contains(*http::IpAddress::parse("127.0.0.1")));
}

TEST_CASE("a client listener serves /health and /_matrix/client/versions") {
  RunningHomeserver homeserver(one_listener({"client"}));
  auto client = homeserver.client();

  auto health = client.Get("/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(json::parse(health->body) == json{{"status", "ok"}});

  auto versions = client.Get("/_matrix/client/versions");
  REQUIRE(versions);
  CHECK(versions->status == 200);
  CHECK(versions->get_header_value("Access-Control-Allow-Origin") == "*");
  CHECK(json::parse(versions->body) == homeserver::api::versions_document());

  auto unknown = client.Get("/_matrix/client/v3/sync");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(json::parse(unknown->body)["errcode"] == "M_UNRECOGNIZED");
}

TEST_CASE("a health-only listener does not serve the client API") {
  RunningHomeserver homeserver(one_listener({"health"}));
  auto versions = homeserver.client().Get("/_matrix/client/versions");
  REQUIRE(versions);
  CHECK(versions->status == 404);
}

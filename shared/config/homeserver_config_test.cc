#include "shared/config/homeserver_config.h"

#include <doctest/doctest.h>

#include "shared/config/test_files.h"

namespace gatehouse::config {
namespace {

TEST_CASE("a Synapse-style homeserver config decodes") {
  testing::TempDir dir;
  std::string secret = dir.write("mas.secret", "shared-value\n");
  auto loaded = load_homeserver({dir.write(
      "hs.yaml",
      "server_name: example.com\npublic_baseurl: https://matrix.example.com\n"
      "listeners:\n  - port: 8448\n    bind_addresses: ['::1', 127.0.0.1]\n    type: http\n"
      "    x_forwarded: true\n    resources:\n      - names: [client, federation]\n"
      "database:\n  name: psycopg2\n  args:\n    user: synapse\n    password: \"p w\"\n"
      "    dbname: hs\n    host: db\n    port: 5432\n"
      "matrix_authentication_service:\n  enabled: true\n  endpoint: http://mas:8080\n"
      "  secret_path: " + secret + "\n"
      "  token_cache: {max_entries: 500, ttl_seconds: 0}\n"
      "app_service_config_files: [/etc/bridge.yaml]\nlog_level: debug\n")});
  REQUIRE_MESSAGE(loaded, loaded.error().message);
  CHECK(loaded->warnings.empty());
  const HomeserverConfig& c = loaded->config;
  CHECK(c.server_name == "example.com");
  CHECK(c.public_baseurl == "https://matrix.example.com/");
  REQUIRE(c.listeners.size() == 1);
  CHECK(c.listeners[0].port == 8448);
  CHECK(c.listeners[0].bind_addresses == std::vector<std::string>{"::1", "127.0.0.1"});
  CHECK(c.listeners[0].x_forwarded);
  CHECK(c.listeners[0].resources == std::vector<std::string>{"client", "federation"});
  CHECK(c.database_uri == "postgresql://synapse:p%20w@db:5432/hs");
  CHECK(c.matrix_authentication_service.endpoint == "http://mas:8080/");
  CHECK(c.matrix_authentication_service.secret == "shared-value");
  CHECK(c.matrix_authentication_service.token_cache_max_entries == 500);
  CHECK(c.matrix_authentication_service.token_cache_ttl_seconds == 0);
  CHECK(c.app_service_config_files == std::vector<std::string>{"/etc/bridge.yaml"});
  CHECK(c.log_level == "debug");
}

TEST_CASE("the auth service may be reached over its UNIX socket, with an http:// endpoint only") {
  testing::TempDir dir;
  auto loaded = load_homeserver({dir.write(
      "hs.yaml", "server_name: x\nmatrix_authentication_service:\n  enabled: true\n  secret: a\n"
                 "  endpoint: http://auth.internal/\n  socket: /run/gatehouse/auth.sock\n")});
  REQUIRE_MESSAGE(loaded, loaded.error().message);
  CHECK(loaded->warnings.empty());
  CHECK(loaded->config.matrix_authentication_service.socket == "/run/gatehouse/auth.sock");

  auto tls = load_homeserver({dir.write(
      "hs2.yaml", "server_name: x\nmatrix_authentication_service:\n  enabled: true\n  secret: a\n"
                  "  endpoint: https://auth.example.com/\n  socket: /run/gatehouse/auth.sock\n")});
  REQUIRE(!tls);
  CHECK(tls.error().message == dir.path("hs2.yaml") +
                                   ": matrix_authentication_service.socket: needs an http:// endpoint "
                                   "(the socket carries plain HTTP)");
}

TEST_CASE("homeserver config errors and warnings follow the same rules") {
  testing::TempDir dir;
  auto loaded = load_homeserver({dir.write(
      "hs.yaml",
      "public_baseurl: 5\nreport_stats: false\n"
      "matrix_authentication_service: {enabled: true, secret: a, secret_path: /x}\n")});
  REQUIRE(!loaded);
  std::string f = dir.path("hs.yaml") + ": ";
  CHECK(loaded.error().message ==
        f + "server_name: required (the domain in user IDs, e.g. example.com)\n" +
        f + "public_baseurl: expected a string, got a number (5)\n" +
        f + "matrix_authentication_service.secret: set either `secret` or `secret_path`, not both");

  auto warned = load_homeserver({dir.write(
      "hs2.yaml", "server_name: x\nreport_stats: false\n"
                  "matrix_authentication_service: {enabled: true, secret: a}\n"
                  "listeners: [{port: 9000, type: metrics}]\n")});
  REQUIRE(warned);
  CHECK(warned->warnings.size() == 2);
  CHECK(warned->warnings[0] == dir.path("hs2.yaml") +
                                   ": listeners[0].type: only `http` listeners are supported; "
                                   "`metrics` listener ignored");
  CHECK(warned->config.listeners.empty());
  CHECK(warned->config.database_uri == "sqlite:homeserver.db");

  auto disabled = load_homeserver({dir.write("hs3.yaml", "server_name: x\n")});
  REQUIRE(!disabled);
  CHECK(disabled.error().message.find("matrix_authentication_service.enabled: must be true") !=
        std::string::npos);
}

}  // namespace
}  // namespace gatehouse::config

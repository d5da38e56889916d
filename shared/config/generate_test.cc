#include "shared/config/generate.h"

#include <doctest/doctest.h>

#include "shared/config/config.h"
#include "shared/config/homeserver_config.h"
#include "shared/config/test_files.h"

namespace gatehouse::config {
namespace {

TEST_CASE("a generated pair loads cleanly and shares one secret") {
  GenerateOptions options;
  options.web_port = 18080;
  options.internal_port = 18081;
  options.homeserver_port = 18008;
  auto generated = generate(options);
  REQUIRE(generated);
  testing::TempDir dir;
  auto auth = load({dir.write("config.yaml", generated->config_yaml)});
  REQUIRE_MESSAGE(auth, auth.error().message);
  CHECK(auth->warnings.empty());
  auto hs = load_homeserver({dir.write("homeserver.yaml", generated->homeserver_yaml)});
  REQUIRE_MESSAGE(hs, hs.error().message);
  CHECK(hs->warnings.empty());

  const Config& c = auth->config;
  CHECK(c.matrix.secret.size() == 32);
  CHECK(c.matrix.secret == hs->config.matrix_authentication_service.secret);
  CHECK(c.matrix.homeserver == hs->config.server_name);
  CHECK(c.matrix.endpoint == "http://127.0.0.1:18008/");
  CHECK(hs->config.matrix_authentication_service.endpoint == c.http.public_base);
  CHECK(c.http.public_base == "http://127.0.0.1:18080/");
  REQUIRE(c.http.listeners.size() == 2);
  CHECK(c.http.listeners[0].binds[0].port == 18080);
  CHECK(c.http.listeners[1].binds[0].port == 18081);
  CHECK(c.secrets.encryption_key.size() == 32);
  REQUIRE(c.secrets.keys.size() == 2);
  CHECK(c.secrets.keys[0].pem.find("-----BEGIN PRIVATE KEY-----") == 0);
  CHECK(c.secrets.keys[0].kid.empty());
  CHECK(c.database.connection_uri() == "sqlite:gatehouse.db");
  REQUIRE(hs->config.listeners.size() == 1);
  CHECK(hs->config.listeners[0].port == 18008);
  CHECK(hs->config.database_uri == "sqlite:homeserver.db");
}

TEST_CASE("two generations differ in every secret") {
  auto a = generate();
  auto b = generate();
  REQUIRE(a);
  REQUIRE(b);
  testing::TempDir dir;
  auto la = load({dir.write("a.yaml", a->config_yaml)});
  auto lb = load({dir.write("b.yaml", b->config_yaml)});
  REQUIRE(la);
  REQUIRE(lb);
  CHECK(la->config.matrix.secret != lb->config.matrix.secret);
  CHECK(la->config.secrets.encryption_key != lb->config.secrets.encryption_key);
  CHECK(la->config.secrets.keys[0].pem != lb->config.secrets.keys[0].pem);
}

}  // namespace
}  // namespace gatehouse::config

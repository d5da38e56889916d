// The homeserver's introspection request, as the auth service receives it.
#include "homeserver/introspection/introspector.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "shared/http/test_lib_server.h"

using namespace gatehouse;
using http::HttpClient;
using http::testing::LibServer;

TEST_CASE("the introspection request: form-encoded token, bearer secret, MAS headers") {
  LibServer s;
  std::vector<std::string> tokens_seen;
  std::string auth, device_support, body;
  s.server.Post("/oauth2/introspect", [&](const httplib::Request& req, httplib::Response& res) {
    tokens_seen.push_back(req.get_param_value("token"));
    auth = req.get_header_value("Authorization");
    device_support = req.get_header_value("X-MAS-Supports-Device-Id");
    body = req.body;
    res.set_content(R"({"active":true,"username":"alice"})", "application/json");
  });
  s.start();
  HttpClient client(s.endpoint(), "the auth service");
  const std::string secret = "shared-secret";
  homeserver::introspection::HttpIntrospector introspector(client, secret);
  // URL-safe as it is; anything else percent-encoded.
  auto plain = introspector.introspect("mat_AbC123_-.~xyz");
  REQUIRE(plain);
  CHECK((*plain)["username"] == "alice");
  CHECK(body == "token=mat_AbC123_-.~xyz&token_type_hint=access_token");
  REQUIRE(introspector.introspect("a+b/c=d e&f"));
  CHECK(body == "token=a%2Bb%2Fc%3Dd%20e%26f&token_type_hint=access_token");
  CHECK(tokens_seen == std::vector<std::string>{"mat_AbC123_-.~xyz", "a+b/c=d e&f"});
  CHECK(auth == "Bearer shared-secret");
  CHECK(device_support == "1");
}

#include "shared/http/routes.h"

#include <doctest/doctest.h>

using gatehouse::http::PathParams;
using gatehouse::http::PathPattern;
using gatehouse::http::percent_decode;

TEST_CASE("PathPattern matches literals exactly") {
  PathPattern p("", "/health");
  CHECK(p.text() == "/health");
  CHECK(p.match("/health", nullptr));
  CHECK_FALSE(p.match("/health/", nullptr));
  CHECK_FALSE(p.match("/healthz", nullptr));
  CHECK_FALSE(p.match("/", nullptr));
  CHECK_FALSE(p.match("/health/x", nullptr));
  PathPattern root("", "/");
  CHECK(root.match("/", nullptr));
  CHECK_FALSE(root.match("/a", nullptr));
}

TEST_CASE("PathPattern placeholders take one decoded segment") {
  PathPattern p("", "/_matrix/client/v3/rooms/{room_id}/event/{event_id}");
  PathParams params;
  REQUIRE(p.match("/_matrix/client/v3/rooms/%21abc%3Aexample.org/event/%24a%2Fb", &params));
  CHECK(params.size() == 2);
  CHECK(params.get("room_id") == "!abc:example.org");
  CHECK(params.get("event_id") == "$a/b");  // an encoded slash stays inside
  CHECK(params.get("missing").empty());
  CHECK_FALSE(p.match("/_matrix/client/v3/rooms//event/x", nullptr));  // empty segment
  CHECK_FALSE(p.match("/_matrix/client/v3/rooms/a/event", nullptr));
}

TEST_CASE("PathPattern rest placeholder and listener prefix") {
  PathPattern rest("", "/assets/{file...}");
  PathParams params;
  REQUIRE(rest.match("/assets/css/site%20a.css", &params));
  CHECK(params.get("file") == "css/site a.css");
  CHECK_FALSE(rest.match("/assets", nullptr));
  CHECK_FALSE(rest.match("/assets/", nullptr));

  PathPattern prefixed("/auth/", "/oauth2/token");
  CHECK(prefixed.text() == "/auth/oauth2/token");
  CHECK(prefixed.match("/auth/oauth2/token", nullptr));
  CHECK_FALSE(prefixed.match("/oauth2/token", nullptr));
}

TEST_CASE("percent_decode leaves malformed escapes and '+' alone") {
  CHECK(percent_decode("a%20b") == "a b");
  CHECK(percent_decode("a+b") == "a+b");
  CHECK(percent_decode("%zz") == "%zz");
  CHECK(percent_decode("%4") == "%4");
  CHECK(percent_decode("%") == "%");
  CHECK(percent_decode("%41%42") == "AB");
}

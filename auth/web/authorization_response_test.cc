#include "auth/web/authorization_response.h"

#include <doctest/doctest.h>

#include "auth/web/templates.h"

namespace gatehouse::web {
namespace {

constexpr const char* kIssuer = "https://auth.example/";

TEST_CASE("query mode appends code, state and iss to the redirect_uri's query") {
  auto r = code_response("https://app.example/cb", ResponseMode::kQuery, "c0de", "a b&c", kIssuer);
  CHECK(response_location(r) ==
        "https://app.example/cb?code=c0de&state=a%20b%26c&iss=https%3A%2F%2Fauth.example%2F");
  r.redirect_uri = "https://app.example/cb?keep=1";
  CHECK(response_location(r).rfind("https://app.example/cb?keep=1&code=c0de&", 0) == 0);
}

TEST_CASE("fragment mode puts the parameters after '#'") {
  auto r = code_response("http://127.0.0.1:9/cb", ResponseMode::kFragment, "c0de", "", kIssuer);
  CHECK(response_location(r) == "http://127.0.0.1:9/cb#code=c0de&iss=https%3A%2F%2Fauth.example%2F");
}

TEST_CASE("errors carry error, error_description, state and iss") {
  auto r = error_response("https://app.example/cb", ResponseMode::kQuery, "access_denied",
                          "the user said no", "s", kIssuer);
  CHECK(response_location(r) ==
        "https://app.example/cb?error=access_denied&error_description=the%20user%20said%20no&"
        "state=s&iss=https%3A%2F%2Fauth.example%2F");
}

TEST_CASE("form_post renders an auto-submitting form with escaped values and a script nonce") {
  auto templates = Templates::load(default_templates_dir());
  REQUIRE(templates);
  auto r = code_response("https://app.example/cb", ResponseMode::kFormPost, "c0de", "x\"><script>",
                         kIssuer);
  httplib::Response res;
  send_authorization_response(res, *templates, r);
  CHECK(res.status == 200);
  CHECK(res.body.find("action=\"https://app.example/cb\"") != std::string::npos);
  CHECK(res.body.find("name=\"code\" value=\"c0de\"") != std::string::npos);
  CHECK(res.body.find("x&quot;&gt;&lt;script&gt;") != std::string::npos);
  CHECK(res.body.find("x\"><script>") == std::string::npos);
  const auto csp = res.get_header_value("Content-Security-Policy");
  const auto nonce_at = csp.find("'nonce-");
  REQUIRE(nonce_at != std::string::npos);
  const auto nonce = csp.substr(nonce_at + 7, csp.find('\'', nonce_at + 7) - nonce_at - 7);
  CHECK(res.body.find("<script nonce=\"" + nonce + "\">") != std::string::npos);
  CHECK(res.get_header_value("X-Frame-Options") == "DENY");
}

TEST_CASE("query and fragment modes answer 302 with the Location") {
  auto templates = Templates::load(default_templates_dir());
  REQUIRE(templates);
  httplib::Response res;
  send_authorization_response(
      res, *templates, code_response("https://app.example/cb", ResponseMode::kQuery, "c", "", kIssuer));
  CHECK(res.status == 302);
  CHECK(res.get_header_value("Location").rfind("https://app.example/cb?code=c", 0) == 0);
}

}  // namespace
}  // namespace gatehouse::web

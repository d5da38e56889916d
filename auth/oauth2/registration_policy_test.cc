#include "auth/oauth2/registration_policy.h"

#include <doctest/doctest.h>

namespace gatehouse::auth::oauth2 {
namespace {

using json = nlohmann::json;

json element_web() {
  return {{"client_name", "Element"},
          {"client_uri", "https://app.element.io/"},
          {"logo_uri", "https://app.element.io/logo.png"},
          {"tos_uri", "https://app.element.io/terms"},
          {"policy_uri", "https://app.element.io/privacy"},
          {"application_type", "web"},
          {"redirect_uris", {"https://app.element.io/"}},
          {"grant_types", {"authorization_code", "refresh_token"}},
          {"response_types", {"code"}},
          {"token_endpoint_auth_method", "none"},
          {"id_token_signed_response_alg", "RS256"},
          {"contacts", {"admin@element.io"}}};
}

std::string registration_refusal(const json& m, RegistrationPolicy p = {{}, {"RS256"}}) {
  auto r = validate_client_metadata(m, p);
  return r ? std::string() : r.error().error + ": " + r.error().description;
}

}  // namespace

TEST_CASE("registration: a web client like Element Web is accepted") {
  auto r = validate_client_metadata(element_web(), {{}, {"RS256"}});
  REQUIRE(r);
  CHECK(r->client_auth_method == "none");
  CHECK(r->redirect_uris == std::vector<std::string>{"https://app.element.io/"});
  CHECK(r->application_type == "web");
  CHECK(r->contacts == std::vector<std::string>{"admin@element.io"});
  CHECK(r->tos_uri == "https://app.element.io/terms");
}

TEST_CASE("registration: tos/policy/logo on the client_uri host only") {
  auto m = element_web();
  m["tos_uri"] = "https://evil.example/terms";
  CHECK(registration_refusal(m).find("tos_uri must be on the client_uri host") != std::string::npos);
  m = element_web();
  m["logo_uri"] = "http://app.element.io/logo.png";
  CHECK(registration_refusal(m).find("logo_uri must be an https URL") != std::string::npos);
}

TEST_CASE("registration: web redirect URIs are https on the client_uri host") {
  auto m = element_web();
  m["redirect_uris"] = {"http://app.element.io/"};
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
  m["redirect_uris"] = {"https://other.example/cb"};
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
  m["redirect_uris"] = {"https://localhost/cb"};
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
  m["redirect_uris"] = {"https://app.element.io/cb#frag"};
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
  m.erase("redirect_uris");
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
}

TEST_CASE("registration: native clients use loopback or the reverse-DNS scheme (RFC 8252)") {
  auto m = element_web();
  m["application_type"] = "native";
  m["redirect_uris"] = {"http://127.0.0.1/callback", "http://[::1]:8123/cb",
                        "http://localhost:4000/", "io.element.app:/callback"};
  CHECK(registration_refusal(m).empty());
  m["redirect_uris"] = {"com.evil.app:/callback"};
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
  m["redirect_uris"] = {"io.element.app://callback"};  // has an authority
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
  m["redirect_uris"] = {"https://app.element.io/"};
  CHECK(registration_refusal(m).starts_with("invalid_redirect_uri"));
}

TEST_CASE("registration: client_uri, grants, methods, keys") {
  auto m = element_web();
  m.erase("client_uri");
  CHECK(registration_refusal(m).find("client_uri is required") != std::string::npos);
  m = element_web();
  m["client_uri"] = "https://localhost/";
  CHECK(!registration_refusal(m).empty());
  m = element_web();
  m["grant_types"] = {"implicit"};
  CHECK(registration_refusal(m).starts_with("invalid_client_metadata"));
  m = element_web();
  m["grant_types"] = {"client_credentials"};
  m.erase("response_types");
  CHECK(registration_refusal(m).find("client_credentials needs") != std::string::npos);
  m["token_endpoint_auth_method"] = "private_key_jwt";
  CHECK(registration_refusal(m).find("jwks") != std::string::npos);
  m["jwks_uri"] = "https://app.element.io/jwks.json";
  CHECK(registration_refusal(m).empty());
  m = element_web();
  m["id_token_signed_response_alg"] = "HS256";
  CHECK(!registration_refusal(m).empty());
  CHECK(registration_refusal(json::array()).starts_with("invalid_client_metadata"));
}

TEST_CASE("registration: allowed hosts restrict client_uri and redirect hosts") {
  RegistrationPolicy p{{"element.io"}, {"RS256"}};
  CHECK(registration_refusal(element_web(), p).empty());
  auto m = element_web();
  m["client_uri"] = "https://other.example/";
  m["redirect_uris"] = {"https://other.example/cb"};
  m.erase("logo_uri");
  m.erase("tos_uri");
  m.erase("policy_uri");
  CHECK(registration_refusal(m, p).find("not allowed") != std::string::npos);
  CHECK(registration_refusal(m).empty());
}

TEST_CASE("registration: URL parts and host matching") {
  auto u = parse_url("HTTPS://App.Example:8443/p?q#f");
  REQUIRE(u);
  CHECK(u->scheme == "https");
  CHECK(u->host == "app.example");
  CHECK(u->rest == "/p?q#f");
  CHECK(parse_url("http://[::1]:80/")->host == "::1");
  CHECK(!parse_url("no-scheme"));
  CHECK(!parse_url("https://user@host/"));
  CHECK(host_within("a.b.example", "b.example"));
  CHECK(host_within("b.example", "b.example"));
  CHECK(!host_within("ab.example", "b.example"));
}

}  // namespace gatehouse::auth::oauth2

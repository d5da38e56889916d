#include "auth/web/authorization_request.h"

#include <doctest/doctest.h>

namespace gatehouse::web {
namespace {

const std::string kChallenge(43, 'a');

httplib::Params base_params() {
  return {{"client_id", "01J00000000000000000000000"},
          {"redirect_uri", "https://app.example/cb"},
          {"response_type", "code"},
          {"scope", "openid"},
          {"state", "st"},
          {"code_challenge", kChallenge},
          {"code_challenge_method", "S256"}};
}

auto validate(const httplib::Params& params, ClientFacts client = {true, false}) {
  return validate_authorization_query(parse_authorization_query(params), "https://app.example/cb",
                                      client);
}

TEST_CASE("a complete code request parses into the typed request") {
  auto params = base_params();
  params.emplace("nonce", "n");
  params.emplace("login_hint", "alice");
  params.emplace("ui_locales", "fr en");
  params.emplace("max_age", "60");
  auto r = validate(params);
  REQUIRE(r);
  CHECK(r->response_mode == ResponseMode::kQuery);
  CHECK(r->code_challenge == kChallenge);
  CHECK(r->code_challenge_method == "S256");
  CHECK(r->nonce == "n");
  CHECK(r->login_hint == "alice");
  CHECK(r->ui_locales == "fr en");
  CHECK(r->max_age == 60);
  CHECK(r->prompt == Prompt{});
}

TEST_CASE("PKCE is required for public clients and optional for confidential ones") {
  auto params = base_params();
  params.erase("code_challenge");
  params.erase("code_challenge_method");
  auto public_client = validate(params, {true, false});
  REQUIRE_FALSE(public_client);
  CHECK(public_client.error().error == "invalid_request");
  CHECK(public_client.error().description.find("PKCE") != std::string::npos);
  auto confidential = validate(params, {false, false});
  REQUIRE(confidential);
  CHECK(confidential->code_challenge.empty());
}

TEST_CASE("code_challenge_method defaults to plain; other methods and short challenges fail") {
  auto params = base_params();
  params.erase("code_challenge_method");
  CHECK(validate(params)->code_challenge_method == "plain");
  params.emplace("code_challenge_method", "S512");
  CHECK(validate(params).error().error == "invalid_request");
  auto short_challenge = base_params();
  short_challenge.erase("code_challenge");
  short_challenge.emplace("code_challenge", "abc");
  CHECK_FALSE(validate(short_challenge));
}

TEST_CASE("response_type other than code is unsupported_response_type") {
  for (const char* type : {"token", "id_token", "code id_token"}) {
    auto params = base_params();
    params.erase("response_type");
    params.emplace("response_type", type);
    CHECK(validate(params).error().error == "unsupported_response_type");
  }
  auto none = base_params();
  none.erase("response_type");
  CHECK(validate(none).error().error == "invalid_request");
}

TEST_CASE("response_mode is parsed; the error of a bad one goes back in query mode") {
  auto params = base_params();
  params.emplace("response_mode", "fragment");
  params.erase("response_type");
  params.emplace("response_type", "token");
  auto r = validate(params);
  CHECK(r.error().response_mode == ResponseMode::kFragment);
  auto form = base_params();
  form.emplace("response_mode", "form_post");
  CHECK(validate(form)->response_mode == ResponseMode::kFormPost);
  auto bad = base_params();
  bad.emplace("response_mode", "web_message");
  CHECK(validate(bad).error().error == "invalid_request");
  CHECK(validate(bad).error().response_mode == ResponseMode::kQuery);
}

TEST_CASE("prompt values: none alone, login, consent, create only with registration") {
  CHECK(parse_prompt("none")->none);
  CHECK(parse_prompt("login consent")->login);
  CHECK(parse_prompt("login consent")->consent);
  CHECK(parse_prompt("select_account") == Prompt{});
  CHECK_FALSE(parse_prompt("none login"));
  auto create = base_params();
  create.emplace("prompt", "create");
  CHECK(validate(create, {true, false}).error().error == "invalid_request");
  CHECK(validate(create, {true, true})->prompt.create);
  auto conflicting = base_params();
  conflicting.emplace("prompt", "none consent");
  CHECK(validate(conflicting).error().error == "invalid_request");
}

TEST_CASE("repeated parameters, request objects and bad max_age are refused") {
  auto repeated = base_params();
  repeated.emplace("scope", "email");
  CHECK(validate(repeated).error().error == "invalid_request");
  auto request = base_params();
  request.emplace("request", "eyJ...");
  CHECK(validate(request).error().error == "request_not_supported");
  auto request_uri = base_params();
  request_uri.emplace("request_uri", "urn:x");
  CHECK(validate(request_uri).error().error == "request_uri_not_supported");
  auto max_age = base_params();
  max_age.emplace("max_age", "-1");
  CHECK(validate(max_age).error().error == "invalid_request");
}

}  // namespace
}  // namespace gatehouse::web

#include "homeserver/introspection/introspector.h"

#include <algorithm>

namespace gatehouse::homeserver::introspection {
namespace {

// The token as a form value. Gatehouse's and MAS's access tokens are
// URL-safe (mat_/mct_ + base62 + checksum) and go as they are; anything
// else goes through cpp-httplib's encoder, which leaves these characters
// unchanged too (so the bytes are the same either way) but costs an
// ostringstream per call, on every cache miss.
std::string form_value(std::string_view token) {
  const bool url_safe = std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
  });
  return url_safe ? std::string(token) : httplib::detail::encode_query_param(std::string(token));
}

}  // namespace

Result<nlohmann::json> HttpIntrospector::introspect(std::string_view token) {
  http::ClientRequest request;
  request.method = "POST";
  request.path = "oauth2/introspect";
  request.headers = {{"Authorization", "Bearer " + secret_},
                     {"Accept", "application/json"},
                     {"X-MAS-Supports-Device-Id", "1"}};
  request.content_type = "application/x-www-form-urlencoded";
  request.body = "token=" + form_value(token) + "&token_type_hint=access_token";
  GH_TRY(auto res, client_.send(request));
  if (res.status != 200) {
    return fail(ErrorCode::kUnavailable,
                "the auth service answered introspection with HTTP " + std::to_string(res.status));
  }
  auto answer = nlohmann::json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object()) {
    return fail(ErrorCode::kUnavailable, "the introspection answer is not a JSON object");
  }
  return answer;
}

}  // namespace gatehouse::homeserver::introspection

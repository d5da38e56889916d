#include "homeserver/introspection/introspector.h"

namespace gatehouse::homeserver::introspection {

Result<nlohmann::json> HttpIntrospector::introspect(std::string_view token) {
  auth_service::Request request;
  request.method = "POST";
  request.path = "oauth2/introspect";
  request.headers = {{"Authorization", "Bearer " + secret_},
                     {"Accept", "application/json"},
                     {"X-MAS-Supports-Device-Id", "1"}};
  request.content_type = "application/x-www-form-urlencoded";
  request.body = "token=" + httplib::detail::encode_query_param(std::string(token)) +
                 "&token_type_hint=access_token";
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

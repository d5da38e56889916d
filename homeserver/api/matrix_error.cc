#include "homeserver/api/matrix_error.h"

#include "shared/core/log.h"
#include "shared/http/response.h"

namespace gatehouse::homeserver::api {

ApiError from_error(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidInput:
      return {400, "M_INVALID_PARAM", error.message};
    case ErrorCode::kNotFound:
      return {404, "M_NOT_FOUND", error.message};
    case ErrorCode::kConflict:
      return {409, "M_UNKNOWN", error.message};
    case ErrorCode::kUnauthorized:
      return {401, "M_UNKNOWN_TOKEN", error.message};
    case ErrorCode::kForbidden:
      return {403, "M_FORBIDDEN", error.message};
    case ErrorCode::kUnavailable:
      spdlog::warn("unavailable: {}", error.describe());
      return {503, "M_UNKNOWN", "Service temporarily unavailable"};
    default:
      // Details stay in the log; the client learns only that it failed.
      spdlog::error("internal error: {}", error.describe());
      return {500, "M_UNKNOWN", "Internal server error"};
  }
}

void write_error(httplib::Response& res, const ApiError& error) {
  http::write_matrix_error(res, error.status, error.errcode, error.message);
}

http::ParamHandler json_handler(ApiHandler handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                        const http::PathParams& params) {
    auto reply = handler(req, params);
    if (!reply) return write_error(res, reply.error());
    if (reply->status == 204) {
      res.status = 204;
      return;
    }
    if (!reply->rendered.empty()) {
      return http::write_json_text(res, reply->status, std::move(reply->rendered));
    }
    http::write_json(res, reply->status, reply->body);
  };
}

ApiResult<nlohmann::json> parse_json_object(const httplib::Request& req) {
  auto body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return api_fail(400, "M_NOT_JSON", "Content not JSON.");
  if (!body.is_object()) return api_fail(400, "M_BAD_JSON", "Content must be a JSON object.");
  return body;
}

}  // namespace gatehouse::homeserver::api

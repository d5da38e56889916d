// The homeserver's error values and their Matrix rendering, in one place:
// handlers return ApiResult<T> and the route wrapper writes the error.
// Storage and peer failures (Error) map here too: kUnavailable → 503,
// kNotFound → 404, kInvalidInput → 400, kConflict → 409, else 500.
//
// Thread safety: stateless.
#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "shared/core/error.h"
#include "shared/http/routes.h"

namespace gatehouse::homeserver::api {

struct ApiError {
  int status = 500;
  std::string errcode = "M_UNKNOWN";
  std::string message;
};

template <class T>
using ApiResult = tl::expected<T, ApiError>;
using ApiStatus = tl::expected<void, ApiError>;

inline tl::unexpected<ApiError> api_fail(int status, std::string errcode, std::string message) {
  return tl::unexpected<ApiError>(ApiError{status, std::move(errcode), std::move(message)});
}

ApiError from_error(const Error& error);
// Identity, so GH_API_TRY propagates ApiResult values too.
inline const ApiError& from_error(const ApiError& error) { return error; }

void write_error(httplib::Response& res, const ApiError& error);

// A JSON object body, else 400 M_NOT_JSON / M_BAD_JSON.
ApiResult<nlohmann::json> parse_json_object(const httplib::Request& req);

// A handler's success: status and JSON body (204 is sent without a body).
struct Reply {
  Reply() = default;
  Reply(int status_, nlohmann::json body_) : status(status_), body(std::move(body_)) {}

  int status = 200;
  nlohmann::json body = nlohmann::json::object();
  // Already rendered JSON; sent instead of `body` when not empty.
  std::string rendered;
};
using ApiHandler =
    std::function<ApiResult<Reply>(const httplib::Request&, const http::PathParams&)>;
// Adapts an ApiHandler to the router: writes the reply or the error.
http::ParamHandler json_handler(ApiHandler handler);

// Propagates a failed Result/Status (mapped) or ApiResult (as is) from a
// handler returning ApiResult:
//   GH_API_TRY(auto user, users::find(tx, localpart));
#define GH_API_TRY(decl, expr)                                                         \
  auto GH_CONCAT(gh_api_, __LINE__) = (expr);                                          \
  if (!GH_CONCAT(gh_api_, __LINE__))                                                   \
    return tl::unexpected<::gatehouse::homeserver::api::ApiError>(                     \
        ::gatehouse::homeserver::api::from_error(GH_CONCAT(gh_api_, __LINE__).error())); \
  decl = std::move(*GH_CONCAT(gh_api_, __LINE__))
#define GH_API_TRY_STATUS(expr)                                                          \
  do {                                                                                   \
    auto gh_s_ = (expr);                                                                 \
    if (!gh_s_)                                                                          \
      return tl::unexpected<::gatehouse::homeserver::api::ApiError>(                     \
          ::gatehouse::homeserver::api::from_error(gh_s_.error()));                      \
  } while (0)

}  // namespace gatehouse::homeserver::api

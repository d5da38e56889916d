// Writing JSON answers and protocol errors, in one place, so every endpoint
// of both executables shapes them the same way:
//   OAuth 2.0 (RFC 6749 §5.2):  {"error": "...", "error_description": "..."}
//   Matrix client-server API:   {"errcode": "M_...", "error": "...", ...}
//   the admin API (JSON:API, as MAS's): {"errors": [{"title": "..."}]}
// Thread safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace gatehouse::http {

inline constexpr const char* kJsonContentType = "application/json";

// Sets status, Content-Type: application/json and the serialised body.
void write_json(httplib::Response& res, int status, const nlohmann::json& body);
// For documents rendered once at startup (discovery, JWKS): no serialisation
// per request.
void write_json_text(httplib::Response& res, int status, std::string body);

// OAuth error response; adds Cache-Control: no-store and Pragma: no-cache
// as RFC 6749 §5.1 requires for token endpoint answers. An empty description
// is left out.
void write_oauth_error(httplib::Response& res, int status, std::string_view error,
                       std::string_view description = {});

// Matrix error response. `extra` (an object, or null) is merged in, e.g.
// {"retry_after_ms": 2000} or {"soft_logout": true}.
void write_matrix_error(httplib::Response& res, int status, std::string_view errcode,
                        std::string_view message,
                        const nlohmann::json& extra = nullptr);

// Admin API error response.
void write_jsonapi_error(httplib::Response& res, int status, std::string_view title);

// Which protocol's error shape an answer takes. Paths under /_matrix/ (after
// any listener prefix) answer in Matrix form, under /api/ in the admin API's
// form, everything else in OAuth form.
// Used for 404/405/413/500 and other answers the router produces.
enum class ErrorForm { kOAuth, kMatrix, kJsonApi };
bool is_matrix_path(std::string_view path);
bool is_admin_api_path(std::string_view path);

// A generic error: Matrix {errcode, error} or OAuth {error, error_description}.
void write_error(httplib::Response& res, ErrorForm form, int status,
                 std::string_view matrix_errcode, std::string_view oauth_error,
                 std::string_view message);

}  // namespace gatehouse::http

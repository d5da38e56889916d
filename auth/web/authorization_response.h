// Sending the browser back to the client with the result of an
// authorization request, in the response mode it asked for: the query
// string (RFC 6749 §4.1.2), the fragment (OAuth 2.0 Multiple Response Type
// Encoding Practices §2; matrix-js-sdk 43 uses it), or an auto-submitting
// form (OAuth 2.0 Form Post Response Mode). Every response carries `iss`
// (RFC 9207), which discovery advertises.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <httplib.h>

#include "shared/core/percent_encoding.h"

namespace gatehouse::web {

class Templates;

enum class ResponseMode { kQuery, kFragment, kFormPost };

// "query", "fragment", "form_post"; nullopt for anything else.
std::optional<ResponseMode> parse_response_mode(std::string_view text);

struct AuthorizationResponse {
  std::string redirect_uri;
  ResponseMode mode = ResponseMode::kQuery;
  std::vector<std::pair<std::string, std::string>> params;  // in order
};

// code + state (when the request had one) + iss.
AuthorizationResponse code_response(std::string redirect_uri, ResponseMode mode,
                                    std::string_view code, std::string_view state,
                                    std::string_view issuer);
// error + error_description + state + iss.
AuthorizationResponse error_response(std::string redirect_uri, ResponseMode mode,
                                     std::string_view error, std::string_view description,
                                     std::string_view state, std::string_view issuer);

// The Location for query and fragment modes: the parameters are appended
// to any query the redirect_uri already has (RFC 6749 §3.1.2).
std::string response_location(const AuthorizationResponse& response);

// Writes the answer: 302 to response_location(), or 200 with the form_post
// page (with a CSP nonce for its one script).
void send_authorization_response(httplib::Response& res, const Templates& templates,
                                 const AuthorizationResponse& response);

}  // namespace gatehouse::web

#include "auth/web/authorization_response.h"

#include "auth/web/html_page.h"
#include "auth/web/templates.h"
#include "shared/crypto/random.h"

namespace gatehouse::web {
namespace {

AuthorizationResponse with_state_and_issuer(AuthorizationResponse response,
                                            std::string_view state, std::string_view issuer) {
  // RFC 6749 §4.1.2: state exactly as received, when it was sent.
  if (!state.empty()) response.params.emplace_back("state", std::string(state));
  // RFC 9207 §2: iss in every authorization response, success or error.
  response.params.emplace_back("iss", std::string(issuer));
  return response;
}

}  // namespace

std::optional<ResponseMode> parse_response_mode(std::string_view text) {
  if (text == "query") return ResponseMode::kQuery;
  if (text == "fragment") return ResponseMode::kFragment;
  if (text == "form_post") return ResponseMode::kFormPost;
  return std::nullopt;
}

AuthorizationResponse code_response(std::string redirect_uri, ResponseMode mode,
                                    std::string_view code, std::string_view state,
                                    std::string_view issuer) {
  AuthorizationResponse response{std::move(redirect_uri), mode, {{"code", std::string(code)}}};
  return with_state_and_issuer(std::move(response), state, issuer);
}

AuthorizationResponse error_response(std::string redirect_uri, ResponseMode mode,
                                     std::string_view error, std::string_view description,
                                     std::string_view state, std::string_view issuer) {
  AuthorizationResponse response{std::move(redirect_uri), mode, {{"error", std::string(error)}}};
  if (!description.empty()) {
    response.params.emplace_back("error_description", std::string(description));
  }
  return with_state_and_issuer(std::move(response), state, issuer);
}


std::string response_location(const AuthorizationResponse& response) {
  std::string encoded;
  for (const auto& [name, value] : response.params) {
    if (!encoded.empty()) encoded += '&';
    encoded += percent_encode(name) + "=" + percent_encode(value);
  }
  std::string location = response.redirect_uri;
  if (response.mode == ResponseMode::kFragment) {
    // Registered redirect URIs carry no fragment (RFC 6749 §3.1.2).
    return location + "#" + encoded;
  }
  const auto query = location.find('?');
  if (query == std::string::npos) return location + "?" + encoded;
  const bool ends_open = location.back() == '?' || location.back() == '&';
  return location + (ends_open ? "" : "&") + encoded;
}

void send_authorization_response(httplib::Response& res, const Templates& templates,
                                 const AuthorizationResponse& response) {
  if (response.mode == ResponseMode::kFormPost) {
    FormPostPage page{response.redirect_uri, response.params, crypto::random_alnum(22)};
    write_html(res, 200, templates.render(page), page.script_nonce);
    return;
  }
  redirect_to(res, response_location(response));
  res.status = 302;
}

}  // namespace gatehouse::web

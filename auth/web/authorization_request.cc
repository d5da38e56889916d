#include "auth/web/authorization_request.h"

#include <algorithm>
#include <charconv>

namespace gatehouse::web {
namespace {

tl::unexpected<AuthorizationError> reject(std::string error, std::string description,
                                          ResponseMode mode) {
  return tl::unexpected<AuthorizationError>(
      AuthorizationError{std::move(error), std::move(description), mode});
}

// RFC 7636 §4.2: 43-128 characters of [A-Za-z0-9-._~].
bool valid_code_challenge(std::string_view challenge) {
  if (challenge.size() < 43 || challenge.size() > 128) return false;
  return std::all_of(challenge.begin(), challenge.end(), [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
  });
}

std::optional<std::int64_t> parse_max_age(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

AuthorizationQuery parse_authorization_query(const httplib::Params& params) {
  AuthorizationQuery q;
  const std::pair<const char*, std::string*> fields[] = {
      {"client_id", &q.client_id},
      {"redirect_uri", &q.redirect_uri},
      {"response_type", &q.response_type},
      {"response_mode", &q.response_mode},
      {"scope", &q.scope},
      {"state", &q.state},
      {"nonce", &q.nonce},
      {"code_challenge", &q.code_challenge},
      {"code_challenge_method", &q.code_challenge_method},
      {"prompt", &q.prompt},
      {"login_hint", &q.login_hint},
      {"ui_locales", &q.ui_locales},
      {"max_age", &q.max_age},
  };
  for (const auto& [name, field] : fields) {
    const auto count = params.count(name);
    if (count == 0) continue;
    if (count > 1) q.repeated.emplace_back(name);
    *field = params.find(name)->second;
  }
  q.has_request = params.count("request") > 0;
  q.has_request_uri = params.count("request_uri") > 0;
  q.has_registration = params.count("registration") > 0;
  return q;
}

std::optional<Prompt> parse_prompt(std::string_view text) {
  Prompt prompt;
  int values = 0;
  while (!text.empty()) {
    const auto space = text.find(' ');
    std::string_view value = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    if (value.empty()) continue;
    ++values;
    if (value == "none") prompt.none = true;
    if (value == "login") prompt.login = true;
    if (value == "consent") prompt.consent = true;
    if (value == "create") prompt.create = true;
  }
  if (prompt.none && values > 1) return std::nullopt;
  return prompt;
}

tl::expected<AuthorizationRequest, AuthorizationError> validate_authorization_query(
    const AuthorizationQuery& q, std::string resolved_redirect_uri, const ClientFacts& client) {
  // An unusable response_mode cannot pick the mode of its own error: the
  // default of the code flow (query) is used for it.
  ResponseMode mode = ResponseMode::kQuery;
  if (!q.response_mode.empty()) {
    auto parsed = parse_response_mode(q.response_mode);
    if (!parsed) return reject("invalid_request", "unsupported response_mode", mode);
    mode = *parsed;
  }
  if (!q.repeated.empty()) {
    return reject("invalid_request", "parameter sent more than once: " + q.repeated.front(), mode);
  }
  if (q.response_type.empty()) return reject("invalid_request", "response_type is required", mode);
  if (q.response_type != "code") {
    return reject("unsupported_response_type", "only response_type=code is supported", mode);
  }
  if (q.has_request) return reject("request_not_supported", "request objects are not supported", mode);
  if (q.has_request_uri) {
    return reject("request_uri_not_supported", "request_uri is not supported", mode);
  }
  if (q.has_registration) {
    return reject("registration_not_supported", "the registration parameter is not supported", mode);
  }

  AuthorizationRequest r;
  r.client_id = q.client_id;
  r.redirect_uri = std::move(resolved_redirect_uri);
  r.response_mode = mode;
  r.scope = q.scope;
  r.state = q.state;
  r.nonce = q.nonce;
  r.login_hint = q.login_hint;
  r.ui_locales = q.ui_locales;

  // RFC 7636 §4.4.1 and OAuth 2.1: a public client cannot keep a code
  // safe without PKCE, so it must send a challenge.
  if (q.code_challenge.empty()) {
    if (!q.code_challenge_method.empty()) {
      return reject("invalid_request", "code_challenge_method without code_challenge", mode);
    }
    if (client.is_public) {
      return reject("invalid_request", "PKCE is required: send code_challenge", mode);
    }
  } else {
    // RFC 7636 §4.3: the method defaults to "plain".
    r.code_challenge_method = q.code_challenge_method.empty() ? "plain" : q.code_challenge_method;
    if (r.code_challenge_method != "S256" && r.code_challenge_method != "plain") {
      return reject("invalid_request", "code_challenge_method must be S256 or plain", mode);
    }
    if (!valid_code_challenge(q.code_challenge)) {
      return reject("invalid_request", "code_challenge must be 43-128 unreserved characters", mode);
    }
    r.code_challenge = q.code_challenge;
  }

  auto prompt = parse_prompt(q.prompt);
  if (!prompt) return reject("invalid_request", "prompt=none cannot be combined", mode);
  // Prompt Create 1.0 §4.1: a value the server does not offer is invalid.
  if (prompt->create && !client.registration_enabled) {
    return reject("invalid_request", "registration is disabled: prompt=create is not supported",
                  mode);
  }
  r.prompt = *prompt;

  if (!q.max_age.empty()) {
    r.max_age = parse_max_age(q.max_age);
    if (!r.max_age) return reject("invalid_request", "max_age must be a non-negative integer", mode);
  }
  return r;
}

}  // namespace gatehouse::web

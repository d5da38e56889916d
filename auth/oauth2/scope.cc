#include "auth/oauth2/scope.h"

#include <algorithm>

namespace gatehouse::auth::oauth2 {
namespace {

constexpr std::string_view kStablePrefix = "urn:matrix:client:";
constexpr std::string_view kUnstablePrefix = "urn:matrix:org.matrix.msc2967.client:";
constexpr std::string_view kApiSuffix = "api:*";
constexpr std::string_view kDeviceSuffix = "device:";

bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }

// The part after a stable or unstable Matrix prefix, or nullopt.
std::optional<std::string_view> matrix_rest(std::string_view token, bool* unstable = nullptr) {
  if (starts_with(token, kStablePrefix)) {
    if (unstable) *unstable = false;
    return token.substr(kStablePrefix.size());
  }
  if (starts_with(token, kUnstablePrefix)) {
    if (unstable) *unstable = true;
    return token.substr(kUnstablePrefix.size());
  }
  return std::nullopt;
}

bool is_interactive(GrantType grant) {
  return grant == GrantType::kAuthorizationCode || grant == GrantType::kDeviceCode;
}

OAuthError not_allowed(std::string_view token, std::string_view why = {}) {
  std::string text = "scope '" + std::string(token) + "' not allowed";
  if (!why.empty()) text += ": " + std::string(why);
  return OAuthError::invalid_scope(std::move(text));
}

}  // namespace

std::string_view to_string(GrantType grant) {
  switch (grant) {
    case GrantType::kAuthorizationCode: return "authorization_code";
    case GrantType::kRefreshToken: return "refresh_token";
    case GrantType::kClientCredentials: return "client_credentials";
    case GrantType::kDeviceCode: return "urn:ietf:params:oauth:grant-type:device_code";
  }
  return "";
}

std::optional<GrantType> parse_grant_type(std::string_view text) {
  for (GrantType g : {GrantType::kAuthorizationCode, GrantType::kRefreshToken,
                      GrantType::kClientCredentials, GrantType::kDeviceCode}) {
    if (to_string(g) == text) return g;
  }
  return std::nullopt;
}

std::vector<std::string> parse_scope(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string token(text.substr(i, end - i));
    if (std::find(out.begin(), out.end(), token) == out.end()) out.push_back(std::move(token));
    i = end;
  }
  return out;
}

std::string join_scope(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

bool has_admin_scope(const std::vector<std::string>& tokens) {
  return std::any_of(tokens.begin(), tokens.end(), [](const std::string& token) {
    return token == "urn:synapse:admin:*" || token == "urn:mas:admin";
  });
}

bool is_valid_device_id(std::string_view id) {
  if (id.size() < 10) return false;
  constexpr std::string_view kExtra = "._~!$&'()*+,;=:@/-";
  return std::all_of(id.begin(), id.end(), [&](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           kExtra.find(c) != std::string_view::npos;
  });
}

std::optional<OAuthError> validate_scope(const std::vector<std::string>& tokens,
                                         const ScopeContext& ctx) {
  bool stable = false, unstable = false, api = false;
  int devices = 0;
  const bool interactive = is_interactive(ctx.grant);
  for (const std::string& token : tokens) {
    if (token == "openid" || token == "email" || token == "urn:mas:graphql:*") continue;
    bool is_unstable = false;
    if (auto rest = matrix_rest(token, &is_unstable)) {
      (is_unstable ? unstable : stable) = true;
      if (*rest == kApiSuffix) {
        if (!interactive) return not_allowed(token, "only for interactive grants");
        api = true;
        continue;
      }
      if (starts_with(*rest, kDeviceSuffix)) {
        if (!interactive) return not_allowed(token, "only for interactive grants");
        if (!is_valid_device_id(rest->substr(kDeviceSuffix.size()))) {
          return not_allowed(token, "invalid device ID");
        }
        ++devices;
        continue;
      }
      return not_allowed(token);
    }
    if (token == "urn:synapse:admin:*") {
      if (!interactive || !ctx.user_can_request_admin) {
        return not_allowed(token, "the user may not request admin access");
      }
      continue;
    }
    if (token == "urn:mas:admin") {
      const bool allowed = interactive ? ctx.user_can_request_admin
                                       : ctx.grant == GrantType::kClientCredentials &&
                                             ctx.client_is_admin;
      if (!allowed) return not_allowed(token, "admin access is not allowed here");
      continue;
    }
    return not_allowed(token);
  }
  if (stable && unstable) {
    return OAuthError::invalid_scope("stable and unstable Matrix scopes cannot be mixed");
  }
  if (devices > 1) return OAuthError::invalid_scope("at most one device scope is allowed");
  if (devices == 1 && !api) {
    return OAuthError::invalid_scope("a device scope needs the Matrix client API scope");
  }
  return std::nullopt;
}

std::optional<std::string> device_id_of(const std::vector<std::string>& tokens) {
  for (const std::string& token : tokens) {
    auto rest = matrix_rest(token);
    if (rest && starts_with(*rest, kDeviceSuffix)) {
      return std::string(rest->substr(kDeviceSuffix.size()));
    }
  }
  return std::nullopt;
}

std::vector<std::string> with_matrix_twins(const std::vector<std::string>& tokens) {
  std::vector<std::string> out = tokens;
  for (const std::string& token : tokens) {
    bool is_unstable = false;
    auto rest = matrix_rest(token, &is_unstable);
    if (!rest || (*rest != kApiSuffix && !starts_with(*rest, kDeviceSuffix))) continue;
    std::string twin = std::string(is_unstable ? kStablePrefix : kUnstablePrefix) +
                       std::string(*rest);
    if (std::find(out.begin(), out.end(), twin) == out.end()) out.push_back(std::move(twin));
  }
  return out;
}

}  // namespace gatehouse::auth::oauth2

#include "homeserver/introspection/introspected_token.h"

namespace gatehouse::homeserver::introspection {
namespace {

constexpr std::string_view kDevicePrefixes[] = {"urn:matrix:client:device:",
                                                "urn:matrix:org.matrix.msc2967.client:device:"};

}  // namespace

ScopeGrants parse_scope(std::string_view scope) {
  ScopeGrants grants;
  std::size_t start = 0;
  while (start <= scope.size()) {
    std::size_t end = scope.find(' ', start);
    if (end == std::string_view::npos) end = scope.size();
    const std::string_view token = scope.substr(start, end - start);
    start = end + 1;
    if (token.empty()) continue;
    if (token == "urn:matrix:client:api:*" || token == "urn:matrix:org.matrix.msc2967.client:api:*") {
      grants.client_api = true;
    } else if (token == "urn:synapse:admin:*") {
      grants.admin = true;
    } else {
      for (std::string_view prefix : kDevicePrefixes) {
        if (token.starts_with(prefix)) {
          grants.device_ids.emplace_back(token.substr(prefix.size()));
          break;
        }
      }
    }
  }
  return grants;
}

Result<IntrospectedToken> interpret(const nlohmann::json& answer) {
  if (!answer.is_object()) return fail(ErrorCode::kUnavailable, "introspection answer is not an object");
  auto active = answer.find("active");
  if (active == answer.end() || !active->is_boolean() || !active->get<bool>()) {
    return fail(ErrorCode::kUnauthorized, "Token is not active");
  }
  auto scope = answer.find("scope");
  const ScopeGrants grants =
      parse_scope(scope != answer.end() && scope->is_string() ? scope->get_ref<const std::string&>() : "");
  if (!grants.client_api) {
    return fail(ErrorCode::kUnauthorized, "Token doesn't grant access to the Matrix C-S API");
  }
  auto username = answer.find("username");
  if (username == answer.end() || !username->is_string() || username->get_ref<const std::string&>().empty()) {
    return fail(ErrorCode::kInternal, "Invalid username claim in the introspection result");
  }

  IntrospectedToken token;
  token.localpart = username->get<std::string>();
  token.admin = grants.admin;
  if (auto device = answer.find("device_id"); device != answer.end() && device->is_string()) {
    token.device_id = device->get<std::string>();
  } else if (grants.device_ids.size() > 1) {
    return fail(ErrorCode::kInternal, "Multiple device IDs in scopes");
  } else if (grants.device_ids.size() == 1) {
    token.device_id = grants.device_ids[0];
  }
  if (token.device_id && (token.device_id->empty() || token.device_id->size() > 255)) {
    return fail(ErrorCode::kInternal, "Invalid device ID in the introspection result");
  }
  if (auto expires = answer.find("expires_in"); expires != answer.end() && expires->is_number()) {
    token.expires_in = expires->get<std::int64_t>();
    if (*token.expires_in <= 0) return fail(ErrorCode::kUnauthorized, "Token is not active");
  }
  return token;
}

}  // namespace gatehouse::homeserver::introspection

// What an introspection answer (RFC 7662, as MAS gives it) means for the
// homeserver, following Synapse's synapse/api/auth/mas.py:
//  - active iff `active` is true and, when `expires_in` is present, the
//    answer is younger than it (compat tokens carry no expiry);
//  - the scope must grant the C-S API (urn:matrix:client:api:* or the
//    MSC2967 unstable twin), else 401 M_UNKNOWN_TOKEN;
//  - the user is `username` (a localpart; missing → 500);
//  - the device is `device_id`, else the single device scope (more than
//    one → 500), 1..255 characters;
//  - admin iff urn:synapse:admin:* is in the scope.
// Pure functions: unit-tested without any server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"

namespace gatehouse::homeserver::introspection {

struct ScopeGrants {
  bool client_api = false;
  bool admin = false;
  std::vector<std::string> device_ids;  // from device scopes, in order
};

// Splits a space-separated scope and reads the grants above.
ScopeGrants parse_scope(std::string_view scope);

struct IntrospectedToken {
  std::string localpart;
  std::optional<std::string> device_id;
  bool admin = false;
  // Seconds the answer stays valid from when it was fetched; nullopt when
  // the token does not expire.
  std::optional<std::int64_t> expires_in;
};

// The answer's meaning. Errors: kUnauthorized for an inactive token or one
// without the C-S API scope (M_UNKNOWN_TOKEN); kInternal for a missing
// username, several device scopes or a malformed device ID (500).
Result<IntrospectedToken> interpret(const nlohmann::json& answer);

}  // namespace gatehouse::homeserver::introspection

// The typed bodies of Synapse's /_synapse/mas/* endpoints (as its pydantic
// models: extra fields ignored, wrong types → 400 M_BAD_JSON), parsed
// before anything is touched. Pure functions, unit-tested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "homeserver/api/matrix_error.h"

namespace gatehouse::homeserver::provisioning {

struct ProvisionUser {
  std::string localpart;
  std::optional<std::string> set_displayname;
  bool unset_displayname = false;
  std::optional<std::string> set_avatar_url;
  bool unset_avatar_url = false;
  std::optional<std::vector<std::string>> set_emails;
  bool unset_emails = false;
  std::optional<bool> locked;
};
// 400 when set_X and unset_X come together.
api::ApiResult<ProvisionUser> parse_provision_user(const nlohmann::json& body);

// Field readers for the other, smaller bodies.
api::ApiResult<std::string> required_string(const nlohmann::json& body, const char* key);
api::ApiResult<std::optional<std::string>> optional_string(const nlohmann::json& body,
                                                           const char* key);
api::ApiResult<bool> optional_bool(const nlohmann::json& body, const char* key, bool fallback);
api::ApiResult<std::optional<std::vector<std::string>>> optional_strings(
    const nlohmann::json& body, const char* key);

}  // namespace gatehouse::homeserver::provisioning

#include "homeserver/provisioning/request.h"

namespace gatehouse::homeserver::provisioning {
namespace {

tl::unexpected<api::ApiError> bad(const char* key, const char* expected) {
  return api::api_fail(400, "M_BAD_JSON", std::string("`") + key + "` must be " + expected);
}

}  // namespace

api::ApiResult<std::string> required_string(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return api::api_fail(400, "M_BAD_JSON", std::string("`") + key + "` is required");
  if (!it->is_string()) return bad(key, "a string");
  return it->get<std::string>();
}

api::ApiResult<std::optional<std::string>> optional_string(const nlohmann::json& body,
                                                           const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return bad(key, "a string");
  return std::optional<std::string>(it->get<std::string>());
}

api::ApiResult<bool> optional_bool(const nlohmann::json& body, const char* key, bool fallback) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return bad(key, "a boolean");
  return it->get<bool>();
}

api::ApiResult<std::optional<std::vector<std::string>>> optional_strings(
    const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<std::vector<std::string>>{};
  if (!it->is_array()) return bad(key, "a list of strings");
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (!item.is_string()) return bad(key, "a list of strings");
    out.push_back(item.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

api::ApiResult<ProvisionUser> parse_provision_user(const nlohmann::json& body) {
  ProvisionUser r;
  auto localpart = required_string(body, "localpart");
  if (!localpart) return tl::unexpected(localpart.error());
  r.localpart = std::move(*localpart);
  auto set_displayname = optional_string(body, "set_displayname");
  auto unset_displayname = optional_bool(body, "unset_displayname", false);
  auto set_avatar_url = optional_string(body, "set_avatar_url");
  auto unset_avatar_url = optional_bool(body, "unset_avatar_url", false);
  auto set_emails = optional_strings(body, "set_emails");
  auto unset_emails = optional_bool(body, "unset_emails", false);
  for (const auto* error : {set_displayname ? nullptr : &set_displayname.error(),
                            unset_displayname ? nullptr : &unset_displayname.error(),
                            set_avatar_url ? nullptr : &set_avatar_url.error(),
                            unset_avatar_url ? nullptr : &unset_avatar_url.error(),
                            set_emails ? nullptr : &set_emails.error(),
                            unset_emails ? nullptr : &unset_emails.error()}) {
    if (error) return tl::unexpected(*error);
  }
  r.set_displayname = *set_displayname;
  r.unset_displayname = *unset_displayname;
  r.set_avatar_url = *set_avatar_url;
  r.unset_avatar_url = *unset_avatar_url;
  r.set_emails = *set_emails;
  r.unset_emails = *unset_emails;
  if (auto it = body.find("locked"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return bad("locked", "a boolean");
    r.locked = it->get<bool>();
  }
  if ((r.set_displayname && r.unset_displayname) || (r.set_avatar_url && r.unset_avatar_url) ||
      (r.set_emails && r.unset_emails)) {
    return api::api_fail(400, "M_BAD_JSON", "set_X and unset_X cannot be given together");
  }
  return r;
}

}  // namespace gatehouse::homeserver::provisioning

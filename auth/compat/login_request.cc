#include "auth/compat/login_request.h"

namespace gatehouse::auth::compat {
namespace {

using json = nlohmann::json;

// The string at `key`; nullopt when absent or null; M_BAD_JSON otherwise.
CompatResult<std::optional<std::string>> optional_string(const json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return reject(CompatError::bad_json(std::string("'") + key + "' must be a string"));
  return std::optional<std::string>(it->get<std::string>());
}

CompatResult<std::string> required_string(const json& doc, const char* key) {
  auto value = optional_string(doc, key);
  if (!value) return reject(value.error());
  if (!*value) return reject(CompatError::missing_param(std::string("'") + key + "' is required"));
  return std::move(**value);
}

// Who the login is for: identifier {m.id.user | m.id.thirdparty}, or the
// deprecated top-level user / medium+address.
struct Who {
  std::optional<std::string> user;
  std::optional<std::string> email;
};

CompatResult<Who> parse_who(const json& body) {
  auto identifier = body.find("identifier");
  if (identifier != body.end() && !identifier->is_null()) {
    if (!identifier->is_object()) return reject(CompatError::bad_json("'identifier' must be an object"));
    auto type = required_string(*identifier, "type");
    if (!type) return reject(type.error());
    if (*type == "m.id.user") {
      auto user = required_string(*identifier, "user");
      if (!user) return reject(user.error());
      return Who{std::move(*user), std::nullopt};
    }
    if (*type == "m.id.thirdparty") {
      auto medium = required_string(*identifier, "medium");
      if (!medium) return reject(medium.error());
      if (*medium != "email") return reject(CompatError::invalid_param("Only the email medium is supported"));
      auto address = required_string(*identifier, "address");
      if (!address) return reject(address.error());
      return Who{std::nullopt, std::move(*address)};
    }
    return reject(CompatError::invalid_param("Unsupported identifier type '" + *type + "'"));
  }
  auto user = optional_string(body, "user");
  if (!user) return reject(user.error());
  if (*user) return Who{std::move(*user), std::nullopt};
  auto medium = optional_string(body, "medium");
  if (!medium) return reject(medium.error());
  if (*medium) {
    if (**medium != "email") return reject(CompatError::invalid_param("Only the email medium is supported"));
    auto address = required_string(body, "address");
    if (!address) return reject(address.error());
    return Who{std::nullopt, std::move(*address)};
  }
  return reject(CompatError::missing_param("'identifier' is required"));
}

}  // namespace

CompatResult<LoginRequest> parse_login_request(const json& body) {
  auto type = optional_string(body, "type");
  if (!type) return reject(type.error());
  if (!*type) return reject({400, "M_UNKNOWN", "Missing login type"});

  LoginRequest request;
  if (**type == "m.login.password") {
    auto who = parse_who(body);
    if (!who) return reject(who.error());
    auto password = required_string(body, "password");
    if (!password) return reject(password.error());
    request.credentials = PasswordCredentials{std::move(who->user), std::move(who->email), std::move(*password)};
  } else if (**type == "m.login.token") {
    auto token = required_string(body, "token");
    if (!token) return reject(token.error());
    request.credentials = TokenCredentials{std::move(*token)};
  } else if (**type == "m.login.application_service") {
    auto who = parse_who(body);
    if (!who) return reject(who.error());
    if (!who->user) return reject(CompatError::invalid_param("An appservice logs in a user by m.id.user"));
    request.credentials = AppServiceCredentials{std::move(*who->user)};
  } else {
    return reject({400, "M_UNKNOWN", "Unknown login type " + **type});
  }

  auto device_id = optional_string(body, "device_id");
  if (!device_id) return reject(device_id.error());
  if (*device_id && ((*device_id)->empty() || (*device_id)->size() > 255)) {
    return reject(CompatError::invalid_param("'device_id' must be 1 to 255 characters"));
  }
  request.device_id = std::move(*device_id);
  auto name = optional_string(body, "initial_device_display_name");
  if (!name) return reject(name.error());
  request.initial_device_display_name = std::move(*name);
  if (auto it = body.find("refresh_token"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return reject(CompatError::bad_json("'refresh_token' must be a boolean"));
    request.refresh_token = it->get<bool>();
  }
  return request;
}

}  // namespace gatehouse::auth::compat

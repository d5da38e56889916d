// Application services (Synapse's app_service_config_files, read by both
// the homeserver and the auth service, which checks m.login.application_service
// with them): registration files naming an as_token, a sender and the user
// namespaces the service owns. An appservice authenticates with its as_token (no introspection)
// and may act as any user inside its namespaces (`?user_id=`); an
// exclusive namespace keeps the localparts for the appservice alone; with
// MSC4190 it manages its users' devices itself (PUT/DELETE /devices/{id}).
//
// Thread safety: immutable after load(); every method from any thread.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"

namespace gatehouse::appservice {

struct UserNamespace {
  std::string pattern;  // as written; matched against the full user ID
  std::regex regex;
  bool exclusive = false;
};

struct Registration {
  std::string id;
  std::string url;
  std::string as_token;  // secret
  std::string hs_token;  // secret
  std::string sender_localpart;
  std::vector<UserNamespace> users;
  bool msc4190 = false;  // org.matrix.msc4190 or io.element.msc4190

  // True when `user_id` ("@local:server") is in one of the namespaces
  // (Python's re.match: anchored at the start only, as Synapse).
  bool in_namespace(std::string_view user_id) const;
  // The namespace, or the sender itself.
  bool may_act_as(std::string_view user_id, std::string_view server_name) const;
};

// One registration from its parsed document. kConfig naming `source` and
// the key when something required is missing or a regex is invalid.
Result<Registration> parse_registration(const nlohmann::json& doc, const std::string& source);

class Registry {
 public:
  Registry() = default;
  // Reads every file (YAML); duplicate ids or as_tokens are kConfig.
  static Result<Registry> load(const std::vector<std::string>& files);
  static Result<Registry> from(std::vector<Registration> registrations);

  // The registration whose as_token is `token` (compared in constant
  // time against every one), or nullptr.
  const Registration* by_token(std::string_view token) const;
  // True when an exclusive namespace of any appservice holds `user_id`.
  bool is_exclusive(std::string_view user_id) const;
  bool empty() const { return registrations_.empty(); }

 private:
  std::vector<Registration> registrations_;
};

}  // namespace gatehouse::appservice

#include "shared/appservice/registry.h"

#include "shared/config/tree.h"
#include "shared/crypto/constant_time.h"

namespace gatehouse::appservice {
namespace {

Result<std::string> required_string(const nlohmann::json& doc, const char* key,
                                    const std::string& source) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    return fail(ErrorCode::kConfig, source + ": `" + key + "` is required (a string)");
  }
  return it->get<std::string>();
}

bool flag(const nlohmann::json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

bool Registration::in_namespace(std::string_view user_id) const {
  for (const auto& ns : users) {
    if (std::regex_search(user_id.begin(), user_id.end(), ns.regex,
                          std::regex_constants::match_continuous)) {
      return true;
    }
  }
  return false;
}

bool Registration::may_act_as(std::string_view user_id, std::string_view server_name) const {
  const std::string sender = "@" + sender_localpart + ":" + std::string(server_name);
  return user_id == sender || in_namespace(user_id);
}

Result<Registration> parse_registration(const nlohmann::json& doc, const std::string& source) {
  if (!doc.is_object()) return fail(ErrorCode::kConfig, source + ": not a map");
  Registration r;
  GH_TRY(r.id, required_string(doc, "id", source));
  GH_TRY(r.as_token, required_string(doc, "as_token", source));
  GH_TRY(r.hs_token, required_string(doc, "hs_token", source));
  GH_TRY(r.sender_localpart, required_string(doc, "sender_localpart", source));
  if (auto url = doc.find("url"); url != doc.end() && url->is_string()) r.url = url->get<std::string>();
  r.msc4190 = flag(doc, "org.matrix.msc4190") || flag(doc, "io.element.msc4190");
  const auto namespaces = doc.find("namespaces");
  if (namespaces == doc.end() || !namespaces->is_object()) return r;
  const auto users = namespaces->find("users");
  if (users == namespaces->end()) return r;
  if (!users->is_array()) return fail(ErrorCode::kConfig, source + ": `namespaces.users` must be a list");
  for (const auto& item : *users) {
    auto regex = item.find("regex");
    if (!item.is_object() || regex == item.end() || !regex->is_string()) {
      return fail(ErrorCode::kConfig, source + ": each `namespaces.users` entry needs a `regex`");
    }
    UserNamespace ns;
    ns.pattern = regex->get<std::string>();
    ns.exclusive = flag(item, "exclusive");
    try {
      ns.regex = std::regex(ns.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return fail(ErrorCode::kConfig, source + ": invalid regex `" + ns.pattern + "`", e.what());
    }
    r.users.push_back(std::move(ns));
  }
  return r;
}

Result<Registry> Registry::load(const std::vector<std::string>& files) {
  std::vector<Registration> registrations;
  for (const auto& file : files) {
    GH_TRY(auto doc, config::read_file(file));
    GH_TRY(auto registration, parse_registration(doc, file));
    registrations.push_back(std::move(registration));
  }
  return from(std::move(registrations));
}

Result<Registry> Registry::from(std::vector<Registration> registrations) {
  for (std::size_t i = 0; i < registrations.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (registrations[i].id == registrations[j].id) {
        return fail(ErrorCode::kConfig, "two appservices have the id `" + registrations[i].id + "`");
      }
      if (registrations[i].as_token == registrations[j].as_token) {
        return fail(ErrorCode::kConfig, "appservices `" + registrations[j].id + "` and `" +
                                            registrations[i].id + "` share an as_token");
      }
    }
  }
  Registry registry;
  registry.registrations_ = std::move(registrations);
  return registry;
}

const Registration* Registry::by_token(std::string_view token) const {
  const Registration* found = nullptr;
  // Every token is compared, so the time does not reveal which one matched.
  for (const auto& r : registrations_) {
    if (crypto::constant_time_equals(r.as_token, token)) found = &r;
  }
  return found;
}

bool Registry::is_exclusive(std::string_view user_id) const {
  for (const auto& r : registrations_) {
    for (const auto& ns : r.users) {
      if (ns.exclusive && std::regex_search(user_id.begin(), user_id.end(), ns.regex,
                                            std::regex_constants::match_continuous)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace gatehouse::appservice

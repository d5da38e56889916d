#include "shared/config/dump.h"

#include <array>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "shared/config/database.h"
#include "shared/config/tree.h"

namespace gatehouse::config {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kSecretKeys = {
    "secret", "client_secret", "encryption", "key", "password", "secret_key", "private_key",
};

bool is_secret_key(std::string_view key) {
  for (auto k : kSecretKeys) {
    if (k == key) return true;
  }
  return false;
}

void emit(YAML::Emitter& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, child] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        emit(out, child);
      }
      out << YAML::EndMap;
      break;
    case json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& child : value) emit(out, child);
      out << YAML::EndSeq;
      break;
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (s.find('\n') != std::string::npos) {
        out << YAML::Literal << s;
      } else {
        // Quote what our reader would otherwise turn into null, bool or number.
        auto reread = parse_yaml("v: " + s, "dump");
        bool plain_ok = reread && reread->is_object() && (*reread)["v"] == value;
        if (!plain_ok) out << YAML::DoubleQuoted;
        out << s;
      }
      break;
    }
    case json::value_t::boolean: out << value.get<bool>(); break;
    case json::value_t::number_integer: out << value.get<std::int64_t>(); break;
    case json::value_t::number_unsigned: out << value.get<std::uint64_t>(); break;
    case json::value_t::number_float: out << value.get<double>(); break;
    default: out << YAML::Null; break;
  }
}

}  // namespace

json redact(const json& tree) {
  if (tree.is_array()) {
    json out = json::array();
    for (const auto& child : tree) out.push_back(redact(child));
    return out;
  }
  if (!tree.is_object()) return tree;
  json out = json::object();
  for (const auto& [key, child] : tree.items()) {
    if (is_secret_key(key) && !child.is_null()) {
      out[key] = kRedacted;
    } else if (key == "uri" && child.is_string()) {
      out[key] = redact_uri(child.get<std::string>());
    } else {
      out[key] = redact(child);
    }
  }
  return out;
}

std::string dump_yaml(const json& tree) {
  YAML::Emitter out;
  emit(out, redact(tree));
  return std::string(out.c_str()) + "\n";
}

}  // namespace gatehouse::config

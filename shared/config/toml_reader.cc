// TOML -> json. TOML is typed already; dates and times become their text.
#include <sstream>

#include <toml++/toml.h>

#include "shared/config/tree.h"

namespace gatehouse::config {
namespace {

using nlohmann::json;

json to_json(const toml::node& node) {
  if (const auto* table = node.as_table()) {
    json out = json::object();
    for (const auto& [key, child] : *table) out[std::string(key.str())] = to_json(child);
    return out;
  }
  if (const auto* array = node.as_array()) {
    json out = json::array();
    for (const auto& child : *array) out.push_back(to_json(child));
    return out;
  }
  if (const auto* v = node.as_string()) return v->get();
  if (const auto* v = node.as_integer()) return v->get();
  if (const auto* v = node.as_floating_point()) return v->get();
  if (const auto* v = node.as_boolean()) return v->get();
  std::ostringstream text;  // date, time, date-time
  node.visit([&](const auto& leaf) { text << leaf; });
  return text.str();
}

}  // namespace

Result<json> parse_toml(std::string_view text, std::string_view name) {
  try {
    toml::table table = toml::parse(text, name);
    return to_json(table);
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::kConfig,
                std::string(name) + ": invalid TOML at line " +
                    std::to_string(e.source().begin.line) + ", column " +
                    std::to_string(e.source().begin.column) + ": " +
                    std::string(e.description()));
  }
}

}  // namespace gatehouse::config

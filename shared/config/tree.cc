#include "shared/config/tree.h"

#include <fstream>
#include <sstream>

namespace gatehouse::config {
namespace {

using nlohmann::json;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Records `file` as the origin of `value` and of everything below it.
void record(Tree& tree, const json& value, const std::string& path, const std::string& file) {
  tree.origins[path] = file;
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) record(tree, child, join_path(path, key), file);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) record(tree, value[i], index_path(path, i), file);
  }
}

// Forgets the origins of a value about to be replaced, so a later error about
// a key that only the old value had cannot blame the wrong file.
void forget(Tree& tree, const std::string& path) {
  for (auto it = tree.origins.lower_bound(path); it != tree.origins.end();) {
    const std::string& p = it->first;
    if (p.compare(0, path.size(), path) != 0) break;
    bool below = p.size() == path.size() || p[path.size()] == '.' || p[path.size()] == '[';
    it = below ? tree.origins.erase(it) : std::next(it);
  }
}

void merge_value(Tree& tree, json& into, const json& from, const std::string& path,
                 const std::string& file) {
  if (into.is_object() && from.is_object()) {
    tree.origins.try_emplace(path, file);
    for (const auto& [key, child] : from.items()) {
      std::string child_path = join_path(path, key);
      if (into.contains(key)) {
        merge_value(tree, into[key], child, child_path, file);
      } else {
        into[key] = child;
        record(tree, child, child_path, file);
      }
    }
  } else if (into.is_array() && from.is_array()) {
    std::size_t base = into.size();
    for (std::size_t i = 0; i < from.size(); ++i) {
      into.push_back(from[i]);
      record(tree, from[i], index_path(path, base + i), file);
    }
  } else {
    forget(tree, path);
    into = from;
    record(tree, from, path, file);
  }
}

}  // namespace

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string Tree::file_of(const std::string& path) const {
  std::string p = path;
  while (!p.empty()) {
    if (auto it = origins.find(p); it != origins.end()) return it->second;
    std::size_t cut = p.find_last_of(".[");
    p.resize(cut == std::string::npos ? 0 : cut);
  }
  std::string all;
  for (const auto& f : files) all += (all.empty() ? "" : ", ") + f;
  return all.empty() ? "<no file>" : all;
}

Result<json> read_file(const std::string& path) {
  bool yaml = ends_with(path, ".yaml") || ends_with(path, ".yml");
  bool toml = ends_with(path, ".toml");
  if (!yaml && !toml) {
    return fail(ErrorCode::kConfig,
                path + ": unknown config file type; use .yaml, .yml or .toml");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kConfig, path + ": cannot read the config file");
  std::stringstream text;
  text << in.rdbuf();
  GH_TRY(json value, yaml ? parse_yaml(text.str(), path) : parse_toml(text.str(), path));
  if (value.is_null()) value = json::object();
  if (!value.is_object()) {
    return fail(ErrorCode::kConfig, path + ": the top level must be a map of sections");
  }
  return value;
}

void merge(Tree& tree, const json& value, const std::string& file) {
  tree.files.push_back(file);
  merge_value(tree, tree.root, value, "", file);
}

Result<Tree> read_and_merge(const std::vector<std::string>& files) {
  Tree tree;
  for (const auto& file : files) {
    GH_TRY(json value, read_file(file));
    merge(tree, value, file);
  }
  return tree;
}

}  // namespace gatehouse::config

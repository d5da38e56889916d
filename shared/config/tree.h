// The generic configuration tree: every config file (YAML or TOML) is first
// read into one nlohmann::json value, then files are merged in order, and only
// then decoded into typed sections (config.h). Keeping the untyped step apart
// lets YAML and TOML share one decoder and lets `config dump` print exactly
// what the operator wrote.
//
// Every value remembers the file it came from, keyed by its path in the merged
// tree (`http.listeners[0].binds[1].port`), so an error can name the file.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"

namespace gatehouse::config {

// The merged tree plus, for each path, the file that set it.
struct Tree {
  nlohmann::json root = nlohmann::json::object();
  std::map<std::string, std::string> origins;

  // The file that set `path` or, for a path absent from every file, that set
  // its nearest parent; the list of files when nothing on the way was set.
  std::string file_of(const std::string& path) const;
  // The files merged into this tree, in order.
  std::vector<std::string> files;
};

// "a" + "b" -> "a.b"; "" + "b" -> "b".
std::string join_path(std::string_view parent, std::string_view key);
// "a" + 2 -> "a[2]".
std::string index_path(std::string_view parent, std::size_t index);

// Parses one file, choosing the syntax by extension: .yaml/.yml (YAML 1.2
// core schema: plain scalars that look like null, booleans or numbers become
// those; quoted scalars stay strings) or .toml. Any other extension, an
// unreadable file or a syntax error is ErrorCode::kConfig naming the file.
// An empty file is an empty map. The top level must be a map.
Result<nlohmann::json> read_file(const std::string& path);

// Parses YAML or TOML text; `name` is only used in error messages.
Result<nlohmann::json> parse_yaml(std::string_view text, std::string_view name);
Result<nlohmann::json> parse_toml(std::string_view text, std::string_view name);

// Merges `value` (from `file`) into `tree`: maps merge key by key, lists
// append, and any other value replaces the earlier one (as figment's
// `admerge`, which MAS uses).
void merge(Tree& tree, const nlohmann::json& value, const std::string& file);

// Reads and merges `files` in order; the first failing file is the error.
Result<Tree> read_and_merge(const std::vector<std::string>& files);

}  // namespace gatehouse::config

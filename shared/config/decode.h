// The typed reading step of config loading: a Section walks one map of the
// merged tree (tree.h) and reads its keys into typed fields, recording every
// problem with the key's path and file instead of stopping at the first one.
// Each config section (http.h, database.h, ...) has a decode() built on it.
//
// Rules every section gets from here:
// - a key read with get_*() is "known"; any other key left in the map when
//   the Section is destroyed is a warning "unknown key ... ignored";
// - absent and null keys leave the field at its default;
// - a wrong type is an error "<file>: <path>: expected X, got Y";
// - a secret `k` may instead be given as `k_file` (a path, relative to the
//   working directory); both set is an error.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/config/tree.h"

namespace gatehouse::config {

// Errors and warnings collected while decoding, each a full line of text:
// "config.yaml: database.uri: expected a string, got a number (5)".
class Diagnostics {
 public:
  // `product` names whose settings the files hold, for unsupported():
  // "MAS" for the auth service, "Synapse" for the homeserver.
  explicit Diagnostics(const Tree& tree, std::string product = "MAS")
      : tree_(tree), product_(std::move(product)) {}

  void error(const std::string& path, std::string_view message);
  void warning(const std::string& path, std::string_view message);
  // The usual warning for a key MAS knows and Gatehouse does not implement.
  void unsupported(const std::string& path);

  const Tree& tree() const { return tree_; }
  std::vector<std::string> errors;
  std::vector<std::string> warnings;

 private:
  std::string line(const std::string& path, std::string_view message) const;
  const Tree& tree_;
  std::string product_;
};

// The lines joined with "\n" (an Error message holding every error).
std::string join_lines(const std::vector<std::string>& lines);

// "a string", "a number (5)", "a boolean (true)", "a list", "a map", "null".
// With show_value=false numbers and booleans are not shown (for secrets).
std::string describe(const nlohmann::json& value, bool show_value = true);

// One map in the tree. Movable, not copyable; reports unknown keys once, when
// destroyed. A Section over an absent or null node reads as an empty map; a
// node that is not a map is reported (once) and also reads as empty.
class Section {
 public:
  Section(Diagnostics& diag, const nlohmann::json* node, std::string path);
  Section(Section&& other) noexcept;
  Section(const Section&) = delete;
  Section& operator=(const Section&) = delete;
  Section& operator=(Section&&) = delete;
  ~Section();

  const std::string& path() const { return path_; }
  std::string path(std::string_view key) const { return join_path(path_, key); }
  Diagnostics& diag() { return diag_; }
  bool has(std::string_view key) const;  // present and not null

  // The raw value (marks the key known); nullptr when absent or null.
  const nlohmann::json* raw(std::string_view key);

  // Each returns true when the key was present and valid, and then sets out;
  // otherwise out keeps its default (an error is recorded for a bad value).
  bool get(std::string_view key, std::string& out);
  bool get(std::string_view key, bool& out);
  bool get(std::string_view key, double& out);
  bool get(std::string_view key, std::vector<std::string>& out);
  bool get_int(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max);
  template <class Int>
  bool get_int(std::string_view key, Int& out, std::int64_t min, std::int64_t max) {
    std::int64_t v = 0;
    if (!get_int(key, v, min, max)) return false;
    out = static_cast<Int>(v);
    return true;
  }
  // One of `allowed`; the error lists them.
  bool get_enum(std::string_view key, std::string& out, const std::vector<std::string>& allowed);
  // An http(s) URL with a host; with trailing_slash, "/" is appended if missing.
  bool get_url(std::string_view key, std::string& out, bool trailing_slash);
  // A required key: records "<path>: required (what)" when absent.
  void require(std::string_view key, std::string_view what);

  // `key` or `key_file` (read from disk; Synapse names it `key_path`, given
  // as file_key). Trailing newlines of the file are stripped unless
  // keep_newlines (PEM keys). nullopt when neither is set or on error
  // (recorded). Values are never echoed into messages.
  std::optional<std::string> secret(std::string_view key, bool keep_newlines = false,
                                    std::string_view file_key = {});

  // A nested map, or each map of a list of maps.
  Section child(std::string_view key);
  void each(std::string_view key, const std::function<void(Section&, std::size_t)>& fn);

  // Marks `key` known and, if set, warns that Gatehouse does not support it.
  void unsupported(std::string_view key);
  // Marks `key` known without reading it (read by someone else).
  void skip(std::string_view key);

 private:
  const nlohmann::json* find(std::string_view key) const;
  // The value if present and `is_type`; records "expected ..." otherwise.
  const nlohmann::json* typed(std::string_view key, bool (nlohmann::json::*is_type)() const noexcept,
                              std::string_view expected);
  void type_error(std::string_view key, std::string_view expected, const nlohmann::json& got,
                  bool show_value = true);

  Diagnostics& diag_;
  const nlohmann::json* node_;  // nullptr: empty or moved-from
  std::string path_;
  std::vector<std::string> known_;
};

}  // namespace gatehouse::config

#include "shared/config/decode.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace gatehouse::config {

using nlohmann::json;

std::string Diagnostics::line(const std::string& path, std::string_view message) const {
  return tree_.file_of(path) + ": " + path + ": " + std::string(message);
}

void Diagnostics::error(const std::string& path, std::string_view message) {
  errors.push_back(line(path, message));
}

void Diagnostics::warning(const std::string& path, std::string_view message) {
  warnings.push_back(line(path, message));
}

void Diagnostics::unsupported(const std::string& path) {
  warnings.push_back(tree_.file_of(path) + ": `" + path +
                     "` is a " + product_ + " setting Gatehouse does not support yet; ignored");
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

std::string describe(const json& value, bool show_value) {
  auto shown = [&](std::string what) {
    return show_value ? what + " (" + value.dump() + ")" : what;
  };
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return shown("a boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return shown("a number");
    case json::value_t::string: return "a string";
    case json::value_t::array: return "a list";
    case json::value_t::object: return "a map";
    default: return "an unsupported value";
  }
}

Section::Section(Diagnostics& diag, const json* node, std::string path)
    : diag_(diag), node_(node), path_(std::move(path)) {
  if (node_ && node_->is_null()) node_ = nullptr;
  if (node_ && !node_->is_object()) {
    diag_.error(path_, "expected a map, got " + describe(*node_));
    node_ = nullptr;
  }
}

Section::Section(Section&& other) noexcept
    : diag_(other.diag_), node_(other.node_), path_(std::move(other.path_)),
      known_(std::move(other.known_)) {
  other.node_ = nullptr;
}

Section::~Section() {
  if (!node_) return;
  for (const auto& [key, value] : node_->items()) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
      diag_.warning(join_path(path_, key), "unknown key `" + key + "` ignored");
    }
  }
}

const json* Section::find(std::string_view key) const {
  if (!node_) return nullptr;
  auto it = node_->find(std::string(key));
  if (it == node_->end() || it->is_null()) return nullptr;
  return &*it;
}

bool Section::has(std::string_view key) const { return find(key) != nullptr; }

const json* Section::raw(std::string_view key) {
  known_.emplace_back(key);
  return find(key);
}

void Section::skip(std::string_view key) { known_.emplace_back(key); }

void Section::type_error(std::string_view key, std::string_view expected, const json& got,
                         bool show_value) {
  diag_.error(path(key), "expected " + std::string(expected) + ", got " + describe(got, show_value));
}

const json* Section::typed(std::string_view key, bool (json::*is_type)() const noexcept,
                          std::string_view expected) {
  const json* v = raw(key);
  if (v && !(v->*is_type)()) {
    type_error(key, expected, *v);
    return nullptr;
  }
  return v;
}

bool Section::get(std::string_view key, std::string& out) {
  const json* v = typed(key, &json::is_string, "a string");
  if (v) out = v->get<std::string>();
  return v != nullptr;
}

bool Section::get(std::string_view key, bool& out) {
  const json* v = typed(key, &json::is_boolean, "a boolean (true or false)");
  if (v) out = v->get<bool>();
  return v != nullptr;
}

bool Section::get(std::string_view key, double& out) {
  const json* v = typed(key, &json::is_number, "a number");
  if (v) out = v->get<double>();
  return v != nullptr;
}

bool Section::get(std::string_view key, std::vector<std::string>& out) {
  const json* v = typed(key, &json::is_array, "a list of strings");
  if (!v) return false;
  std::vector<std::string> items;
  bool good = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      diag_.error(index_path(path(key), i), "expected a string, got " + describe((*v)[i]));
      good = false;
    } else {
      items.push_back((*v)[i].get<std::string>());
    }
  }
  if (good) out = std::move(items);
  return good;
}

bool Section::get_int(std::string_view key, std::int64_t& out, std::int64_t min,
                      std::int64_t max) {
  const json* v = typed(key, &json::is_number_integer, "an integer");
  if (!v) return false;
  std::int64_t n = v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX
                       ? max + (max < INT64_MAX ? 1 : 0)
                       : v->get<std::int64_t>();
  if (n < min || n > max) {
    diag_.error(path(key), "expected an integer from " + std::to_string(min) + " to " +
                               std::to_string(max) + ", got " + v->dump());
    return false;
  }
  out = n;
  return true;
}

bool Section::get_enum(std::string_view key, std::string& out,
                       const std::vector<std::string>& allowed) {
  std::string value;
  if (!get(key, value)) return false;
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    diag_.error(path(key), "expected one of " + list + ", got \"" + value + "\"");
    return false;
  }
  out = value;
  return true;
}

bool Section::get_url(std::string_view key, std::string& out, bool trailing_slash) {
  std::string value;
  if (!get(key, value)) return false;
  std::size_t scheme_end = value.find("://");
  std::string scheme = value.substr(0, scheme_end);
  bool good = scheme_end != std::string::npos && (scheme == "http" || scheme == "https") &&
              scheme_end + 3 < value.size() && value[scheme_end + 3] != '/' &&
              value.find_first_of(" \t\r\n") == std::string::npos;
  if (!good) {
    diag_.error(path(key), "expected an http:// or https:// URL with a host, got \"" + value + "\"");
    return false;
  }
  if (trailing_slash && value.back() != '/') value += '/';
  out = value;
  return true;
}

void Section::require(std::string_view key, std::string_view what) {
  if (!has(key)) diag_.error(path(key), "required (" + std::string(what) + ")");
}

std::optional<std::string> Section::secret(std::string_view key, bool keep_newlines,
                                          std::string_view file_key_name) {
  std::string file_key =
      file_key_name.empty() ? std::string(key) + "_file" : std::string(file_key_name);
  const json* inline_value = raw(key);
  const json* file_value = raw(file_key);
  if (inline_value && file_value) {
    diag_.error(path(key), "set either `" + std::string(key) + "` or `" + file_key +
                               "`, not both");
    return std::nullopt;
  }
  if (inline_value) {
    if (!inline_value->is_string()) {
      type_error(key, "a string", *inline_value, /*show_value=*/false);
      return std::nullopt;
    }
    return inline_value->get<std::string>();
  }
  if (!file_value) return std::nullopt;
  if (!file_value->is_string()) {
    type_error(file_key, "a file path (string)", *file_value);
    return std::nullopt;
  }
  std::string file = file_value->get<std::string>();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diag_.error(path(file_key), "cannot read \"" + file + "\": " + std::strerror(errno));
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string value = text.str();
  // Editors and `echo` add a final newline that is not part of the secret.
  if (!keep_newlines) {
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  }
  return value;
}

Section Section::child(std::string_view key) {
  return Section(diag_, raw(key), path(key));
}

void Section::each(std::string_view key, const std::function<void(Section&, std::size_t)>& fn) {
  const json* v = typed(key, &json::is_array, "a list");
  if (!v) return;
  for (std::size_t i = 0; i < v->size(); ++i) {
    std::string item_path = index_path(path(key), i);
    if (!(*v)[i].is_object()) {
      diag_.error(item_path, "expected a map, got " + describe((*v)[i]));
      continue;
    }
    Section item(diag_, &(*v)[i], item_path);
    fn(item, i);
  }
}

void Section::unsupported(std::string_view key) {
  if (raw(key)) diag_.unsupported(path(key));
}

}  // namespace gatehouse::config

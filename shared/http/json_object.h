// One flat JSON object written straight into a string: {"k":"v","n":1}.
// For the hot answers (the token endpoint's, introspection's), where
// building an nlohmann::json tree (a std::map node and a string per key)
// and then serialising it cost more than writing the answer itself.
// Strings are escaped as RFC 8259 §7 requires; bytes that are not UTF-8 are
// replaced by U+FFFD, as write_json() does. Keys are written as given (they
// are literals in our code). Not for nested values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gatehouse::http {

class JsonObject {
 public:
  JsonObject() { out_.reserve(256); out_ += '{'; }
  JsonObject& add(std::string_view key, std::string_view value);
  JsonObject& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  JsonObject& add(std::string_view key, std::int64_t value);
  JsonObject& add(std::string_view key, bool value);
  // The object's text; the writer is spent.
  std::string finish();

 private:
  void key(std::string_view name);
  std::string out_;
  bool first_ = true;
};

// Appends `value` as a JSON string (quotes included) to `out`.
void append_json_string(std::string& out, std::string_view value);

}  // namespace gatehouse::http

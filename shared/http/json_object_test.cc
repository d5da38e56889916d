#include "shared/http/json_object.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace gatehouse::http {
namespace {

std::string as_json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST_CASE("json object: strings, integers and booleans, in the order added") {
  std::string text = JsonObject()
                         .add("access_token", "mat_abc")
                         .add("expires_in", std::int64_t{300})
                         .add("exp", std::int64_t{-1})
                         .add("active", true)
                         .add("revoked", false)
                         .finish();
  CHECK(text == R"({"access_token":"mat_abc","expires_in":300,"exp":-1,"active":true,"revoked":false})");
  auto parsed = nlohmann::json::parse(text);
  CHECK(parsed["expires_in"] == 300);
  CHECK(JsonObject().finish() == "{}");
}

TEST_CASE("json object: strings are escaped as RFC 8259 requires, and read back the same") {
  const std::string tricky = std::string("q\"b\\s/n\nr\rt\tb\bf\f") + '\x01' + '\x1f' + "\x7f";
  CHECK(as_json_string(tricky) == R"("q\"b\\s/n\nr\rt\tb\bf\f\u0001\u001f)" "\x7f\"");
  CHECK(nlohmann::json::parse(as_json_string(tricky)).get<std::string>() == tricky);
  // Well-formed UTF-8 (2, 3 and 4 bytes) passes as is.
  const std::string unicode = "h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x94\x91";
  CHECK(as_json_string(unicode) == "\"" + unicode + "\"");
}

TEST_CASE("json object: bytes that are not UTF-8 become U+FFFD, as write_json does") {
  for (const std::string bad : {std::string("\xFF"), std::string("a\xC3"), std::string("\xC0\xAF"),
                                std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
                                std::string("\xE2\x9C")}) {
    const std::string ours = as_json_string(bad);
    CHECK(nlohmann::json::parse(ours).is_string());  // always valid JSON
    CHECK(ours.find("\\ufffd") != std::string::npos);
  }
  CHECK(as_json_string("a\xFFz") == R"("a\ufffdz")");
}

}  // namespace
}  // namespace gatehouse::http

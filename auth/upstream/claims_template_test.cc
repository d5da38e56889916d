#include "auth/upstream/claims_template.h"

#include <doctest/doctest.h>

using gatehouse::auth::upstream::ClaimsTemplate;

namespace {

std::string render(std::string_view text, const nlohmann::json& context) {
  auto t = ClaimsTemplate::compile(text);
  REQUIRE_MESSAGE(t.has_value(), (t ? "" : t.error().describe()));
  return t->render(context);
}

std::string compile_error(std::string_view text) {
  auto t = ClaimsTemplate::compile(text);
  REQUIRE(!t.has_value());
  return t.error().message;
}

}  // namespace

TEST_CASE("claims templates: paths, quoted keys, text around, missing values empty") {
  const nlohmann::json ctx = {
      {"user", {{"sub", "abc"}, {"preferred_username", "Alice"}, {"groups", {"a", "b"}},
                {"custom-claim", "X"}, {"age", 7}, {"admin", true}, {"nothing", nullptr}}}};
  CHECK(render("{{ user.sub }}", ctx) == "abc");
  CHECK(render("{{user.preferred_username}}", ctx) == "Alice");
  CHECK(render("@{{ user.preferred_username }}:example.org", ctx) == "@Alice:example.org");
  CHECK(render("{{ user[\"custom-claim\"] }}/{{ user['custom-claim'] }}", ctx) == "X/X");
  CHECK(render("{{ user.email }}", ctx).empty());
  CHECK(render("{{ user.sub.deeper }}", ctx).empty());
  CHECK(render("{{ user.nothing }}", ctx).empty());
  CHECK(render("{{ user.age }} {{ user.admin }}", ctx) == "7 true");
  CHECK(render("{{ user.groups }}", ctx) == R"(["a","b"])");
  CHECK(render("plain text", ctx) == "plain text");
  CHECK(render("", ctx).empty());
}

TEST_CASE("claims templates: filters apply left to right") {
  const nlohmann::json ctx = {{"user", {{"name", "  mIxEd Case  "}}}};
  CHECK(render("{{ user.name | lower }}", ctx) == "  mixed case  ");
  CHECK(render("{{ user.name | trim | upper }}", ctx) == "MIXED CASE");
  CHECK(render("{{ user.name|trim|capitalize }}", ctx) == "Mixed case");
}

TEST_CASE("claims templates: what is not supported is refused at compile time, saying what") {
  CHECK(compile_error("{% if logged_out %}login{% endif %}").find("`{% … %}` statements") !=
        std::string::npos);
  CHECK(compile_error("{{ user.name | slugify }}") ==
        "in `{{ user.name | slugify }}`: unknown filter `slugify` (known: lower, upper, trim, "
        "capitalize)");
  CHECK(compile_error("{{ user.name").find("without its `}}`") != std::string::npos);
  CHECK(compile_error("{{ user.name ~ 'x' }}").find("only a path") != std::string::npos);
  CHECK(compile_error("{{ }}").find("expected a name") != std::string::npos);
}

// The templates of `upstream_oauth2.providers[].claims_imports` and
// `additional_authorization_parameters`: the part of MAS's Jinja that these
// templates use. Text with `{{ expression }}` in it, where an expression is
// a dotted path into the context (`user.preferred_username`,
// `user["custom-claim"]`, `params.login_hint`) followed by any of the
// filters `lower`, `upper`, `trim`, `capitalize`. A missing value renders
// empty, as Jinja's undefined does. `{% … %}` statements are refused at
// compile time, so an unsupported template stops the server at start
// instead of rendering something else.
// Thread safety: immutable after compile(); render() is const.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"

namespace gatehouse::auth::upstream {

class ClaimsTemplate {
 public:
  // kInvalidInput naming what is wrong and where, e.g.
  // "unknown filter `slugify` (known: lower, upper, trim, capitalize)".
  static Result<ClaimsTemplate> compile(std::string_view text);

  // The text with each expression replaced by its value in `context`:
  // strings as they are, numbers and booleans as JSON, a missing value or
  // null as "", objects and arrays as JSON text.
  std::string render(const nlohmann::json& context) const;

  const std::string& source() const { return source_; }

 private:
  enum class Filter { kLower, kUpper, kTrim, kCapitalize };
  struct Segment {
    std::string text;               // literal text, when path is empty
    std::vector<std::string> path;  // an expression's keys
    std::vector<Filter> filters;
  };
  std::string source_;
  std::vector<Segment> segments_;
};

}  // namespace gatehouse::auth::upstream

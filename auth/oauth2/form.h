// The application/x-www-form-urlencoded body every OAuth endpoint takes
// (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1), parsed once per request.
// Thread safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "auth/oauth2/oauth_error.h"

namespace gatehouse::auth::oauth2 {

class Form {
 public:
  // The value of `name`, or nullopt when absent. An empty value counts as
  // absent (RFC 6749 §3.1: "Parameters sent without a value MUST be treated
  // as if they were omitted").
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// Parses `body` (percent-decoding, '+' as space). A parameter given twice
// with a value is invalid_request (RFC 6749 §3.2: "MUST NOT be included more
// than once").
OAuthResult<Form> parse_form(std::string_view body);

// The request's body as a form; a Content-Type other than
// application/x-www-form-urlencoded is invalid_request.
OAuthResult<Form> parse_form_request(const httplib::Request& req);

}  // namespace gatehouse::auth::oauth2

#include "auth/oauth2/form.h"

namespace gatehouse::auth::oauth2 {

std::optional<std::string_view> Form::get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return std::string_view(it->second);
}

OAuthResult<Form> parse_form(std::string_view body) {
  Form form;
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t end = body.find('&', i);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(i, end - i);
    i = end + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::string name = httplib::detail::decode_url(std::string(pair.substr(0, eq)), true);
    std::string value = eq == std::string_view::npos
                            ? std::string()
                            : httplib::detail::decode_url(std::string(pair.substr(eq + 1)), true);
    if (value.empty()) continue;
    if (form.has(name)) return reject(OAuthError::invalid_request("parameter '" + name + "' repeated"));
    form.set(std::move(name), std::move(value));
  }
  return form;
}

OAuthResult<Form> parse_form_request(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (!type.starts_with("application/x-www-form-urlencoded")) {
    return reject(OAuthError::invalid_request(
        "the body must be application/x-www-form-urlencoded"));
  }
  return parse_form(req.body);
}

}  // namespace gatehouse::auth::oauth2

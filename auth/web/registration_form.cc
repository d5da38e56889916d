#include "auth/web/registration_form.h"

#include "auth/accounts/localpart.h"
#include "auth/accounts/password_strength.h"

namespace gatehouse::web {

std::optional<std::string> check_registration_form(const RegistrationForm& form,
                                                   const RegistrationRules& rules) {
  if (form.username.empty()) return "Choose a username.";
  if (auto valid = accounts::validate_localpart(form.username, rules.server_name); !valid) {
    // The message names the rule and the offending character.
    return "This username cannot be used: " + valid.error().message + ".";
  }
  if (auto bad = check_new_password(form.password, form.password_confirm, form.username,
                                    rules.minimum_complexity)) {
    return bad;
  }
  if (rules.token_required && form.token.empty()) {
    return "A registration token is needed to create an account on this server.";
  }
  return std::nullopt;
}

std::optional<std::string> check_new_password(std::string_view password,
                                              std::string_view confirm, std::string_view username,
                                              int minimum_complexity) {
  if (password.empty()) return "Choose a password.";
  if (password != confirm) return "The passwords do not match.";
  const auto strength =
      accounts::check_password_strength(password, minimum_complexity, {std::string(username)});
  if (!strength.acceptable) return "This password is " + strength.reason + ".";
  return std::nullopt;
}

}  // namespace gatehouse::web

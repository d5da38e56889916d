// The registration form (GET|POST /register, register.cc) checked without
// the database: the fields a person typed, and the first thing wrong with
// them in words they can act on. Availability of the username and the
// registration token are checked by the page against the database and the
// homeserver afterwards.
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::web {

struct RegistrationForm {
  std::string username;  // the Matrix localpart
  std::string password;
  std::string password_confirm;
  std::string token;  // registration token; may be empty when not required
};

struct RegistrationRules {
  std::string_view server_name;  // for the 255-byte user ID limit
  int minimum_complexity = 3;    // passwords.minimum_complexity (zxcvbn score)
  bool token_required = false;   // account.password_registration_token_required
};

// nullopt when the form may go on; otherwise why not, e.g. "The passwords
// do not match." Checks, in order: username present and a valid localpart,
// password present, confirmation equal, strength (the username counts as a
// known word), registration token present when required.
std::optional<std::string> check_registration_form(const RegistrationForm& form,
                                                   const RegistrationRules& rules);

// The password part of that check, also behind the account page's password
// change: present, confirmed, and strong enough (`username` counts as a
// known word).
std::optional<std::string> check_new_password(std::string_view password,
                                              std::string_view confirm, std::string_view username,
                                              int minimum_complexity);

}  // namespace gatehouse::web

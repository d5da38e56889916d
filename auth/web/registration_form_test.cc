// The registration form's checks, in the order a person meets them.
#include "auth/web/registration_form.h"

#include <doctest/doctest.h>

namespace gatehouse::web {
namespace {

const RegistrationRules kRules{"example.org", 3, false};
constexpr const char* kStrong = "correct horse battery staple 42";

RegistrationForm form(std::string username, std::string password = kStrong,
                      std::string confirm = kStrong, std::string token = {}) {
  return {std::move(username), std::move(password), std::move(confirm), std::move(token)};
}

}  // namespace

TEST_CASE("registration form: a valid username and a strong, confirmed password pass") {
  CHECK(!check_registration_form(form("alice"), kRules));
}

TEST_CASE("registration form: username missing or not a valid localpart") {
  CHECK(check_registration_form(form(""), kRules) == "Choose a username.");
  auto upper = check_registration_form(form("Alice"), kRules);
  REQUIRE(upper);
  CHECK(upper->find("cannot be used") != std::string::npos);
  CHECK(upper->find("'A'") != std::string::npos);
  CHECK(check_registration_form(form("al:ice"), kRules));
}

TEST_CASE("registration form: password missing, unconfirmed, or weak") {
  CHECK(check_registration_form(form("alice", "", ""), kRules) == "Choose a password.");
  CHECK(check_registration_form(form("alice", kStrong, "other"), kRules) ==
        "The passwords do not match.");
  auto weak = check_registration_form(form("alice", "password", "password"), kRules);
  REQUIRE(weak);
  CHECK(weak->find("too easy to guess") != std::string::npos);
  // The username is a known word: it does not make a password strong.
  auto own = check_registration_form(form("zebulon", "zebulon1", "zebulon1"), kRules);
  CHECK(own);
  CHECK(!check_registration_form(form("alice", "password", "password"), {"example.org", 0, false}));
}

TEST_CASE("a new password alone (the account page's change): the same rules") {
  CHECK(check_new_password(kStrong, kStrong, "alice", 3) == std::nullopt);
  CHECK(check_new_password("", "", "alice", 3) == "Choose a password.");
  CHECK(check_new_password(kStrong, "other", "alice", 3) == "The passwords do not match.");
  CHECK(check_new_password("zebulon1", "zebulon1", "zebulon", 3).has_value());
}

TEST_CASE("registration form: a token is needed only when the server requires one") {
  RegistrationRules rules = kRules;
  rules.token_required = true;
  CHECK(check_registration_form(form("alice"), rules) ==
        "A registration token is needed to create an account on this server.");
  CHECK(!check_registration_form(form("alice", kStrong, kStrong, "t0ken"), rules));
}

}  // namespace gatehouse::web

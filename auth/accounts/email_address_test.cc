#include "auth/accounts/email_address.h"

#include <string>

#include <doctest/doctest.h>

namespace gatehouse::accounts {
namespace {

std::string why(std::string_view address) {
  auto status = validate_email(address);
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ErrorCode::kInvalidInput);
  return status.error().message;
}

TEST_CASE("ordinary addresses pass") {
  CHECK(validate_email("alice@example.org"));
  CHECK(validate_email("a.b+tag@mail.example.co.uk"));
  CHECK(validate_email(std::string(64, 'a') + "@example.org"));
}

TEST_CASE("each rule has its own message") {
  CHECK(why("") == "invalid email address: it is empty");
  CHECK(why("alice.example.org") == "invalid email address: it has no '@'");
  CHECK(why("a@b@example.org") == "invalid email address: it has more than one '@'");
  CHECK(why("@example.org") == "invalid email address: nothing before the '@'");
  CHECK(why("alice@") == "invalid email address: nothing after the '@'");
  CHECK(why("alice@localhost") == "invalid email address: the domain has no '.'");
  CHECK(why("alice@example..org") == "invalid email address: the domain has an empty label");
  CHECK(why("alice@.example.org") == "invalid email address: the domain has an empty label");
  CHECK(why("alice@example.org.") == "invalid email address: the domain has an empty label");
  CHECK(why("al ice@example.org") == "invalid email address: it contains a space or a control character");
  CHECK(why("alice@example.org\r\nBcc: x@y.z").find("control character") != std::string::npos);
  CHECK(why(std::string(65, 'a') + "@example.org").find("longer than 64") != std::string::npos);
  CHECK(why("a@" + std::string(250, 'b') + ".org").find("longer than 254") != std::string::npos);
}

}  // namespace
}  // namespace gatehouse::accounts

#include "auth/accounts/localpart.h"

#include <string>

#include <doctest/doctest.h>

namespace gatehouse::accounts {
namespace {

std::string message(const Status& status) {
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ErrorCode::kInvalidInput);
  return status.error().message;
}

TEST_CASE("strict localparts: the Matrix user id grammar") {
  CHECK(validate_localpart("alice", "example.org"));
  CHECK(validate_localpart("a.b_c=d-e/f+g0123456789", "example.org"));
  CHECK(message(validate_localpart("Alice", "example.org")) ==
        "localpart 'Alice' contains 'A': only a-z, 0-9 and ._=/+- are allowed");
  CHECK(message(validate_localpart("al ice", "example.org")).find("contains ' '") != std::string::npos);
  CHECK(message(validate_localpart("a:b", "example.org")).find("contains ':'") != std::string::npos);
  CHECK(message(validate_localpart("jos\xC3\xA9", "example.org")).find("contains '\xC3\xA9'") !=
        std::string::npos);
  // A control character is shown escaped, never raw.
  auto newline = message(validate_localpart("a\nb", "example.org"));
  CHECK(newline.find('\n') == std::string::npos);
  CHECK(newline.find("contains '\\x0A'") != std::string::npos);
  CHECK(message(validate_localpart("", "example.org")) == "the username must not be empty");
}

TEST_CASE("the whole user id must fit in 255 bytes") {
  const std::string server = "example.org";  // @ + localpart + : + 11 bytes
  CHECK(validate_localpart(std::string(242, 'a'), server));
  auto too_long = validate_localpart(std::string(243, 'a'), server);
  CHECK(message(too_long).find("256 bytes long; at most 255") != std::string::npos);
  CHECK_FALSE(validate_localpart(std::string(243, 'a'), server, LocalpartPolicy::kHistorical));
}

TEST_CASE("historical localparts: printable ASCII except ':'") {
  auto historical = LocalpartPolicy::kHistorical;
  CHECK(validate_localpart("Alice", "example.org", historical));
  CHECK(validate_localpart("!#$%&'()*+,-./0123456789;<=>?@[\\]^_`{|}~", "example.org", historical));
  CHECK(message(validate_localpart("a:b", "example.org", historical)).find("contains ':'") !=
        std::string::npos);
  CHECK_FALSE(validate_localpart("a b", "example.org", historical));
  CHECK_FALSE(validate_localpart("a\x7F", "example.org", historical));
  CHECK_FALSE(validate_localpart("\xC3\xA9", "example.org", historical));
}

}  // namespace
}  // namespace gatehouse::accounts

#include "shared/crypto/constant_time.h"

#include <doctest/doctest.h>

#include <string>

namespace gatehouse::crypto {
namespace {

TEST_CASE("constant_time_equals compares content and length") {
  CHECK(constant_time_equals("", ""));
  CHECK(constant_time_equals("secret", "secret"));
  CHECK_FALSE(constant_time_equals("secret", "secreT"));
  CHECK_FALSE(constant_time_equals("Secret", "secret"));
  CHECK_FALSE(constant_time_equals("secret", "secret2"));  // prefix
  CHECK_FALSE(constant_time_equals("", "x"));
  CHECK(constant_time_equals(std::string("a\0b", 3), std::string("a\0b", 3)));
  CHECK_FALSE(constant_time_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace gatehouse::crypto

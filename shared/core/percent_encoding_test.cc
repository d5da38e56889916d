#include "shared/core/percent_encoding.h"

#include <doctest/doctest.h>

TEST_CASE("percent_encode keeps only RFC 3986 unreserved characters") {
  using gatehouse::percent_encode;
  CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
  CHECK(percent_encode("p@ss:w/rd") == "p%40ss%3Aw%2Frd");
  CHECK(percent_encode("a b+c&d=e") == "a%20b%2Bc%26d%3De");
  CHECK(percent_encode("\xC3\xA9") == "%C3%A9");
  CHECK(percent_encode("").empty());
}

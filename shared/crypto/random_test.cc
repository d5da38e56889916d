#include "shared/crypto/random.h"

#include <doctest/doctest.h>

#include <map>
#include <set>

namespace gatehouse::crypto {
namespace {

TEST_CASE("random_bytes gives the requested length and differs per call") {
  CHECK(random_bytes(0).empty());
  CHECK(random_bytes(32).size() == 32);
  CHECK(random_bytes(32) != random_bytes(32));
}

TEST_CASE("random_alnum uses exactly [A-Za-z0-9] and reaches every character") {
  std::string s = random_alnum(20000);
  REQUIRE(s.size() == 20000);
  std::set<char> seen(s.begin(), s.end());
  for (char c : seen) CHECK(((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')));
  // 20000 draws over 62 symbols: missing one has probability ~62*e^-322.
  CHECK(seen.size() == 62);
  CHECK(random_alnum(30) != random_alnum(30));
}

}  // namespace
}  // namespace gatehouse::crypto

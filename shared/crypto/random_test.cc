#include "shared/crypto/random.h"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

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

TEST_CASE("a forked child does not repeat the bytes its parent draws next") {
  (void)random_bytes(10);  // this thread's buffer now holds bytes both would inherit
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const std::string drawn = random_bytes(16);
    const bool written = ::write(fds[1], drawn.data(), drawn.size()) == 16;
    ::_exit(written ? 0 : 1);
  }
  ::close(fds[1]);
  std::string from_child(16, '\0');
  const bool read_all = ::read(fds[0], from_child.data(), 16) == 16;
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(read_all);
  CHECK(random_bytes(16) != from_child);
}

}  // namespace
}  // namespace gatehouse::crypto

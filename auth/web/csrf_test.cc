#include "auth/web/csrf.h"

#include <doctest/doctest.h>

namespace gatehouse::web {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;

TEST_CASE("a new cookie gets a secret that the form must echo exactly") {
  SessionCookie cookie;
  CHECK(ensure_csrf(cookie, kNow));
  CHECK(cookie.csrf_secret.size() == 32);
  CHECK(csrf_valid(cookie, cookie.csrf_secret, kNow));
  CHECK_FALSE(csrf_valid(cookie, "", kNow));
  CHECK_FALSE(csrf_valid(cookie, cookie.csrf_secret.substr(1), kNow));
  auto wrong = cookie.csrf_secret;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  CHECK_FALSE(csrf_valid(cookie, wrong, kNow));
}

TEST_CASE("a secret is refused once expired, and an empty secret never matches") {
  SessionCookie cookie;
  ensure_csrf(cookie, kNow);
  CHECK(csrf_valid(cookie, cookie.csrf_secret, kNow + kCsrfLifetimeMs - 1));
  CHECK_FALSE(csrf_valid(cookie, cookie.csrf_secret, kNow + kCsrfLifetimeMs));
  CHECK_FALSE(csrf_valid(SessionCookie{}, "", kNow));
}

TEST_CASE("a fresh secret is kept; a half-used one is extended, an expired one replaced") {
  SessionCookie cookie;
  ensure_csrf(cookie, kNow);
  const auto first = cookie.csrf_secret;
  CHECK_FALSE(ensure_csrf(cookie, kNow + 1000));
  CHECK(ensure_csrf(cookie, kNow + kCsrfLifetimeMs / 2 + 1));
  CHECK(cookie.csrf_secret == first);  // forms already on screen keep working
  CHECK(ensure_csrf(cookie, kNow + 10 * kCsrfLifetimeMs));
  CHECK(cookie.csrf_secret != first);
}

}  // namespace
}  // namespace gatehouse::web

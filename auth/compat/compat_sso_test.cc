#include "auth/compat/compat_sso.h"

#include <doctest/doctest.h>

namespace gatehouse::auth::compat {

TEST_CASE("redirectUrl must be absolute; script schemes and spaces are refused") {
  CHECK(is_valid_redirect_url("https://app.element.io/"));
  CHECK(is_valid_redirect_url("http://127.0.0.1:8000/cb?state=1"));
  CHECK(is_valid_redirect_url("im.fluffychat://login"));
  CHECK(!is_valid_redirect_url(""));
  CHECK(!is_valid_redirect_url("/relative/path"));
  CHECK(!is_valid_redirect_url("https:///nohost"));
  CHECK(!is_valid_redirect_url("javascript:alert(1)"));
  CHECK(!is_valid_redirect_url("JavaScript:alert(1)"));
  CHECK(!is_valid_redirect_url("https://a b.example/"));
  CHECK(!is_valid_redirect_url("1http://x/"));
}

TEST_CASE("the confirmation page names the redirect host") {
  CHECK(redirect_host("https://app.element.io/#/login") == "app.element.io");
  CHECK(redirect_host("http://user@127.0.0.1:8000/cb") == "127.0.0.1:8000");
  CHECK(redirect_host("im.fluffychat://login") == "login");
  CHECK(redirect_host("myapp:callback") == "myapp");
}

TEST_CASE("loginToken is added to the query, keeping it and the fragment") {
  CHECK(with_login_token("https://c.example/cb", "T") == "https://c.example/cb?loginToken=T");
  CHECK(with_login_token("https://c.example/cb?a=1", "T") == "https://c.example/cb?a=1&loginToken=T");
  CHECK(with_login_token("https://c.example/cb?", "T") == "https://c.example/cb?loginToken=T");
  CHECK(with_login_token("https://c.example/#/room", "T") == "https://c.example/?loginToken=T#/room");
}

}  // namespace gatehouse::auth::compat

#include "auth/web/redirect_uri.h"

#include <doctest/doctest.h>

namespace gatehouse::web {
namespace {

const RedirectUriRules kWeb{false};
const RedirectUriRules kNative{true};

TEST_CASE("the requested redirect_uri must equal a registered one exactly") {
  const std::vector<std::string> registered = {"https://app.example/cb", "https://app.example/cb2"};
  CHECK(resolve_redirect_uri(registered, "https://app.example/cb", kWeb) == "https://app.example/cb");
  CHECK(resolve_redirect_uri(registered, "https://app.example/cb2", kWeb) == "https://app.example/cb2");
  CHECK_FALSE(resolve_redirect_uri(registered, "https://app.example/cb/", kWeb));
  CHECK_FALSE(resolve_redirect_uri(registered, "https://APP.example/cb", kWeb));
  CHECK_FALSE(resolve_redirect_uri(registered, "https://app.example/cb?x=1", kWeb));
  CHECK_FALSE(resolve_redirect_uri(registered, "https://app.example:443/cb", kWeb));
  CHECK_FALSE(resolve_redirect_uri(registered, "https://evil.example/cb", kWeb));
}

TEST_CASE("without redirect_uri the only registered one is used, else none") {
  CHECK(resolve_redirect_uri({"https://a.example/cb"}, "", kWeb) == "https://a.example/cb");
  CHECK_FALSE(resolve_redirect_uri({"https://a.example/cb", "https://b.example/cb"}, "", kWeb));
  CHECK_FALSE(resolve_redirect_uri({}, "", kWeb));
}

TEST_CASE("RFC 8252 §7.3: native clients may use any port on a loopback IP literal") {
  const std::vector<std::string> registered = {"http://127.0.0.1/callback", "http://[::1]:8000/cb"};
  CHECK(resolve_redirect_uri(registered, "http://127.0.0.1:51234/callback", kNative) ==
        "http://127.0.0.1:51234/callback");
  CHECK(resolve_redirect_uri(registered, "http://[::1]:1/cb", kNative) == "http://[::1]:1/cb");
  CHECK(resolve_redirect_uri(registered, "http://[::1]/cb", kNative) == "http://[::1]/cb");
  // Only the port is free: path, host family and scheme still must match.
  CHECK_FALSE(resolve_redirect_uri(registered, "http://127.0.0.1:51234/other", kNative));
  CHECK_FALSE(resolve_redirect_uri(registered, "http://[::1]:51234/callback", kNative));
  CHECK_FALSE(resolve_redirect_uri(registered, "https://127.0.0.1:51234/callback", kNative));
  CHECK_FALSE(resolve_redirect_uri(registered, "http://localhost:51234/callback", kNative));
  CHECK_FALSE(resolve_redirect_uri(registered, "http://127.0.0.1.evil.example/callback", kNative));
  CHECK_FALSE(resolve_redirect_uri(registered, "http://127.0.0.1:80@evil.example/callback", kNative));
  CHECK_FALSE(resolve_redirect_uri(registered, "http://127.0.0.1:x/callback", kNative));
  // Web clients get no such latitude.
  CHECK_FALSE(resolve_redirect_uri(registered, "http://127.0.0.1:51234/callback", kWeb));
}

TEST_CASE("loopback detection and host extraction") {
  CHECK(is_loopback_redirect("http://127.0.0.1/cb"));
  CHECK(is_loopback_redirect("http://[::1]:9/cb"));
  CHECK_FALSE(is_loopback_redirect("http://localhost/cb"));
  CHECK_FALSE(is_loopback_redirect("https://127.0.0.1/cb"));
  CHECK(uri_host("https://app.example:8443/cb?x#y") == "app.example:8443");
  CHECK(uri_host("io.element.app:/callback") == "");
  CHECK(uri_host("https://user@app.example/") == "app.example");
}

}  // namespace
}  // namespace gatehouse::web

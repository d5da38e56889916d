#include "auth/web/session_cookie.h"

#include <doctest/doctest.h>

#include "shared/crypto/encoding.h"

namespace gatehouse::web {
namespace {

constexpr const char* kKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* kOtherKey = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

CookieCodec codec(bool secure = false, const char* key = kKey) {
  return CookieCodec(crypto::Encrypter::from_hex(key).value(), secure);
}

const SessionCookie kCookie{"01J00000000000000000000000", "csrfsecret", 1'700'000'000'000};

TEST_CASE("a sealed cookie opens to the same value and does not show it in clear") {
  auto c = codec();
  const auto sealed = c.seal(kCookie);
  CHECK(sealed.find("csrfsecret") == std::string::npos);
  CHECK(sealed.find("01J0000") == std::string::npos);
  CHECK(c.open(sealed) == kCookie);
  SessionCookie with_upstream = kCookie;
  with_upstream.upstream_session_id = "01JUPSTREAM000000000000000";
  with_upstream.registration_id = "01JREG1STRAT10N00000000000";
  CHECK(c.open(c.seal(with_upstream)) == with_upstream);
}

TEST_CASE("a tampered, truncated or foreign cookie is no cookie") {
  auto c = codec();
  auto sealed = c.seal(kCookie);
  auto bytes = crypto::base64_decode(sealed).value();
  for (std::size_t i : {std::size_t(0), std::size_t(13), bytes.size() - 1}) {
    auto flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 1);
    CHECK_FALSE(c.open(crypto::base64_encode(flipped)));
  }
  CHECK_FALSE(c.open(sealed.substr(0, sealed.size() - 4)));
  CHECK_FALSE(c.open(""));
  CHECK_FALSE(c.open("not base64 at all"));
  CHECK_FALSE(codec(false, kOtherKey).open(sealed));
}

TEST_CASE("a value encrypted under the key but of another shape is refused") {
  auto enc = crypto::Encrypter::from_hex(kKey).value();
  auto c = codec();
  CHECK_FALSE(c.open(enc.encrypt("{\"v\":2,\"sid\":\"x\",\"csrf\":\"y\",\"csrf_exp\":1}").value()));
  CHECK_FALSE(c.open(enc.encrypt("{\"v\":1,\"sid\":1,\"csrf\":\"y\",\"csrf_exp\":1}").value()));
  CHECK_FALSE(c.open(enc.encrypt("[]").value()));
  CHECK(c.open(enc.encrypt("{\"v\":1,\"sid\":\"\",\"csrf\":\"y\",\"csrf_exp\":1}").value()));
}

TEST_CASE("Set-Cookie carries HttpOnly, SameSite=Lax, Path=/ and Secure only for https") {
  auto plain = codec(false).set_cookie_header(kCookie);
  CHECK(plain.rfind("gatehouse-session=", 0) == 0);
  CHECK(plain.find("; Path=/") != std::string::npos);
  CHECK(plain.find("; HttpOnly") != std::string::npos);
  CHECK(plain.find("; SameSite=Lax") != std::string::npos);
  CHECK(plain.find("Secure") == std::string::npos);
  CHECK(codec(true).set_cookie_header(kCookie).find("; Secure") != std::string::npos);
}

TEST_CASE("the cookie is read back from a request's Cookie header among others") {
  auto c = codec();
  httplib::Request req;
  req.set_header("Cookie", "other=1; gatehouse-session=" + c.seal(kCookie) + "; last=2");
  CHECK(c.read(req) == kCookie);
  httplib::Request tampered;
  tampered.set_header("Cookie", "gatehouse-session=AAAA" + c.seal(kCookie));
  CHECK_FALSE(c.read(tampered));
  CHECK_FALSE(c.read(httplib::Request{}));
}

TEST_CASE("find_cookie splits on ';', trims spaces and matches the whole name") {
  CHECK(find_cookie("a=1; b=2", "b") == "2");
  CHECK(find_cookie("a=1;b=\"2\"", "b") == "2");
  CHECK_FALSE(find_cookie("xb=2", "b"));
  CHECK_FALSE(find_cookie("", "b"));
  CHECK(find_cookie("b=x=y", "b") == "x=y");
}

}  // namespace
}  // namespace gatehouse::web

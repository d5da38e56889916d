#include "shared/crypto/encoding.h"

#include <doctest/doctest.h>

namespace gatehouse::crypto {
namespace {

TEST_CASE("base64 matches RFC 4648 §10 test vectors") {
  const char* in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* std_out[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  const char* url_out[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    CAPTURE(i);
    CHECK(base64_encode(in[i]) == std_out[i]);
    CHECK(base64_decode(std_out[i]).value() == in[i]);
    CHECK(base64url_encode(in[i]) == url_out[i]);
    CHECK(base64url_decode(url_out[i]).value() == in[i]);
  }
}

TEST_CASE("base64url uses - and _ and round-trips every byte") {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  std::string enc = base64url_encode(all);
  CHECK(enc.find('+') == std::string::npos);
  CHECK(enc.find('/') == std::string::npos);
  CHECK(enc.find('=') == std::string::npos);
  CHECK(base64url_decode(enc).value() == all);
  CHECK(base64_decode(base64_encode(all)).value() == all);
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  CHECK(base64_encode("\xfb\xff") == "+/8=");
}

TEST_CASE("base64url decoding rejects bad input") {
  CHECK_FALSE(base64url_decode("Zg=="));   // padding
  CHECK_FALSE(base64url_decode("Zm+v"));   // standard alphabet
  CHECK_FALSE(base64url_decode("Zm9 v"));  // whitespace
  CHECK_FALSE(base64url_decode("Z"));      // impossible length
  CHECK_FALSE(base64url_decode("Zh"));     // non-zero trailing bits ("Zg" is canonical)
  CHECK(base64url_decode("Zm9v!").error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("standard base64 decoding requires padding and its alphabet") {
  CHECK_FALSE(base64_decode("Zg"));
  CHECK_FALSE(base64_decode("Zg="));
  CHECK_FALSE(base64_decode("Z==="));
  CHECK_FALSE(base64_decode("-_8="));
  CHECK_FALSE(base64_decode("Zg=a"));
}

TEST_CASE("hex encodes lowercase and decodes both cases") {
  CHECK(hex_encode(std::string("\x00\x01\xab\xff", 4)) == "0001abff");
  CHECK(hex_decode("0001ABff").value() == std::string("\x00\x01\xab\xff", 4));
  CHECK_FALSE(hex_decode("abc"));
  CHECK_FALSE(hex_decode("zz"));
}

}  // namespace
}  // namespace gatehouse::crypto

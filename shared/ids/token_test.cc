#include "shared/ids/token.h"

#include <doctest/doctest.h>

#include <string>

namespace gatehouse::ids {
namespace {

// Expected values computed independently with python3's zlib.crc32:
//   python3 -c "import zlib;A='0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
//   e=lambda n,s='':e(n//62,s+A[n%62]) if n else s.rjust(6,'0')
//   b='mat_abcdefghijklmnopqrstuvwxyzABCD';print(b+'_'+e(zlib.crc32(b.encode())))"
TEST_CASE("fixed vectors from python zlib.crc32") {
  struct Vector {
    const char* token;
    TokenType type;
    std::uint32_t crc;
  };
  const Vector vectors[] = {
      {"mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s31", TokenType::kAccessToken, 973361794u},
      {"mar_012345678901234567890123456789_77b7z2", TokenType::kRefreshToken, 2735433125u},
      {"mct_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ_0BKzIU", TokenType::kCompatAccessToken, 447815719u},
      {"mcr_Gatehouse0Gatehouse0Gatehouse0_8ThsM1", TokenType::kCompatRefreshToken, 1254249034u},
      {"mpt_q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5_0f2wmb", TokenType::kPersonalAccessToken, 558387293u},
  };
  for (const auto& v : vectors) {
    CAPTURE(v.token);
    auto type = check_token(v.token);
    REQUIRE(type);
    CHECK(*type == v.type);
    CHECK(encode_token_checksum(v.crc) == std::string(v.token).substr(35));
  }
}

TEST_CASE("checksum digits are least-significant first, then left-padded") {
  CHECK(encode_token_checksum(0) == "000000");
  CHECK(encode_token_checksum(1) == "000001");
  CHECK(encode_token_checksum(62) == "000001");  // "10" reversed is "01", padded: MAS's quirk
  CHECK(encode_token_checksum(63) == "000011");
  CHECK(encode_token_checksum(61) == "00000z");
  CHECK(encode_token_checksum(0xffffffffu) == "3CFfg4");
}

TEST_CASE("generated tokens have the MAS shape and pass the check") {
  for (auto type : {TokenType::kAccessToken, TokenType::kRefreshToken, TokenType::kCompatAccessToken,
                    TokenType::kCompatRefreshToken, TokenType::kPersonalAccessToken}) {
    std::string token = generate_token(type);
    CAPTURE(token_prefix(type));
    CHECK(token.size() == 41);
    CHECK(token.substr(0, 4) == std::string(token_prefix(type)) + "_");
    CHECK(check_token(token).value() == type);
  }
  CHECK(generate_token(TokenType::kAccessToken) != generate_token(TokenType::kAccessToken));
}

TEST_CASE("changing any one character of a generated token makes the check fail") {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
  std::string token = generate_token(TokenType::kAccessToken);
  for (std::size_t pos = 0; pos < token.size(); ++pos) {
    for (char c : alphabet) {
      if (c == token[pos]) continue;
      std::string changed = token;
      changed[pos] = c;
      CAPTURE(pos);
      CAPTURE(c);
      CHECK_FALSE(check_token(changed));
    }
  }
}

TEST_CASE("format, prefix and checksum errors are distinct") {
  std::string good = "mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s31";
  CHECK(check_token("").error().message == "invalid format");
  CHECK(check_token("mat_abc").error().message == "invalid format");
  CHECK(check_token(good + "1").error().message == "invalid format");
  CHECK(check_token(good + "_").error().message == "invalid format");
  CHECK(check_token("matt_abcdefghijklmnopqrstuvwxyzABC_mr7s31").error().message == "invalid format");
  CHECK(check_token("xyz_abcdefghijklmnopqrstuvwxyzABCD_mr7s31").error().message == "unknown token prefix");
  CHECK(check_token("mat_abcdefghijklmnopqrstuvwxyzABCD_mr7s32").error().message == "invalid token checksum");
  // A valid token's checksum under another known prefix is a checksum error.
  CHECK(check_token("mar_abcdefghijklmnopqrstuvwxyzABCD_mr7s31").error().message == "invalid token checksum");
  CHECK(check_token(good.substr(0, 40)).error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("Synapse tokens and macaroons are compat tokens, unchecked") {
  CHECK(check_token("syt_YWxpY2U_HlGzGOmLhaHvNLMeTsEm_3ZsnQu").value() == TokenType::kCompatAccessToken);
  CHECK(check_token("syt_anything").value() == TokenType::kCompatAccessToken);
  CHECK(check_token("syr_YWxpY2U_qwertyuiop_123456").value() == TokenType::kCompatRefreshToken);
  // python3: base64.urlsafe_b64encode(b'0021location example.com\n0014identifier keys\n')
  CHECK(check_token("MDAyMWxvY2F0aW9uIGV4YW1wbGUuY29tCjAwMTRpZGVudGlmaWVyIGtleXMK").value() ==
        TokenType::kCompatAccessToken);
  // Not a macaroon: "location" not at byte 4.
  CHECK(check_token("bG9jYXRpb24gZXhhbXBsZS5jb20K").error().message == "invalid format");
}

TEST_CASE("fingerprint is the lowercase hex SHA-256") {
  // python3 -c "import hashlib;print(hashlib.sha256(b'mat_abcdefghijklmnopqrstuvwxyzABCD_000000').hexdigest())"
  CHECK(token_fingerprint("mat_abcdefghijklmnopqrstuvwxyzABCD_000000") ==
        "a050357449298257da7896dc3d4fb58a1762dca53e6085550b8888c53672bd95");
  CHECK(token_fingerprint("a") != token_fingerprint("b"));
}

}  // namespace
}  // namespace gatehouse::ids

#include "auth/accounts/phc_string.h"

#include <doctest/doctest.h>

namespace gatehouse::accounts {
namespace {

TEST_CASE("PHC strings parse and format back to the same text") {
  const std::string text =
      "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
      "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE";
  auto phc = parse_phc(text);
  REQUIRE(phc);
  CHECK(phc->id == "argon2id");
  CHECK(phc->version == 19u);
  CHECK(phc->param("m") == "19456");
  CHECK(phc->param("t") == "2");
  CHECK_FALSE(phc->param("x"));
  CHECK(phc->salt == "somesaltsomesalt");
  CHECK(format_phc(*phc) == text);

  auto pbkdf2 = parse_phc("$pbkdf2-sha256$i=600000,l=32$AAECAwQFBgcICQoLDA0ODw$AAAA");
  REQUIRE(pbkdf2);
  CHECK_FALSE(pbkdf2->version);
  CHECK(*pbkdf2->uint_param("i", 1, 1'000'000) == 600000u);
  CHECK_FALSE(pbkdf2->uint_param("i", 1, 1000));
  CHECK(pbkdf2->hash == std::string(3, '\0'));

  auto bare = parse_phc("$x$AAAA$AAAA");
  REQUIRE(bare);
  CHECK(bare->params.empty());
}

TEST_CASE("PHC parse errors") {
  for (const char* bad : {"", "argon2id$v=19$AAAA$AAAA", "$$AAAA$AAAA", "$a$AAAA",
                          "$a$v=x$AAAA$AAAA", "$a$m=1$AAA=$AAAA", "$a$m$AAAA$AAAA",
                          "$a$m=1$AA!A$AAAA", "$a$v=19$m=1$AAAA$AAAA$extra"}) {
    CAPTURE(bad);
    auto parsed = parse_phc(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == ErrorCode::kCrypto);
  }
}

TEST_CASE("PHC B64 has no padding") {
  CHECK(phc_b64_encode("a") == "YQ");
  CHECK(phc_b64_encode("ab") == "YWI");
  CHECK(*phc_b64_decode("YWI") == "ab");
  CHECK_FALSE(phc_b64_decode("YWI="));
  CHECK_FALSE(phc_b64_decode("Y"));
}

}  // namespace
}  // namespace gatehouse::accounts

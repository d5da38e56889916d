#include "auth/accounts/password_scheme.h"

#include <argon2.h>
#include <doctest/doctest.h>

#include "auth/accounts/phc_string.h"
#include "auth/accounts/synapse_bcrypt_fixture.h"

namespace gatehouse::accounts {
namespace {

// The smallest work factors each algorithm allows: these tests are about
// formats and inputs, not about cost.
SchemeOptions cheap(Algorithm algorithm) {
  SchemeOptions options;
  options.algorithm = algorithm;
  options.cost = 4;
  options.argon2 = {8, 1, 1};
  options.pbkdf2_iterations = 1000;
  return options;
}

std::unique_ptr<PasswordScheme> scheme(const SchemeOptions& options) {
  auto made = make_password_scheme(options);
  REQUIRE(made);
  return std::move(*made);
}

bool verifies(const PasswordScheme& s, std::string_view stored, std::string_view password) {
  auto result = s.verify(stored, password);
  REQUIRE(result);
  return *result;
}

TEST_CASE("every algorithm round-trips and rejects a wrong password") {
  for (Algorithm algorithm : {Algorithm::kArgon2id, Algorithm::kBcrypt, Algorithm::kPbkdf2}) {
    CAPTURE(to_string(algorithm));
    auto s = scheme(cheap(algorithm));
    auto hashed = s->hash("hunter2 is long enough");
    REQUIRE(hashed);
    CHECK(verifies(*s, *hashed, "hunter2 is long enough"));
    CHECK_FALSE(verifies(*s, *hashed, "hunter2 is long enougH"));
    CHECK_FALSE(verifies(*s, *hashed, ""));
    // A fresh salt each time.
    CHECK(*s->hash("hunter2 is long enough") != *hashed);
  }
}

TEST_CASE("argon2id writes MAS's PHC string and keeps parameters in it") {
  auto s = scheme(cheap(Algorithm::kArgon2id));
  auto hashed = s->hash("password");
  REQUIRE(hashed);
  CHECK(hashed->starts_with("$argon2id$v=19$m=8,t=1,p=1$"));
  auto phc = parse_phc(*hashed);
  REQUIRE(phc);
  CHECK(phc->salt.size() == 16);
  CHECK(phc->hash.size() == 32);
  // libargon2's own verifier agrees (no pepper: its high-level API has none).
  CHECK(argon2id_verify(hashed->c_str(), "password", 8) == ARGON2_OK);
  CHECK(argon2id_verify(hashed->c_str(), "passwore", 8) == ARGON2_VERIFY_MISMATCH);

  // Verify reads m/t/p from the stored string, not from the options.
  SchemeOptions other = cheap(Algorithm::kArgon2id);
  other.argon2 = {64, 3, 2};
  CHECK(verifies(*scheme(other), *hashed, "password"));
}

TEST_CASE("argon2id verifies hashes made by libargon2's reference encoder") {
  const std::string salt = "0123456789abcdef";
  char encoded[128];
  REQUIRE(argon2id_hash_encoded(2, 16, 1, "correct horse", 13, salt.data(), salt.size(), 32,
                                encoded, sizeof encoded) == ARGON2_OK);
  auto s = scheme(cheap(Algorithm::kArgon2id));
  CHECK(verifies(*s, encoded, "correct horse"));
  CHECK_FALSE(verifies(*s, encoded, "correct horsE"));
}

TEST_CASE("argon2id uses the pepper as argon2's secret input") {
  SchemeOptions options = cheap(Algorithm::kArgon2id);
  options.pepper = "server pepper";
  auto hashed = scheme(options)->hash("password");
  REQUIRE(hashed);
  CHECK(verifies(*scheme(options), *hashed, "password"));
  // Without the pepper, or with another, nothing matches.
  CHECK_FALSE(verifies(*scheme(cheap(Algorithm::kArgon2id)), *hashed, "password"));
  CHECK(argon2id_verify(hashed->c_str(), "password", 8) == ARGON2_VERIFY_MISMATCH);
  options.pepper = "other pepper";
  CHECK_FALSE(verifies(*scheme(options), *hashed, "password"));

  // Independently: libargon2's context verifier with K = the pepper agrees.
  auto phc = parse_phc(*hashed);
  REQUIRE(phc);
  std::string pwd = "password", secret = "server pepper", out(32, '\0');
  argon2_context ctx{};
  ctx.out = reinterpret_cast<uint8_t*>(out.data());
  ctx.outlen = 32;
  ctx.pwd = reinterpret_cast<uint8_t*>(pwd.data());
  ctx.pwdlen = static_cast<uint32_t>(pwd.size());
  ctx.salt = reinterpret_cast<uint8_t*>(phc->salt.data());
  ctx.saltlen = static_cast<uint32_t>(phc->salt.size());
  ctx.secret = reinterpret_cast<uint8_t*>(secret.data());
  ctx.secretlen = static_cast<uint32_t>(secret.size());
  ctx.t_cost = 1;
  ctx.m_cost = 8;
  ctx.lanes = ctx.threads = 1;
  ctx.version = ARGON2_VERSION_13;
  CHECK(argon2_verify_ctx(&ctx, phc->hash.data(), Argon2_id) == ARGON2_OK);
}

TEST_CASE("bcrypt verifies Synapse-style hashes, including $2a$ and $2y$") {
  SchemeOptions options = cheap(Algorithm::kBcrypt);
  options.pepper = "synapse-pepper";
  options.unicode_normalization = true;
  auto s = scheme(options);
  for (const char* prefix : {"$2b$", "$2a$", "$2y$"}) {
    CAPTURE(prefix);
    std::string stored = synapse_bcrypt("hunter2", "synapse-pepper", 4, prefix);
    CHECK(stored.starts_with(prefix));
    CHECK(verifies(*s, stored, "hunter2"));
    CHECK_FALSE(verifies(*s, stored, "hunter3"));
  }
  // crypt_blowfish's published vector (wrapper.c tests): "U*U", cost 5.
  CHECK(verifies(*scheme(cheap(Algorithm::kBcrypt)),
                 "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U"));
}

TEST_CASE("bcrypt appends the pepper to the password bytes") {
  SchemeOptions options = cheap(Algorithm::kBcrypt);
  options.pepper = "pep";
  auto hashed = scheme(options)->hash("secret");
  REQUIRE(hashed);
  CHECK(hashed->starts_with("$2b$04$"));
  // Without the pepper configured, "secret" + "pep" typed in full matches.
  auto unpeppered = scheme(cheap(Algorithm::kBcrypt));
  CHECK(verifies(*unpeppered, *hashed, "secretpep"));
  CHECK_FALSE(verifies(*unpeppered, *hashed, "secret"));
  options.pepper = "pe";
  CHECK_FALSE(verifies(*scheme(options), *hashed, "secret"));
}

TEST_CASE("bcrypt refuses non-bcrypt stored values and NUL in passwords") {
  auto s = scheme(cheap(Algorithm::kBcrypt));
  // crypt_r would happily check an MD5-crypt or DES value; we must not.
  CHECK_FALSE(s->verify("$1$saltsalt$2vnaRpHa6Jxjz5n83ok8Z0", "password"));
  CHECK_FALSE(s->verify("abJnggxhB/yWI", "password"));
  CHECK(s->hash(std::string_view("a\0b", 3)).error().code == ErrorCode::kInvalidInput);
  auto hashed = s->hash("a");
  REQUIRE(hashed);
  CHECK_FALSE(verifies(*s, *hashed, std::string_view("a\0b", 3)));
}

TEST_CASE("NFKC: composed and decomposed input verify alike when normalisation is on") {
  const std::string composed = "caf\xC3\xA9";      // café, U+00E9
  const std::string decomposed = "cafe\xCC\x81";   // cafe + U+0301
  for (Algorithm algorithm : {Algorithm::kArgon2id, Algorithm::kBcrypt, Algorithm::kPbkdf2}) {
    CAPTURE(to_string(algorithm));
    SchemeOptions options = cheap(algorithm);
    options.unicode_normalization = true;
    auto s = scheme(options);
    auto hashed = s->hash(composed);
    REQUIRE(hashed);
    CHECK(verifies(*s, *hashed, decomposed));
    // Compatibility forms too: the "ﬁ" ligature is "fi".
    auto ligature = s->hash("\xEF\xAC\x81x");
    REQUIRE(ligature);
    CHECK(verifies(*s, *ligature, "fix"));
    // Ill-formed UTF-8 is refused rather than mapped to U+FFFD.
    CHECK(s->hash("\xC3").error().code == ErrorCode::kInvalidInput);

    auto raw = scheme(cheap(algorithm));
    auto raw_hash = raw->hash(composed);
    REQUIRE(raw_hash);
    CHECK_FALSE(verifies(*raw, *raw_hash, decomposed));
  }
}

TEST_CASE("pbkdf2-sha256 matches Python's hashlib and appends the pepper") {
  // python3 -c "import hashlib,base64; s=bytes(range(16)); b=lambda x:
  //   base64.b64encode(x).decode().rstrip('='); print(b(s), b(hashlib.pbkdf2_hmac(
  //   'sha256', b'correct horse battery staple'+b'pepper!', s, 1000, 32)))"
  const std::string stored =
      "$pbkdf2-sha256$i=1000,l=32$AAECAwQFBgcICQoLDA0ODw$JrtzsS9LI6e4JUPoD3sBtCn1+gyzUZvT3fvDDWTFqFM";
  SchemeOptions options = cheap(Algorithm::kPbkdf2);
  options.pepper = "pepper!";
  CHECK(verifies(*scheme(options), stored, "correct horse battery staple"));
  CHECK_FALSE(verifies(*scheme(cheap(Algorithm::kPbkdf2)), stored, "correct horse battery staple"));

  auto hashed = scheme(options)->hash("x");
  REQUIRE(hashed);
  CHECK(hashed->starts_with("$pbkdf2-sha256$i=1000,l=32$"));
}

TEST_CASE("malformed stored hashes are errors, not mismatches") {
  auto argon = scheme(cheap(Algorithm::kArgon2id));
  CHECK(argon->verify("$argon2i$v=19$m=8,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "x")
            .error().code == ErrorCode::kCrypto);
  CHECK_FALSE(argon->verify("$argon2id$v=19$t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "x"));
  CHECK_FALSE(argon->verify("not a hash", "x"));
  auto pbkdf2 = scheme(cheap(Algorithm::kPbkdf2));
  CHECK_FALSE(pbkdf2->verify("$pbkdf2-sha256$i=1000,l=32$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "x"));
  CHECK_FALSE(pbkdf2->verify("$pbkdf2-sha512$i=1000$AAAA$AAAA", "x"));
}

TEST_CASE("scheme options out of range are configuration errors") {
  SchemeOptions options = cheap(Algorithm::kBcrypt);
  options.cost = 3;
  CHECK(make_password_scheme(options).error().code == ErrorCode::kConfig);
  options.cost = 32;
  CHECK_FALSE(make_password_scheme(options));
  options = cheap(Algorithm::kArgon2id);
  options.argon2.iterations = 0;
  CHECK_FALSE(make_password_scheme(options));
  options = cheap(Algorithm::kPbkdf2);
  options.pbkdf2_iterations = 0;
  CHECK_FALSE(make_password_scheme(options));
}

TEST_CASE("the real defaults: bcrypt cost 12, argon2id m=19456,t=2,p=1, pbkdf2 600000") {
  SchemeOptions bcrypt;
  bcrypt.algorithm = Algorithm::kBcrypt;
  bcrypt.unicode_normalization = true;
  auto stored = synapse_bcrypt("hunter2", "", 12);
  CHECK(stored.starts_with("$2b$12$"));
  CHECK(verifies(*scheme(bcrypt), stored, "hunter2"));
  auto made = scheme(bcrypt)->hash("hunter2");
  REQUIRE(made);
  CHECK(made->starts_with("$2b$12$"));

  auto argon = scheme(SchemeOptions{});
  auto argon_hash = argon->hash("hunter2");
  REQUIRE(argon_hash);
  CHECK(argon_hash->starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

  SchemeOptions pbkdf2_options;
  pbkdf2_options.algorithm = Algorithm::kPbkdf2;
  auto pbkdf2 = scheme(pbkdf2_options);
  auto pbkdf2_hash = pbkdf2->hash("hunter2");
  REQUIRE(pbkdf2_hash);
  CHECK(pbkdf2_hash->starts_with("$pbkdf2-sha256$i=600000,l=32$"));
  CHECK(verifies(*pbkdf2, *pbkdf2_hash, "hunter2"));
}

}  // namespace
}  // namespace gatehouse::accounts

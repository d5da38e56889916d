#include "auth/accounts/password_strength.h"

#include <doctest/doctest.h>

namespace gatehouse::accounts {
namespace {

TEST_CASE("common passwords score low, with a reason") {
  auto weak = check_password_strength("password", kDefaultMinimumComplexity);
  CHECK(weak.score == 0);
  CHECK_FALSE(weak.acceptable);
  CHECK(weak.reason.starts_with("too easy to guess: it is a common word"));
  CHECK(weak.reason.find("guesses") != std::string::npos);
  CHECK(weak.reason.find("password") == std::string::npos);

  auto sequence = check_password_strength("abcdefgh", 3);
  CHECK_FALSE(sequence.acceptable);
  CHECK(sequence.reason.find("sequence") != std::string::npos);

  auto keyboard = check_password_strength("zxcvfrewq", 3);
  CHECK_FALSE(keyboard.acceptable);
  CHECK(keyboard.reason.find("keyboard") != std::string::npos);

  auto partly = check_password_strength("correcthorse", 3);
  CHECK(partly.reason.starts_with("too easy to guess: it contains a common word"));

  auto empty = check_password_strength("", 1);
  CHECK(empty.score == 0);
  CHECK(empty.reason == "the password is empty");
}

TEST_CASE("long random passwords score 4") {
  auto strong = check_password_strength("Tr0ub4dor&3-correct-horse-zebra-quilt", 3);
  CHECK(strong.score == 4);
  CHECK(strong.acceptable);
  CHECK(strong.reason.empty());
}

TEST_CASE("the minimum decides acceptability; 0 accepts anything") {
  auto weak = check_password_strength("password", 0);
  CHECK(weak.acceptable);
  CHECK(weak.reason.empty());
}

TEST_CASE("the username and email count as known words") {
  const std::string password = "zorbulonixq";
  auto alone = check_password_strength(password, 3);
  auto with_user = check_password_strength(password, 3, {"zorbulonixq", "z@example.org"});
  CHECK(with_user.guesses_log10 < alone.guesses_log10);
  CHECK_FALSE(with_user.acceptable);
  CHECK(with_user.reason.find("username or email") != std::string::npos);
  // The email's local part on its own counts too.
  auto with_email = check_password_strength(password, 3, {"someone", "zorbulonixq@example.org"});
  CHECK(with_email.guesses_log10 < alone.guesses_log10);
}

TEST_CASE("score thresholds follow zxcvbn's guesses") {
  // Scores grow with the estimate and stay in 0..4.
  int last = 0;
  for (const char* p : {"a", "abc1", "kjx8fq", "kjx8fqA9z", "kjx8fqA9z#pW2m", "kjx8fqA9z#pW2mV7&rT"}) {
    auto s = check_password_strength(p, 3);
    CAPTURE(p);
    CHECK(s.score >= last);
    CHECK(s.score <= 4);
    CHECK(s.acceptable == (s.score >= 3));
    last = s.score;
  }
  CHECK(last == 4);
}

}  // namespace
}  // namespace gatehouse::accounts

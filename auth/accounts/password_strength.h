// Password complexity as MAS checks it (`passwords.minimum_complexity`, a
// zxcvbn score 0-4, default 3), with a reason a person can act on when a
// password falls short. Used by password registration, password change and
// `manage set-password` (whose --ignore-complexity skips the call).
//
// Debian's libzxcvbn is the C port: it answers an entropy in bits, not a
// score. Guesses = 2^bits are mapped to the score with zxcvbn's thresholds
// (< 1e3: 0, < 1e6: 1, < 1e8: 2, < 1e10: 3, else 4).
//
// Thread safety: pure function (the C port's dictionary is read-only data).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::accounts {

inline constexpr int kDefaultMinimumComplexity = 3;

struct PasswordStrength {
  int score = 0;               // 0 (weakest) .. 4
  double guesses_log10 = 0;    // estimated guesses, as a power of ten
  bool acceptable = false;     // score >= minimum_complexity
  // Empty when acceptable; otherwise e.g. "too easy to guess: it is a common
  // word; it would take about 10^3 guesses". Never contains the password.
  std::string reason;
};

// `user_inputs` are words that make a password weak for this user in
// particular (username, email address, display name); they count as known.
PasswordStrength check_password_strength(std::string_view password, int minimum_complexity,
                                         const std::vector<std::string>& user_inputs = {});

}  // namespace gatehouse::accounts

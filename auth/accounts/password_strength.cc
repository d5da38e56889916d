#include "auth/accounts/password_strength.h"

#include <cmath>

#include <fmt/format.h>
#include <zxcvbn.h>

namespace gatehouse::accounts {
namespace {

int score_for(double guesses_log10) {
  // zxcvbn's guesses_to_score thresholds.
  if (guesses_log10 < 3) return 0;
  if (guesses_log10 < 6) return 1;
  if (guesses_log10 < 8) return 2;
  if (guesses_log10 < 10) return 3;
  return 4;
}

// What a recognised part of the password is, as a noun phrase.
std::string_view describe(int type) {
  switch (type & ~MULTIPLE_MATCH) {
    case DICTIONARY_MATCH: return "a common word";
    case DICT_LEET_MATCH: return "a common word with predictable substitutions";
    case USER_MATCH:
    case USER_LEET_MATCH: return "your username or email address";
    case REPEATS_MATCH: return "a repeated pattern";
    case SEQUENCE_MATCH: return "a sequence";
    case SPATIAL_MATCH: return "a keyboard pattern";
    case DATE_MATCH:
    case YEAR_MATCH: return "a date or a year";
    default: return {};
  }
}

// The email's local part and the domain are separate guessable words.
std::vector<std::string> dictionary_words(const std::vector<std::string>& user_inputs) {
  std::vector<std::string> words;
  for (const std::string& input : user_inputs) {
    if (input.empty()) continue;
    words.push_back(input);
    if (auto at = input.find('@'); at != std::string::npos) {
      if (at > 0) words.push_back(input.substr(0, at));
      if (at + 1 < input.size()) words.push_back(input.substr(at + 1));
    }
  }
  return words;
}

}  // namespace

PasswordStrength check_password_strength(std::string_view password, int minimum_complexity,
                                         const std::vector<std::string>& user_inputs) {
  PasswordStrength result;
  std::string text(password);  // ZxcvbnMatch wants a NUL-terminated string
  std::vector<std::string> words = dictionary_words(user_inputs);
  std::vector<const char*> dictionary;
  for (const std::string& word : words) dictionary.push_back(word.c_str());
  dictionary.push_back(nullptr);

  ZxcMatch_t* info = nullptr;
  double bits = text.empty() ? 0 : ZxcvbnMatch(text.c_str(), dictionary.data(), &info);
  // The widest recognised part explains the score best.
  std::string what;
  int widest = 0;
  for (ZxcMatch_t* match = info; match != nullptr; match = match->Next) {
    std::string_view described = describe(match->Type);
    if (!described.empty() && match->Length > widest) {
      widest = match->Length;
      bool whole = static_cast<std::size_t>(match->Length) >= text.size();
      what = fmt::format("{} {}", whole ? "it is" : "it contains", described);
    }
  }
  if (info != nullptr) ZxcvbnFreeInfo(info);

  result.guesses_log10 = bits * std::log10(2.0);
  result.score = score_for(result.guesses_log10);
  result.acceptable = result.score >= minimum_complexity;
  if (result.acceptable) return result;
  if (text.empty()) {
    result.reason = "the password is empty";
  } else if (what.empty()) {
    result.reason = fmt::format("too easy to guess: it would take about 10^{} guesses",
                                static_cast<int>(result.guesses_log10));
  } else {
    result.reason = fmt::format("too easy to guess: {}; it would take about 10^{} guesses", what,
                                static_cast<int>(result.guesses_log10));
  }
  return result;
}

}  // namespace gatehouse::accounts

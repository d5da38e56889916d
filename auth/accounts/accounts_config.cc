#include "auth/accounts/accounts_config.h"

namespace gatehouse::accounts {

Result<std::vector<SchemeOptions>> scheme_options(const config::PasswordsConfig& passwords) {
  std::vector<SchemeOptions> out;
  for (const auto& scheme : passwords.schemes) {
    SchemeOptions options;
    options.version = scheme.version;
    if (scheme.algorithm == "argon2id") {
      options.algorithm = Algorithm::kArgon2id;
    } else if (scheme.algorithm == "bcrypt") {
      options.algorithm = Algorithm::kBcrypt;
      options.cost = scheme.cost;
    } else if (scheme.algorithm == "pbkdf2") {
      options.algorithm = Algorithm::kPbkdf2;
    } else {
      return fail(ErrorCode::kConfig, "passwords.schemes: unknown algorithm '" + scheme.algorithm +
                                          "': use argon2id, bcrypt or pbkdf2");
    }
    if (!scheme.secret.empty()) options.pepper = scheme.secret;
    options.unicode_normalization = scheme.unicode_normalization;
    out.push_back(std::move(options));
  }
  return out;
}

Result<PasswordManager> password_manager_from_config(const config::PasswordsConfig& passwords) {
  GH_TRY(auto schemes, scheme_options(passwords));
  return PasswordManager::create(std::move(schemes), passwords.enabled);
}

Limit to_limit(const config::RateLimit& limit) {
  return Limit{static_cast<double>(limit.burst), limit.per_second};
}

std::unique_ptr<LoginRateLimits> login_rate_limits_from_config(
    const config::RateLimitingConfig& rate_limiting, const Clock& clock) {
  return std::make_unique<LoginRateLimits>(to_limit(rate_limiting.login_per_ip),
                                           to_limit(rate_limiting.login_per_account), clock);
}

}  // namespace gatehouse::accounts

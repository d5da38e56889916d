// From the config sections to the accounts core's option structs: the one
// mapping of `passwords` to a PasswordManager and of `rate_limiting.login`
// to LoginRateLimits, shared by the server, the login paths and the CLI.
#pragma once

#include <memory>

#include "auth/accounts/password_manager.h"
#include "auth/accounts/rate_limiter.h"
#include "shared/config/passwords.h"
#include "shared/config/rate_limiting.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"

namespace gatehouse::accounts {

// One SchemeOptions per `passwords.schemes[]` entry. Errors: kConfig for an
// unknown algorithm (the config layer normally rejects it first).
Result<std::vector<SchemeOptions>> scheme_options(const config::PasswordsConfig& passwords);

// PasswordManager::create over scheme_options() and `passwords.enabled`.
Result<PasswordManager> password_manager_from_config(const config::PasswordsConfig& passwords);

Limit to_limit(const config::RateLimit& limit);

// `rate_limiting.login.per_ip` and `.per_account`. `clock` must outlive it.
std::unique_ptr<LoginRateLimits> login_rate_limits_from_config(
    const config::RateLimitingConfig& rate_limiting, const Clock& clock);

}  // namespace gatehouse::accounts

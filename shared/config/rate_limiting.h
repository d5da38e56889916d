// `rate_limiting`: token buckets for abuse-prone actions. A limiter allows
// `burst` actions at once and refills at `per_second` actions per second.
// MAS: crates/config/src/sections/rate_limiting.rs (defaults: mas.md §5).
#pragma once

#include "shared/config/decode.h"

namespace gatehouse::config {

struct RateLimit {
  int burst = 1;            // 1..1000000
  double per_second = 1.0;  // > 0
};

struct RateLimitingConfig {
  RateLimit login_per_ip{3, 0.05};        // login.per_ip
  RateLimit login_per_account{1800, 0.5};  // login.per_account
  RateLimit registration{3, 0.0008};      // registration (per IP)
  RateLimit account_recovery_per_ip{3, 0.0008};         // account_recovery.per_ip
  RateLimit account_recovery_per_address{3, 0.0002};    // account_recovery.per_address
  RateLimit email_authentication_per_ip{5, 0.016666};   // email_authentication.per_ip
  RateLimit email_authentication_per_address{3, 0.000277};
  RateLimit email_authentication_emails_per_session{2, 0.003333};
  RateLimit email_authentication_attempt_per_session{10, 0.016666};
};

void decode(Section& section, RateLimitingConfig& out);

}  // namespace gatehouse::config

#include "shared/config/rate_limiting.h"

namespace gatehouse::config {
namespace {

void decode_limit(Section&& s, RateLimit& out) {
  s.get_int("burst", out.burst, 1, 1'000'000);
  double per_second = out.per_second;
  if (s.get("per_second", per_second)) {
    if (per_second > 0) {
      out.per_second = per_second;
    } else {
      s.diag().error(s.path("per_second"), "expected a number above 0");
    }
  }
}

}  // namespace

void decode(Section& s, RateLimitingConfig& out) {
  {
    Section login = s.child("login");
    decode_limit(login.child("per_ip"), out.login_per_ip);
    decode_limit(login.child("per_account"), out.login_per_account);
  }
  decode_limit(s.child("registration"), out.registration);
  {
    Section recovery = s.child("account_recovery");
    decode_limit(recovery.child("per_ip"), out.account_recovery_per_ip);
    decode_limit(recovery.child("per_address"), out.account_recovery_per_address);
  }
  Section email = s.child("email_authentication");
  decode_limit(email.child("per_ip"), out.email_authentication_per_ip);
  decode_limit(email.child("per_address"), out.email_authentication_per_address);
  decode_limit(email.child("emails_per_session"), out.email_authentication_emails_per_session);
  decode_limit(email.child("attempt_per_session"), out.email_authentication_attempt_per_session);
}

}  // namespace gatehouse::config

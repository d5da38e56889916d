#include "shared/config/account.h"

namespace gatehouse::config {

void decode(Section& s, AccountConfig& out) {
  s.get("email_change_allowed", out.email_change_allowed);
  s.get("displayname_change_allowed", out.displayname_change_allowed);
  s.get("password_registration_enabled", out.password_registration_enabled);
  s.get("password_registration_email_required", out.password_registration_email_required);
  s.get("password_change_allowed", out.password_change_allowed);
  s.get("password_recovery_enabled", out.password_recovery_enabled);
  s.get("account_deactivation_allowed", out.account_deactivation_allowed);
  s.get("login_with_email_allowed", out.login_with_email_allowed);
  if (s.get("registration_token_required", out.password_registration_token_required)) {
    s.diag().warning(s.path("registration_token_required"),
                     "deprecated; use `password_registration_token_required`");
  }
  // The new name wins when both are given.
  s.get("password_registration_token_required", out.password_registration_token_required);
  // (That the codes of password_registration_email_required can be sent is
  // checked in config.cc, with the email section.)
}

}  // namespace gatehouse::config

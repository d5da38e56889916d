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
  // MAS asks for and verifies an email address at registration unless told
  // not to; Gatehouse has no email step yet, so say so rather than create
  // accounts without one silently.
  if (out.password_registration_enabled && out.password_registration_email_required) {
    s.diag().warning(s.path("password_registration_email_required"),
                     "Gatehouse does not ask for an email address at registration yet; accounts "
                     "are created without one (set it to false to acknowledge)");
  }
}

}  // namespace gatehouse::config

// `account`: what users may do to their own accounts.
// MAS: crates/config/src/sections/account.rs (mas.md §5).
#pragma once

#include "shared/config/decode.h"

namespace gatehouse::config {

struct AccountConfig {
  bool email_change_allowed = true;                  // add/remove emails
  bool displayname_change_allowed = true;            // set display name
  bool password_registration_enabled = false;        // self-service sign-up
  bool password_registration_email_required = true;  // sign-up needs an email
  bool password_change_allowed = true;               // change own password
  bool password_recovery_enabled = false;            // reset by email
  bool account_deactivation_allowed = true;          // deactivate own account
  bool login_with_email_allowed = false;             // email as login name
  // Sign-up needs a registration token. `registration_token_required` is the
  // deprecated name (accepted with a warning).
  bool password_registration_token_required = false;
};

void decode(Section& section, AccountConfig& out);

}  // namespace gatehouse::config

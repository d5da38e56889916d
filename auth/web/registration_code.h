// The email step of password registration
// (account.password_registration_email_required, MAS's default): the form
// is kept as a pending registration and a 6-digit code is mailed to the
// address (a send-email job); the account exists once the code comes back
// (register_verify.cc). The codes are email_code.h's.
#pragma once

#include <string>

#include "auth/accounts/password_manager.h"
#include "auth/web/continuation.h"
#include "auth/web/email_code.h"
#include "auth/web/web_context.h"
#include "shared/storage/database.h"

namespace gatehouse::web {

// The code mail's "Your code to …".
inline constexpr std::string_view kPurpose = "create your account";

struct RegistrationStart {
  std::string username;
  std::string email;  // normalized
  accounts::HashedPassword password;
  std::string registration_token;  // "" when none was asked
  Continuation next;
};

// Records the pending registration and queues its code; its id (for the
// browser's cookie). Does not commit.
Result<std::string> start_registration(const WebContext& ctx, storage::Transaction& tx,
                                       const RegistrationStart& start);

}  // namespace gatehouse::web

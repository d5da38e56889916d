// The `user_email_authentications` table: addresses being added on the
// account page, waiting for their code (email_code_rows.h does the code
// columns). Functions never commit and are as thread-safe as the
// Transaction.
#pragma once

#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/email_code_rows.h"
#include "shared/storage/model/email_authentication.h"

namespace gatehouse::storage::email_authentications {

inline constexpr std::string_view kTable = "user_email_authentications";

Status add(Transaction& tx, const EmailAuthentication& authentication);
Result<std::optional<EmailAuthentication>> find(Transaction& tx, std::string_view id);

}  // namespace gatehouse::storage::email_authentications

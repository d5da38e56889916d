// What the tables of mailed codes share (`user_registrations`,
// `user_email_authentications`): a code stored as a fingerprint, the
// attempts at typing it, a replacement code, and completion once while
// open. `table` is one of those names, never user input.
// Functions never commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::storage::email_code_rows {

// Counts one typed code; the new count.
Result<int> count_attempt(Transaction& tx, std::string_view table, std::string_view id);
// A new code was sent: it replaces the old one, attempts start again.
Status replace_code(Transaction& tx, std::string_view table, std::string_view id,
                    std::string_view code_fingerprint, std::int64_t now_ms);
// false when already completed or expired at `now_ms` (or absent).
Result<bool> complete(Transaction& tx, std::string_view table, std::string_view id,
                      std::int64_t now_ms);

}  // namespace gatehouse::storage::email_code_rows

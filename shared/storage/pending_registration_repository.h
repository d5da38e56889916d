// The `user_registrations` table: registrations waiting for their email
// code (email_code_rows.h does the code columns: tries, a new code, and
// completion once while open). Functions never commit and are as
// thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/email_code_rows.h"
#include "shared/storage/model/pending_registration.h"

namespace gatehouse::storage::pending_registrations {

inline constexpr std::string_view kTable = "user_registrations";

Status add(Transaction& tx, const PendingRegistration& registration);
Result<std::optional<PendingRegistration>> find(Transaction& tx, std::string_view id);

}  // namespace gatehouse::storage::pending_registrations

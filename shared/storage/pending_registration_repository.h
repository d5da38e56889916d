// The `user_registrations` table: registrations waiting for their email
// code. Completion is guarded in SQL (once, while open). Functions never
// commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/pending_registration.h"

namespace gatehouse::storage::pending_registrations {

Status add(Transaction& tx, const PendingRegistration& registration);
Result<std::optional<PendingRegistration>> find(Transaction& tx, std::string_view id);
// Counts one typed code; the new count.
Result<int> count_attempt(Transaction& tx, std::string_view id);
// A new code was sent.
Status replace_code(Transaction& tx, std::string_view id, std::string_view code_fingerprint,
                    std::int64_t now_ms);
// false when already completed or expired at `now_ms` (or absent).
Result<bool> complete(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::pending_registrations

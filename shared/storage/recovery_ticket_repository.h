// The `user_recovery_tickets` table: password recovery links. A ticket is
// consumed once, and only before it expires (guarded in SQL, so a race has
// one winner). Functions never commit and are as thread-safe as the
// Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/recovery_ticket.h"

namespace gatehouse::storage::recovery_tickets {

// kConflict when the id or the fingerprint exists.
Status add(Transaction& tx, const RecoveryTicket& ticket);
Result<std::optional<RecoveryTicket>> find_by_fingerprint(Transaction& tx,
                                                          std::string_view fingerprint);
// false when already consumed, expired at `now_ms`, or absent.
Result<bool> consume(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::recovery_tickets

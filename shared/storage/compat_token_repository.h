// The `compat_access_tokens` and `compat_refresh_tokens` tables. Lookups go
// by fingerprint (ids::token_fingerprint), never by the token, so mct_/mcr_
// and imported syt_/syr_ tokens are found alike. Functions never commit and
// are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/compat_token.h"

namespace gatehouse::storage::compat_access_tokens {

// kConflict when the id or the fingerprint exists.
Status add(Transaction& tx, const CompatAccessToken& token);
// nullopt when absent.
Result<std::optional<CompatAccessToken>> find(Transaction& tx, std::string_view id);
Result<std::optional<CompatAccessToken>> find_by_fingerprint(Transaction& tx,
                                                             std::string_view fingerprint);
// Makes the token expire at `now_ms` unless it already expired earlier (a
// refresh retires the access token issued with the consumed refresh token).
// false when nothing changed.
Result<bool> expire(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::compat_access_tokens

namespace gatehouse::storage::compat_refresh_tokens {

// kConflict when the id or the fingerprint exists.
Status add(Transaction& tx, const CompatRefreshToken& token);
Result<std::optional<CompatRefreshToken>> find_by_fingerprint(Transaction& tx,
                                                              std::string_view fingerprint);
// Marks the token used, only if it was not yet: false otherwise, so two
// concurrent refreshes cannot both win.
Result<bool> consume(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::compat_refresh_tokens

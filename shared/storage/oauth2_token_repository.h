// The `oauth2_access_tokens` and `oauth2_refresh_tokens` tables. Lookups go
// by fingerprint (ids::token_fingerprint), never by the token. Functions
// never commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_token.h"

namespace gatehouse::storage::oauth2_access_tokens {

// kConflict when the id or the fingerprint exists.
Status add(Transaction& tx, const OAuth2AccessToken& token);
// nullopt when absent.
Result<std::optional<OAuth2AccessToken>> find(Transaction& tx, std::string_view id);
Result<std::optional<OAuth2AccessToken>> find_by_fingerprint(Transaction& tx,
                                                             std::string_view fingerprint);
// Sets revoked_at unless already revoked; false when nothing changed.
Result<bool> revoke(Transaction& tx, std::string_view id, std::int64_t now_ms);
// Sets first_used_at unless already set; false when nothing changed.
Result<bool> mark_used(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::oauth2_access_tokens

namespace gatehouse::storage::oauth2_refresh_tokens {

// kConflict when the id or the fingerprint exists.
Status add(Transaction& tx, const OAuth2RefreshToken& token);
Result<std::optional<OAuth2RefreshToken>> find(Transaction& tx, std::string_view id);
Result<std::optional<OAuth2RefreshToken>> find_by_fingerprint(Transaction& tx,
                                                              std::string_view fingerprint);
// Marks the token used and names its successor, only if it is still valid
// (not consumed, not revoked): false otherwise, so two concurrent refreshes
// cannot both win.
Result<bool> consume(Transaction& tx, std::string_view id, std::string_view next_id,
                     std::int64_t now_ms);
// Sets revoked_at unless already revoked; false when nothing changed.
Result<bool> revoke(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::oauth2_refresh_tokens

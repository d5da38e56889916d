// `oauth2_consents` (what a user approved for a client, so consent is asked
// only for new scopes) and `oauth2_client_assertions_seen` (the jti replay
// cache of client_secret_jwt / private_key_jwt). Functions never commit and
// are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::storage::oauth2_consents {

// Records each scope token as approved (already approved ones are kept).
Status add(Transaction& tx, std::string_view client_id, std::string_view user_id,
           const std::vector<std::string>& scope_tokens, std::int64_t now_ms);

// The scope tokens the user approved for the client, sorted; empty for none.
Result<std::vector<std::string>> find(Transaction& tx, std::string_view client_id,
                                      std::string_view user_id);

}  // namespace gatehouse::storage::oauth2_consents

namespace gatehouse::storage::oauth2_client_assertions {

// Remembers `jti` for `client_id` until `expires_at_ms`. true the first time;
// false when the same (client_id, jti) is remembered and not yet expired at
// `now_ms` (a replay, RFC 7523 §3 item 7).
Result<bool> remember(Transaction& tx, std::string_view client_id, std::string_view jti,
                      std::int64_t expires_at_ms, std::int64_t now_ms);

// Forgets entries expired at `now_ms`; returns how many.
Result<std::int64_t> prune(Transaction& tx, std::int64_t now_ms);

}  // namespace gatehouse::storage::oauth2_client_assertions

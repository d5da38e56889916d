// The `oauth2_authorization_grants` table (see the life cycle in
// model/oauth2_authorization_grant.h). Created and fulfilled by the browser
// side (/authorize, login, consent), exchanged by the token endpoint.
// Functions never commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_authorization_grant.h"

namespace gatehouse::storage::oauth2_authorization_grants {

// Inserts a pending grant. kConflict when the id exists.
Status add(Transaction& tx, const OAuth2AuthorizationGrant& grant);

// nullopt when absent.
Result<std::optional<OAuth2AuthorizationGrant>> find(Transaction& tx, std::string_view id);
Result<std::optional<OAuth2AuthorizationGrant>> find_by_code_fingerprint(
    Transaction& tx, std::string_view code_fingerprint);

// pending → fulfilled: records the session, browser session, auth_time and
// code. false when the grant is absent or not pending (already fulfilled or
// cancelled). The session must exist (oauth2_sessions::add first).
Result<bool> fulfill(Transaction& tx, std::string_view id, const GrantFulfilment& fulfilment,
                     std::int64_t now_ms);

// fulfilled → exchanged, once: false when absent, not fulfilled, cancelled,
// or already exchanged (a replayed code).
Result<bool> exchange(Transaction& tx, std::string_view id, std::int64_t now_ms);

// Cancels a grant not yet exchanged; false when absent, exchanged or
// already cancelled.
Result<bool> cancel(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::oauth2_authorization_grants

// The `oauth2_device_code_grants` table (life cycle in
// model/oauth2_device_code_grant.h). Created at POST /oauth2/device, approved
// or rejected on the /link page, exchanged by the token endpoint. Functions
// never commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_device_code_grant.h"

namespace gatehouse::storage::oauth2_device_code_grants {

// kConflict when the id, device code or user code exists (retry with a new
// user code).
Status add(Transaction& tx, const OAuth2DeviceCodeGrant& grant);

// nullopt when absent.
Result<std::optional<OAuth2DeviceCodeGrant>> find(Transaction& tx, std::string_view id);
Result<std::optional<OAuth2DeviceCodeGrant>> find_by_device_code_fingerprint(
    Transaction& tx, std::string_view fingerprint);
// By the code the user typed: pass it upper-cased. Expired grants are found
// too; check is_expired().
Result<std::optional<OAuth2DeviceCodeGrant>> find_by_user_code(Transaction& tx,
                                                               std::string_view user_code);

// pending → fulfilled (the user approved): records the OAuth session created
// for it and the browser session. false when absent, not pending or expired.
Result<bool> fulfill(Transaction& tx, std::string_view id, std::string_view session_id,
                     std::string_view user_session_id, std::int64_t now_ms);
// pending → rejected (the user declined). false when absent, not pending or expired.
Result<bool> reject(Transaction& tx, std::string_view id, std::string_view user_session_id,
                    std::int64_t now_ms);
// fulfilled → exchanged, once. false when absent, not fulfilled or already exchanged.
Result<bool> exchange(Transaction& tx, std::string_view id, std::int64_t now_ms);
// Sets last_polled_at (the caller read the previous value for slow_down).
Status record_poll(Transaction& tx, std::string_view id, std::int64_t now_ms);

}  // namespace gatehouse::storage::oauth2_device_code_grants

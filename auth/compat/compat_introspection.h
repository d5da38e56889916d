// Introspection (POST /oauth2/introspect, after the caller is
// authenticated) of compat tokens: mct_/syt_/macaroon access tokens and
// mcr_/syr_ refresh tokens, answered as MAS answers Synapse (mas.md §4
// "Introspection normalization", §7.2): client_id "legacy", the stable and
// unstable api:* scopes, the device scopes (both forms) unless the caller
// sends X-MAS-Supports-Device-Id: 1 (then a device_id field),
// urn:synapse:admin:* for an is_synapse_admin session, no jti.
// {"active": false} for an unknown or expired token, a consumed refresh
// token, a finished session, a locked or deactivated user, or a token_type_hint
// naming the other kind. The session's last_active_at is written on first
// use and then at most once a minute (a short write of its own).
//
// Thread safety: as the Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"
#include "shared/ids/token.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::compat {

// kCompatAccessToken or kCompatRefreshToken.
bool is_compat_token(ids::TokenType type);

// Reads in `read_tx`, the caller's open read transaction (introspection
// authenticated its caller in it; committed here on an active answer,
// otherwise left to the caller). The activity write takes its own short
// transaction on `db`.
Result<nlohmann::json> introspect_compat_token(storage::Transaction& read_tx, storage::Database& db,
                                               std::int64_t now_ms,
                                               std::string_view token, ids::TokenType type,
                                               std::optional<std::string_view> token_type_hint,
                                               bool supports_device_id);

}  // namespace gatehouse::auth::compat

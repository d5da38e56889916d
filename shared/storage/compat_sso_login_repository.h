// The `compat_sso_logins` table: the m.login.sso handshake from
// /login/sso/redirect to POST /login m.login.token. Each state change is
// guarded in SQL (fulfilled once, exchanged once), so a race has one winner.
// Functions never commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/compat_sso_login.h"

namespace gatehouse::storage::compat_sso_logins {

// kConflict when the id or the login token fingerprint exists.
Status add(Transaction& tx, const CompatSsoLogin& login);
// nullopt when absent.
Result<std::optional<CompatSsoLogin>> find(Transaction& tx, std::string_view id);
Result<std::optional<CompatSsoLogin>> find_by_login_token_fingerprint(
    Transaction& tx, std::string_view fingerprint);

// The user confirmed: binds the login to them and replaces the login
// token's fingerprint with the one of the token now handed to the client.
// false when the login was already fulfilled (or is absent).
Result<bool> fulfill(Transaction& tx, std::string_view id, std::string_view user_id,
                     std::string_view login_token_fingerprint, std::int64_t now_ms);

// The token was used: marks a fulfilled login exchanged and names the
// session made for it. false when it was already exchanged, not fulfilled,
// or absent.
Result<bool> exchange(Transaction& tx, std::string_view id, std::string_view compat_session_id,
                      std::int64_t now_ms);

}  // namespace gatehouse::storage::compat_sso_logins

// The `oauth2_access_tokens` and `oauth2_refresh_tokens` tables. Lookups go
// by fingerprint (ids::token_fingerprint), never by the token. Functions
// never commit and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_session.h"
#include "shared/storage/model/oauth2_token.h"

namespace gatehouse::storage {

// One access or refresh token joined with its session and user: everything
// introspection (RFC 7662) answers, read in one query.
struct IntrospectedToken {
  std::string id;  // the token's ULID (jti)
  std::string session_id;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> expires_at;     // access tokens; nullopt: never
  bool revoked = false;                       // revoked, or (refresh) consumed
  std::optional<std::int64_t> first_used_at;  // access tokens only
  std::string scope;  // the token's own (narrowed) scope, else its session's
  std::string client_id;
  std::optional<std::string> device_id;  // the session's
  bool session_finished = false;
  std::optional<std::string> user_id;   // nullopt: client_credentials
  std::optional<std::string> username;  // nullopt when the user row is gone
  bool user_locked_or_deactivated = false;

  // The token may be used at `now_ms`: live token, live session, and its
  // user (if any) exists and is neither locked nor deactivated.
  bool is_active(std::int64_t now_ms) const {
    return !revoked && (!expires_at || now_ms < *expires_at) && !session_finished &&
           (!user_id || (username && !user_locked_or_deactivated));
  }
};

}  // namespace gatehouse::storage

namespace gatehouse::storage::oauth2_access_tokens {

// kConflict when the id or the fingerprint exists.
Status add(Transaction& tx, const OAuth2AccessToken& token);
// A new session and its first access token, as deferred writes
// (Transaction::execute_deferred: failures are reported by commit()). On
// PostgreSQL one statement, so a transaction whose only write this is
// commits in one round trip (client_credentials).
Status add_with_session_deferred(Transaction& tx, const OAuth2Session& session,
                                 const OAuth2AccessToken& token);
// nullopt when absent.
Result<std::optional<OAuth2AccessToken>> find(Transaction& tx, std::string_view id);
Result<std::optional<OAuth2AccessToken>> find_by_fingerprint(Transaction& tx,
                                                             std::string_view fingerprint);
// Sets revoked_at unless already revoked; false when nothing changed.
Result<bool> revoke(Transaction& tx, std::string_view id, std::int64_t now_ms);
// Sets first_used_at unless already set; false when nothing changed.
Result<bool> mark_used(Transaction& tx, std::string_view id, std::int64_t now_ms);
// The token with its session and user in one query; nullopt when absent.
Result<std::optional<IntrospectedToken>> introspect_by_fingerprint(Transaction& tx,
                                                                   std::string_view fingerprint);

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
// As oauth2_access_tokens::introspect_by_fingerprint; a consumed token is
// `revoked`.
Result<std::optional<IntrospectedToken>> introspect_by_fingerprint(Transaction& tx,
                                                                   std::string_view fingerprint);

}  // namespace gatehouse::storage::oauth2_refresh_tokens

#include "shared/storage/oauth2_token_repository.h"

#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage {
namespace {

constexpr std::string_view kAccessColumns =
    "id, session_id, token_fingerprint, created_at, expires_at, revoked_at, first_used_at, scope";
constexpr std::string_view kRefreshColumns =
    "id, session_id, token_fingerprint, access_token_id, created_at, consumed_at, revoked_at, "
    "next_refresh_token_id";

Result<OAuth2AccessToken> access_from_row(const Row& row) {
  OAuth2AccessToken t;
  GH_TRY(t.id, row.get_text("id"));
  GH_TRY(t.session_id, row.get_text("session_id"));
  GH_TRY(t.token_fingerprint, row.get_text("token_fingerprint"));
  GH_TRY(t.created_at, row.get_int("created_at"));
  GH_TRY(t.expires_at, row.get_optional_int("expires_at"));
  GH_TRY(t.revoked_at, row.get_optional_int("revoked_at"));
  GH_TRY(t.first_used_at, row.get_optional_int("first_used_at"));
  GH_TRY(t.scope, row.get_optional_text("scope"));
  return t;
}

Result<OAuth2RefreshToken> refresh_from_row(const Row& row) {
  OAuth2RefreshToken t;
  GH_TRY(t.id, row.get_text("id"));
  GH_TRY(t.session_id, row.get_text("session_id"));
  GH_TRY(t.token_fingerprint, row.get_text("token_fingerprint"));
  GH_TRY(t.access_token_id, row.get_optional_text("access_token_id"));
  GH_TRY(t.created_at, row.get_int("created_at"));
  GH_TRY(t.consumed_at, row.get_optional_int("consumed_at"));
  GH_TRY(t.revoked_at, row.get_optional_int("revoked_at"));
  GH_TRY(t.next_refresh_token_id, row.get_optional_text("next_refresh_token_id"));
  return t;
}

// Token columns first (as t.*), then the session's and the user's. Written
// once for both token tables; `token_part` picks each table's columns.
std::string introspection_sql(std::string_view token_part, std::string_view table) {
  return "SELECT " + std::string(token_part) +
         ", t.id, t.session_id, t.created_at, s.client_id, s.device_id, s.finished_at, "
         "s.user_id, u.username, u.locked_at, u.deactivated_at FROM " +
         std::string(table) +
         " t JOIN oauth2_sessions s ON s.id = t.session_id "
         "LEFT JOIN users u ON u.id = s.user_id WHERE t.token_fingerprint = $1";
}

Result<IntrospectedToken> introspected_from_row(const Row& row) {
  IntrospectedToken t;
  GH_TRY(t.id, row.get_text("id"));
  GH_TRY(t.session_id, row.get_text("session_id"));
  GH_TRY(t.created_at, row.get_int("created_at"));
  GH_TRY(t.expires_at, row.get_optional_int("expires_at"));
  GH_TRY(auto revoked_at, row.get_optional_int("revoked_at"));
  t.revoked = revoked_at.has_value();
  GH_TRY(t.first_used_at, row.get_optional_int("first_used_at"));
  GH_TRY(t.scope, row.get_text("scope"));
  GH_TRY(t.client_id, row.get_text("client_id"));
  GH_TRY(t.device_id, row.get_optional_text("device_id"));
  GH_TRY(auto finished_at, row.get_optional_int("finished_at"));
  t.session_finished = finished_at.has_value();
  GH_TRY(t.user_id, row.get_optional_text("user_id"));
  GH_TRY(t.username, row.get_optional_text("username"));
  GH_TRY(auto locked_at, row.get_optional_int("locked_at"));
  GH_TRY(auto deactivated_at, row.get_optional_int("deactivated_at"));
  t.user_locked_or_deactivated = locked_at || deactivated_at;
  return t;
}

std::string select(std::string_view columns, std::string_view table, std::string_view key) {
  return "SELECT " + std::string(columns) + " FROM " + std::string(table) + " WHERE " +
         std::string(key) + " = $1";
}

Result<bool> revoke_in(Transaction& tx, std::string_view table, std::string_view id,
                       std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE " + std::string(table) +
                             " SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                         {id, now_ms});
}

}  // namespace

namespace oauth2_access_tokens {

namespace {
std::string access_insert_sql(int first_param) {
  return "INSERT INTO oauth2_access_tokens (" + std::string(kAccessColumns) + ") VALUES (" +
         placeholders(first_param, 8) + ")";
}

Params access_insert_params(const OAuth2AccessToken& t) {
  return {t.id,         t.session_id, t.token_fingerprint, t.created_at,
          t.expires_at, t.revoked_at, t.first_used_at,     t.scope};
}
}  // namespace

Status add(Transaction& tx, const OAuth2AccessToken& t) {
  static const std::string sql = access_insert_sql(1);
  GH_TRY_STATUS(tx.execute(sql, access_insert_params(t)));
  return ok();
}

Status add_with_session_deferred(Transaction& tx, const OAuth2Session& session,
                                 const OAuth2AccessToken& token) {
  if (tx.dialect() == Dialect::kPostgres) {
    // One statement: the session is inserted in a WITH. The token's foreign
    // key is checked at the end of the statement, when the session exists.
    static const std::string sql =
        "WITH new_session AS (" + oauth2_sessions::insert_sql(1) + ") " + access_insert_sql(12);
    Params params = oauth2_sessions::insert_params(session);
    for (Value& v : access_insert_params(token)) params.push_back(std::move(v));
    return tx.execute_deferred(sql, params);
  }
  static const std::string session_sql = oauth2_sessions::insert_sql(1);
  static const std::string token_sql = access_insert_sql(1);
  GH_TRY_STATUS(tx.execute_deferred(session_sql, oauth2_sessions::insert_params(session)));
  return tx.execute_deferred(token_sql, access_insert_params(token));
}

Result<std::optional<OAuth2AccessToken>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, select(kAccessColumns, "oauth2_access_tokens", "id"), {id},
                        access_from_row);
}

Result<std::optional<OAuth2AccessToken>> find_by_fingerprint(Transaction& tx,
                                                             std::string_view fingerprint) {
  return query_optional(tx, select(kAccessColumns, "oauth2_access_tokens", "token_fingerprint"),
                        {fingerprint}, access_from_row);
}

Result<bool> revoke(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return revoke_in(tx, "oauth2_access_tokens", id, now_ms);
}

Result<bool> mark_used(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE oauth2_access_tokens SET first_used_at = $2 "
                         "WHERE id = $1 AND first_used_at IS NULL",
                         {id, now_ms});
}

Result<std::optional<IntrospectedToken>> introspect_by_fingerprint(Transaction& tx,
                                                                   std::string_view fingerprint) {
  static const std::string kSql = introspection_sql(
      "t.expires_at, t.revoked_at, t.first_used_at, COALESCE(t.scope, s.scope) AS scope",
      "oauth2_access_tokens");
  return query_optional(tx, kSql, {fingerprint}, introspected_from_row);
}

}  // namespace oauth2_access_tokens

namespace oauth2_refresh_tokens {

Status add(Transaction& tx, const OAuth2RefreshToken& t) {
  GH_TRY_STATUS(tx.execute("INSERT INTO oauth2_refresh_tokens (" + std::string(kRefreshColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                           {t.id, t.session_id, t.token_fingerprint, t.access_token_id,
                            t.created_at, t.consumed_at, t.revoked_at, t.next_refresh_token_id}));
  return ok();
}

Result<std::optional<OAuth2RefreshToken>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, select(kRefreshColumns, "oauth2_refresh_tokens", "id"), {id},
                        refresh_from_row);
}

Result<std::optional<OAuth2RefreshToken>> find_by_fingerprint(Transaction& tx,
                                                              std::string_view fingerprint) {
  return query_optional(tx, select(kRefreshColumns, "oauth2_refresh_tokens", "token_fingerprint"),
                        {fingerprint}, refresh_from_row);
}

Result<bool> consume(Transaction& tx, std::string_view id, std::string_view next_id,
                     std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE oauth2_refresh_tokens SET consumed_at = $3, "
                         "next_refresh_token_id = $2 "
                         "WHERE id = $1 AND consumed_at IS NULL AND revoked_at IS NULL",
                         {id, next_id, now_ms});
}

Result<bool> revoke(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return revoke_in(tx, "oauth2_refresh_tokens", id, now_ms);
}

Result<std::optional<IntrospectedToken>> introspect_by_fingerprint(Transaction& tx,
                                                                   std::string_view fingerprint) {
  static const std::string kSql = introspection_sql(
      "CAST(NULL AS BIGINT) AS expires_at, COALESCE(t.revoked_at, t.consumed_at) AS revoked_at, "
      "CAST(NULL AS BIGINT) AS first_used_at, s.scope",
      "oauth2_refresh_tokens");
  return query_optional(tx, kSql, {fingerprint}, introspected_from_row);
}

}  // namespace oauth2_refresh_tokens
}  // namespace gatehouse::storage

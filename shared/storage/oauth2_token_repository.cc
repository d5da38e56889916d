#include "shared/storage/oauth2_token_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage {
namespace {

constexpr std::string_view kAccessColumns =
    "id, session_id, token_fingerprint, created_at, expires_at, revoked_at, first_used_at";
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

Status add(Transaction& tx, const OAuth2AccessToken& t) {
  GH_TRY_STATUS(tx.execute("INSERT INTO oauth2_access_tokens (" + std::string(kAccessColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           {t.id, t.session_id, t.token_fingerprint, t.created_at, t.expires_at,
                            t.revoked_at, t.first_used_at}));
  return ok();
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

}  // namespace oauth2_refresh_tokens
}  // namespace gatehouse::storage

#include "shared/storage/oauth2_device_code_grant_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::oauth2_device_code_grants {
namespace {

constexpr std::string_view kColumns =
    "id, client_id, scope, device_code_fingerprint, user_code, created_at, expires_at, "
    "fulfilled_at, rejected_at, exchanged_at, session_id, user_session_id, last_polled_at";

Result<OAuth2DeviceCodeGrant> from_row(const Row& row) {
  OAuth2DeviceCodeGrant g;
  GH_TRY(g.id, row.get_text("id"));
  GH_TRY(g.client_id, row.get_text("client_id"));
  GH_TRY(g.scope, row.get_text("scope"));
  GH_TRY(g.device_code_fingerprint, row.get_text("device_code_fingerprint"));
  GH_TRY(g.user_code, row.get_text("user_code"));
  GH_TRY(g.created_at, row.get_int("created_at"));
  GH_TRY(g.expires_at, row.get_int("expires_at"));
  GH_TRY(g.fulfilled_at, row.get_optional_int("fulfilled_at"));
  GH_TRY(g.rejected_at, row.get_optional_int("rejected_at"));
  GH_TRY(g.exchanged_at, row.get_optional_int("exchanged_at"));
  GH_TRY(g.session_id, row.get_optional_text("session_id"));
  GH_TRY(g.user_session_id, row.get_optional_text("user_session_id"));
  GH_TRY(g.last_polled_at, row.get_optional_int("last_polled_at"));
  return g;
}

std::string select_where(std::string_view key) {
  return "SELECT " + std::string(kColumns) + " FROM oauth2_device_code_grants WHERE " +
         std::string(key) + " = $1";
}

constexpr std::string_view kPendingUnexpired =
    " AND fulfilled_at IS NULL AND rejected_at IS NULL AND expires_at > $2";

}  // namespace

Status add(Transaction& tx, const OAuth2DeviceCodeGrant& g) {
  GH_TRY_STATUS(tx.execute("INSERT INTO oauth2_device_code_grants (" + std::string(kColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                           {g.id, g.client_id, g.scope, g.device_code_fingerprint, g.user_code,
                            g.created_at, g.expires_at, g.fulfilled_at, g.rejected_at,
                            g.exchanged_at, g.session_id, g.user_session_id, g.last_polled_at}));
  return ok();
}

Result<std::optional<OAuth2DeviceCodeGrant>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, select_where("id"), {id}, from_row);
}

Result<std::optional<OAuth2DeviceCodeGrant>> find_by_device_code_fingerprint(
    Transaction& tx, std::string_view fingerprint) {
  return query_optional(tx, select_where("device_code_fingerprint"), {fingerprint}, from_row);
}

Result<std::optional<OAuth2DeviceCodeGrant>> find_by_user_code(Transaction& tx,
                                                               std::string_view user_code) {
  return query_optional(tx, select_where("user_code"), {user_code}, from_row);
}

Result<bool> fulfill(Transaction& tx, std::string_view id, std::string_view session_id,
                     std::string_view user_session_id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE oauth2_device_code_grants SET fulfilled_at = $2, "
                         "session_id = $3, user_session_id = $4 WHERE id = $1" +
                             std::string(kPendingUnexpired),
                         {id, now_ms, session_id, user_session_id});
}

Result<bool> reject(Transaction& tx, std::string_view id, std::string_view user_session_id,
                    std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE oauth2_device_code_grants SET rejected_at = $2, "
                         "user_session_id = $3 WHERE id = $1" +
                             std::string(kPendingUnexpired),
                         {id, now_ms, user_session_id});
}

Result<bool> exchange(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE oauth2_device_code_grants SET exchanged_at = $2 "
                         "WHERE id = $1 AND fulfilled_at IS NOT NULL AND exchanged_at IS NULL",
                         {id, now_ms});
}

Status record_poll(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  GH_TRY_STATUS(tx.execute(
      "UPDATE oauth2_device_code_grants SET last_polled_at = $2 WHERE id = $1", {id, now_ms}));
  return ok();
}

}  // namespace gatehouse::storage::oauth2_device_code_grants

#include "shared/storage/compat_sso_login_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::compat_sso_logins {
namespace {

constexpr std::string_view kColumns =
    "id, redirect_uri, login_token_fingerprint, created_at, fulfilled_at, exchanged_at, "
    "compat_session_id, user_id";

Result<CompatSsoLogin> from_row(const Row& row) {
  CompatSsoLogin l;
  GH_TRY(l.id, row.get_text("id"));
  GH_TRY(l.redirect_uri, row.get_text("redirect_uri"));
  GH_TRY(l.login_token_fingerprint, row.get_text("login_token_fingerprint"));
  GH_TRY(l.created_at, row.get_int("created_at"));
  GH_TRY(l.fulfilled_at, row.get_optional_int("fulfilled_at"));
  GH_TRY(l.exchanged_at, row.get_optional_int("exchanged_at"));
  GH_TRY(l.compat_session_id, row.get_optional_text("compat_session_id"));
  GH_TRY(l.user_id, row.get_optional_text("user_id"));
  return l;
}

}  // namespace

Status add(Transaction& tx, const CompatSsoLogin& l) {
  GH_TRY_STATUS(tx.execute("INSERT INTO compat_sso_logins (" + std::string(kColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                           {l.id, l.redirect_uri, l.login_token_fingerprint, l.created_at,
                            l.fulfilled_at, l.exchanged_at, l.compat_session_id, l.user_id}));
  return ok();
}

Result<std::optional<CompatSsoLogin>> find(Transaction& tx, std::string_view id) {
  return query_optional(
      tx, "SELECT " + std::string(kColumns) + " FROM compat_sso_logins WHERE id = $1", {id},
      from_row);
}

Result<std::optional<CompatSsoLogin>> find_by_login_token_fingerprint(
    Transaction& tx, std::string_view fingerprint) {
  return query_optional(tx,
                        "SELECT " + std::string(kColumns) +
                            " FROM compat_sso_logins WHERE login_token_fingerprint = $1",
                        {fingerprint}, from_row);
}

Result<bool> fulfill(Transaction& tx, std::string_view id, std::string_view user_id,
                     std::string_view login_token_fingerprint, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE compat_sso_logins SET fulfilled_at = $4, user_id = $2, "
                         "login_token_fingerprint = $3 WHERE id = $1 AND fulfilled_at IS NULL",
                         {id, user_id, login_token_fingerprint, now_ms});
}

Result<bool> exchange(Transaction& tx, std::string_view id, std::string_view compat_session_id,
                      std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE compat_sso_logins SET exchanged_at = $3, compat_session_id = $2 "
                         "WHERE id = $1 AND fulfilled_at IS NOT NULL AND exchanged_at IS NULL",
                         {id, compat_session_id, now_ms});
}

}  // namespace gatehouse::storage::compat_sso_logins

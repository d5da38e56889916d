#include "shared/storage/compat_token_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage {
namespace {

constexpr std::string_view kCompatAccessColumns =
    "id, session_id, token_fingerprint, created_at, expires_at";
constexpr std::string_view kCompatRefreshColumns =
    "id, session_id, token_fingerprint, access_token_id, created_at, consumed_at";

Result<CompatAccessToken> compat_access_from_row(const Row& row) {
  CompatAccessToken t;
  GH_TRY(t.id, row.get_text("id"));
  GH_TRY(t.session_id, row.get_text("session_id"));
  GH_TRY(t.token_fingerprint, row.get_text("token_fingerprint"));
  GH_TRY(t.created_at, row.get_int("created_at"));
  GH_TRY(t.expires_at, row.get_optional_int("expires_at"));
  return t;
}

Result<CompatRefreshToken> compat_refresh_from_row(const Row& row) {
  CompatRefreshToken t;
  GH_TRY(t.id, row.get_text("id"));
  GH_TRY(t.session_id, row.get_text("session_id"));
  GH_TRY(t.token_fingerprint, row.get_text("token_fingerprint"));
  GH_TRY(t.access_token_id, row.get_optional_text("access_token_id"));
  GH_TRY(t.created_at, row.get_int("created_at"));
  GH_TRY(t.consumed_at, row.get_optional_int("consumed_at"));
  return t;
}

}  // namespace

namespace compat_access_tokens {

Status add(Transaction& tx, const CompatAccessToken& t) {
  GH_TRY_STATUS(tx.execute("INSERT INTO compat_access_tokens (" + std::string(kCompatAccessColumns) +
                               ") VALUES ($1, $2, $3, $4, $5)",
                           {t.id, t.session_id, t.token_fingerprint, t.created_at, t.expires_at}));
  return ok();
}

Result<std::optional<CompatAccessToken>> find(Transaction& tx, std::string_view id) {
  return query_optional(
      tx, "SELECT " + std::string(kCompatAccessColumns) + " FROM compat_access_tokens WHERE id = $1",
      {id}, compat_access_from_row);
}

Result<std::optional<CompatAccessToken>> find_by_fingerprint(Transaction& tx,
                                                             std::string_view fingerprint) {
  return query_optional(tx,
                        "SELECT " + std::string(kCompatAccessColumns) +
                            " FROM compat_access_tokens WHERE token_fingerprint = $1",
                        {fingerprint}, compat_access_from_row);
}

Result<bool> expire(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE compat_access_tokens SET expires_at = $2 "
                         "WHERE id = $1 AND (expires_at IS NULL OR expires_at > $2)",
                         {id, now_ms});
}

}  // namespace compat_access_tokens

namespace compat_refresh_tokens {

Status add(Transaction& tx, const CompatRefreshToken& t) {
  GH_TRY_STATUS(tx.execute("INSERT INTO compat_refresh_tokens (" + std::string(kCompatRefreshColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6)",
                           {t.id, t.session_id, t.token_fingerprint, t.access_token_id,
                            t.created_at, t.consumed_at}));
  return ok();
}

Result<std::optional<CompatRefreshToken>> find_by_fingerprint(Transaction& tx,
                                                              std::string_view fingerprint) {
  return query_optional(tx,
                        "SELECT " + std::string(kCompatRefreshColumns) +
                            " FROM compat_refresh_tokens WHERE token_fingerprint = $1",
                        {fingerprint}, compat_refresh_from_row);
}

Result<bool> consume(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE compat_refresh_tokens SET consumed_at = $2 "
                         "WHERE id = $1 AND consumed_at IS NULL",
                         {id, now_ms});
}

}  // namespace compat_refresh_tokens
}  // namespace gatehouse::storage

#include "shared/storage/recovery_ticket_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::recovery_tickets {
namespace {

constexpr std::string_view kColumns =
    "id, user_id, user_email_id, token_fingerprint, created_at, expires_at, consumed_at";

Result<RecoveryTicket> from_row(const Row& row) {
  RecoveryTicket t;
  GH_TRY(t.id, row.get_text("id"));
  GH_TRY(t.user_id, row.get_text("user_id"));
  GH_TRY(t.user_email_id, row.get_text("user_email_id"));
  GH_TRY(t.token_fingerprint, row.get_text("token_fingerprint"));
  GH_TRY(t.created_at, row.get_int("created_at"));
  GH_TRY(t.expires_at, row.get_int("expires_at"));
  GH_TRY(t.consumed_at, row.get_optional_int("consumed_at"));
  return t;
}

}  // namespace

Status add(Transaction& tx, const RecoveryTicket& t) {
  GH_TRY_STATUS(tx.execute("INSERT INTO user_recovery_tickets (" + std::string(kColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           {t.id, t.user_id, t.user_email_id, t.token_fingerprint, t.created_at,
                            t.expires_at, t.consumed_at}));
  return ok();
}

Result<std::optional<RecoveryTicket>> find_by_fingerprint(Transaction& tx,
                                                          std::string_view fingerprint) {
  return query_optional(tx,
                        "SELECT " + std::string(kColumns) +
                            " FROM user_recovery_tickets WHERE token_fingerprint = $1",
                        {fingerprint}, from_row);
}

Result<bool> consume(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE user_recovery_tickets SET consumed_at = $2 WHERE id = $1 AND "
                         "consumed_at IS NULL AND expires_at > $2",
                         {id, now_ms});
}

}  // namespace gatehouse::storage::recovery_tickets

#include "shared/storage/email_code_rows.h"

#include <string>

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::email_code_rows {

Result<int> count_attempt(Transaction& tx, std::string_view table, std::string_view id) {
  const std::string t(table);
  GH_TRY_STATUS(tx.execute("UPDATE " + t + " SET attempts = attempts + 1 WHERE id = $1", {id}));
  GH_TRY(auto row, tx.query_one("SELECT attempts FROM " + t + " WHERE id = $1", {id}));
  if (!row) return fail(ErrorCode::kNotFound, "no such row in " + t);
  GH_TRY(auto attempts, row->get_int("attempts"));
  return static_cast<int>(attempts);
}

Status replace_code(Transaction& tx, std::string_view table, std::string_view id,
                    std::string_view code_fingerprint, std::int64_t now_ms) {
  GH_TRY_STATUS(tx.execute("UPDATE " + std::string(table) +
                               " SET code_fingerprint = $2, code_sent_at = $3, attempts = 0 "
                               "WHERE id = $1",
                           {id, code_fingerprint, now_ms}));
  return ok();
}

Result<bool> complete(Transaction& tx, std::string_view table, std::string_view id,
                      std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE " + std::string(table) +
                             " SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL AND "
                             "expires_at > $2",
                         {id, now_ms});
}

}  // namespace gatehouse::storage::email_code_rows

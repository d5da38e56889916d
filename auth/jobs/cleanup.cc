#include "auth/jobs/cleanup.h"

namespace gatehouse::auth::jobs {

Result<std::int64_t> clean_up(storage::Database& db, std::int64_t now_ms) {
  const std::int64_t before = now_ms - kKeepFinishedMs;
  // Each statement: its table, and when a row stopped mattering.
  static constexpr const char* kStatements[] = {
      "DELETE FROM queue_jobs WHERE status IN ('completed', 'failed') AND completed_at < $1",
      "DELETE FROM upstream_oauth_sessions WHERE created_at < $1",
      // Provider accounts seen at a sign-in that never got a user.
      "DELETE FROM upstream_oauth_links WHERE user_id IS NULL AND created_at < $1",
      "DELETE FROM user_recovery_tickets WHERE expires_at < $1",
      "DELETE FROM user_registrations WHERE expires_at < $1",
      "DELETE FROM user_email_authentications WHERE expires_at < $1",
  };
  GH_TRY(auto tx, db.begin(storage::TxMode::kWrite));
  std::int64_t deleted = 0;
  for (const char* sql : kStatements) {
    GH_TRY(auto n, tx->execute(sql, {before}));
    deleted += n;
  }
  GH_TRY_STATUS(tx->commit());
  return deleted;
}

}  // namespace gatehouse::auth::jobs

#include "shared/storage/compat_session_repository.h"

#include "shared/storage/page_query.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::compat_sessions {
namespace {

constexpr std::string_view kColumns =
    "id, user_id, device_id, human_name, is_synapse_admin, user_session_id, created_at, "
    "finished_at, last_active_at, last_active_ip, user_agent";

Result<CompatSession> from_row(const Row& row) {
  CompatSession s;
  GH_TRY(s.id, row.get_text("id"));
  GH_TRY(s.user_id, row.get_text("user_id"));
  GH_TRY(s.device_id, row.get_optional_text("device_id"));
  GH_TRY(s.human_name, row.get_optional_text("human_name"));
  GH_TRY(s.is_synapse_admin, row.get_bool("is_synapse_admin"));
  GH_TRY(s.user_session_id, row.get_optional_text("user_session_id"));
  GH_TRY(s.created_at, row.get_int("created_at"));
  GH_TRY(s.finished_at, row.get_optional_int("finished_at"));
  GH_TRY(s.last_active_at, row.get_optional_int("last_active_at"));
  GH_TRY(s.last_active_ip, row.get_optional_text("last_active_ip"));
  GH_TRY(s.user_agent, row.get_optional_text("user_agent"));
  return s;
}

}  // namespace

Status add(Transaction& tx, const CompatSession& s) {
  GH_TRY_STATUS(tx.execute("INSERT INTO compat_sessions (" + std::string(kColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                           {s.id, s.user_id, s.device_id, s.human_name, s.is_synapse_admin,
                            s.user_session_id, s.created_at, s.finished_at, s.last_active_at,
                            s.last_active_ip, s.user_agent}));
  return ok();
}

Result<std::optional<CompatSession>> find(Transaction& tx, std::string_view id) {
  return query_optional(
      tx, "SELECT " + std::string(kColumns) + " FROM compat_sessions WHERE id = $1", {id},
      from_row);
}

Result<bool> finish(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE compat_sessions SET finished_at = $2 "
                         "WHERE id = $1 AND finished_at IS NULL",
                         {id, now_ms});
}

Result<std::int64_t> finish_for_device(Transaction& tx, std::string_view user_id,
                                       std::string_view device_id, std::int64_t now_ms) {
  return tx.execute("UPDATE compat_sessions SET finished_at = $3 "
                    "WHERE user_id = $1 AND device_id = $2 AND finished_at IS NULL",
                    {user_id, device_id, now_ms});
}

Result<std::int64_t> finish_all_for_user(Transaction& tx, std::string_view user_id,
                                         std::int64_t now_ms) {
  return tx.execute("UPDATE compat_sessions SET finished_at = $2 "
                    "WHERE user_id = $1 AND finished_at IS NULL",
                    {user_id, now_ms});
}

Status record_activity(Transaction& tx, std::string_view id, std::int64_t now_ms,
                       std::optional<std::string_view> ip) {
  GH_TRY_STATUS(tx.execute("UPDATE compat_sessions SET last_active_at = $2, "
                           "last_active_ip = COALESCE($3, last_active_ip) WHERE id = $1",
                           {id, now_ms, ip}));
  return ok();
}

Result<std::vector<CompatSession>> list_active_for_user(Transaction& tx,
                                                        std::string_view user_id) {
  return query_all(tx,
                   "SELECT " + std::string(kColumns) +
                       " FROM compat_sessions WHERE user_id = $1 AND finished_at IS NULL "
                       "ORDER BY id",
                   {user_id}, from_row);
}

namespace {

PageQuery query_of(const SessionFilter& filter) {
  return session_query(filter.user_id, filter.finished);
}

}  // namespace

Result<std::vector<CompatSession>> list_page(Transaction& tx, const SessionFilter& filter,
                                             std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(filter), kColumns, "compat_sessions", after, limit, from_row);
}

Result<std::int64_t> count(Transaction& tx, const SessionFilter& filter) {
  return count_rows(tx, query_of(filter), "compat_sessions");
}

}  // namespace gatehouse::storage::compat_sessions

#include "shared/storage/oauth2_session_repository.h"

#include "shared/storage/page_query.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::oauth2_sessions {
namespace {

constexpr std::string_view kColumns =
    "id, client_id, user_id, user_session_id, scope, device_id, created_at, finished_at, "
    "last_active_at, last_active_ip, user_agent";

Result<OAuth2Session> from_row(const Row& row) {
  OAuth2Session s;
  GH_TRY(s.id, row.get_text("id"));
  GH_TRY(s.client_id, row.get_text("client_id"));
  GH_TRY(s.user_id, row.get_optional_text("user_id"));
  GH_TRY(s.user_session_id, row.get_optional_text("user_session_id"));
  GH_TRY(s.scope, row.get_text("scope"));
  GH_TRY(s.device_id, row.get_optional_text("device_id"));
  GH_TRY(s.created_at, row.get_int("created_at"));
  GH_TRY(s.finished_at, row.get_optional_int("finished_at"));
  GH_TRY(s.last_active_at, row.get_optional_int("last_active_at"));
  GH_TRY(s.last_active_ip, row.get_optional_text("last_active_ip"));
  GH_TRY(s.user_agent, row.get_optional_text("user_agent"));
  return s;
}

// Revokes what is still live of the given sessions' tokens.
Status revoke_tokens(Transaction& tx, std::string_view session_filter, const Params& params,
                     std::int64_t now_ms) {
  const std::string n = "$" + std::to_string(params.size() + 1);
  Params with_now = params;
  with_now.emplace_back(now_ms);
  for (std::string_view table : {"oauth2_access_tokens", "oauth2_refresh_tokens"}) {
    GH_TRY_STATUS(tx.execute("UPDATE " + std::string(table) + " SET revoked_at = " + n +
                                 " WHERE revoked_at IS NULL AND session_id IN (" +
                                 std::string(session_filter) + ")",
                             with_now));
  }
  return ok();
}

}  // namespace

std::string insert_sql(int first_param) {
  return "INSERT INTO oauth2_sessions (" + std::string(kColumns) + ") VALUES (" +
         placeholders(first_param, 11) + ")";
}

Params insert_params(const OAuth2Session& s) {
  return {s.id,         s.client_id,   s.user_id,        s.user_session_id,
          s.scope,      s.device_id,   s.created_at,     s.finished_at,
          s.last_active_at, s.last_active_ip, s.user_agent};
}

Status add(Transaction& tx, const OAuth2Session& s) {
  static const std::string sql = insert_sql(1);
  GH_TRY_STATUS(tx.execute(sql, insert_params(s)));
  return ok();
}

Result<std::optional<OAuth2Session>> find(Transaction& tx, std::string_view id) {
  return query_optional(
      tx, "SELECT " + std::string(kColumns) + " FROM oauth2_sessions WHERE id = $1", {id},
      from_row);
}

Result<bool> finish(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  GH_TRY(bool changed, execute_changed(tx,
                                       "UPDATE oauth2_sessions SET finished_at = $2 "
                                       "WHERE id = $1 AND finished_at IS NULL",
                                       {id, now_ms}));
  if (!changed) return false;
  GH_TRY_STATUS(revoke_tokens(tx, "$1", {id}, now_ms));
  return true;
}

Status record_activity(Transaction& tx, std::string_view id, std::int64_t now_ms,
                       std::optional<std::string_view> ip) {
  GH_TRY_STATUS(tx.execute("UPDATE oauth2_sessions SET last_active_at = $2, "
                           "last_active_ip = COALESCE($3, last_active_ip) WHERE id = $1",
                           {id, now_ms, ip}));
  return ok();
}

Result<std::vector<OAuth2Session>> list_active_for_user(Transaction& tx,
                                                        std::string_view user_id) {
  return query_all(tx,
                   "SELECT " + std::string(kColumns) +
                       " FROM oauth2_sessions WHERE user_id = $1 AND finished_at IS NULL "
                       "ORDER BY id",
                   {user_id}, from_row);
}

Result<std::vector<OAuth2Session>> finish_for_user_session(Transaction& tx,
                                                           std::string_view user_session_id,
                                                           std::int64_t now_ms) {
  GH_TRY(auto live, query_all(tx,
                              "SELECT " + std::string(kColumns) +
                                  " FROM oauth2_sessions WHERE user_session_id = $1 AND "
                                  "finished_at IS NULL ORDER BY id",
                              {user_session_id}, from_row));
  for (const auto& session : live) GH_TRY_STATUS(finish(tx, session.id, now_ms));
  return live;
}

Result<std::int64_t> finish_all_for_user(Transaction& tx, std::string_view user_id,
                                         std::int64_t now_ms) {
  constexpr std::string_view kLive =
      "SELECT id FROM oauth2_sessions WHERE user_id = $1 AND finished_at IS NULL";
  GH_TRY_STATUS(revoke_tokens(tx, kLive, {user_id}, now_ms));
  return tx.execute("UPDATE oauth2_sessions SET finished_at = $2 "
                    "WHERE user_id = $1 AND finished_at IS NULL",
                    {user_id, now_ms});
}

namespace {

PageQuery query_of(const SessionFilter& filter) {
  auto q = session_query(filter.user_id, filter.finished);
  if (filter.client_id) q.equals("client_id", *filter.client_id);
  return q;
}

}  // namespace

Result<std::vector<OAuth2Session>> list_page(Transaction& tx, const SessionFilter& filter,
                                             std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(filter), kColumns, "oauth2_sessions", after, limit, from_row);
}

Result<std::int64_t> count(Transaction& tx, const SessionFilter& filter) {
  return count_rows(tx, query_of(filter), "oauth2_sessions");
}

}  // namespace gatehouse::storage::oauth2_sessions

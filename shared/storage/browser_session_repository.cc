#include "shared/storage/browser_session_repository.h"

#include "shared/storage/page_query.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::browser_sessions {

namespace {

constexpr std::string_view kColumns =
    "id, user_id, created_at, finished_at, user_agent, last_active_ip";
const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM user_sessions ";

Result<BrowserSession> from_row(const Row& row) {
  BrowserSession s;
  GH_TRY(s.id, row.get_text("id"));
  GH_TRY(s.user_id, row.get_text("user_id"));
  GH_TRY(s.created_at, row.get_int("created_at"));
  GH_TRY(s.finished_at, row.get_optional_int("finished_at"));
  GH_TRY(s.user_agent, row.get_optional_text("user_agent"));
  GH_TRY(s.last_active_ip, row.get_optional_text("last_active_ip"));
  return s;
}

std::string_view method_name(AuthenticationMethod method) {
  return method == AuthenticationMethod::kUpstream ? "upstream" : "password";
}

}  // namespace

Status add(Transaction& tx, const BrowserSession& s) {
  GH_TRY_STATUS(
      tx.execute("INSERT INTO user_sessions (id, user_id, "
                 "created_at, finished_at, user_agent, "
                 "last_active_ip) VALUES ($1, $2, $3, $4, $5, $6)",
                 {s.id, s.user_id, s.created_at, s.finished_at, s.user_agent, s.last_active_ip}));
  return ok();
}

Result<std::optional<BrowserSession>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, std::string(kSelect) + "WHERE id = $1", {id}, from_row);
}

Result<std::vector<BrowserSession>> list_active(Transaction& tx, std::string_view user_id) {
  return query_all(tx,
                   std::string(kSelect) + "WHERE user_id = $1 AND finished_at IS NULL ORDER BY id",
                   {user_id}, from_row);
}

Result<bool> finish(Transaction& tx, std::string_view id, std::int64_t at) {
  GH_TRY(auto changed, tx.execute("UPDATE user_sessions SET finished_at = $2 WHERE id = $1 AND "
                                  "finished_at IS NULL",
                                  {id, at}));
  return changed == 1;
}

Result<std::int64_t> finish_all_for_user(Transaction& tx, std::string_view user_id,
                                         std::int64_t at) {
  return tx.execute(
      "UPDATE user_sessions SET finished_at = $2 WHERE user_id = "
      "$1 AND finished_at IS NULL",
      {user_id, at});
}

Status add_authentication(Transaction& tx, const BrowserSessionAuthentication& a) {
  GH_TRY_STATUS(
      tx.execute("INSERT INTO user_session_authentications (id, user_session_id, "
                 "created_at, method) "
                 "VALUES ($1, $2, $3, $4)",
                 {a.id, a.user_session_id, a.created_at, method_name(a.method)}));
  return ok();
}

Result<std::vector<BrowserSessionAuthentication>> list_authentications(
    Transaction& tx, std::string_view user_session_id) {
  GH_TRY(auto rows, tx.query("SELECT id, user_session_id, created_at, method "
                             "FROM user_session_authentications WHERE user_session_id = $1 "
                             "ORDER BY id",
                             {user_session_id}));
  std::vector<BrowserSessionAuthentication> out;
  for (const Row& row : rows) {
    BrowserSessionAuthentication a;
    GH_TRY(a.id, row.get_text("id"));
    GH_TRY(a.user_session_id, row.get_text("user_session_id"));
    GH_TRY(a.created_at, row.get_int("created_at"));
    GH_TRY(std::string method, row.get_text("method"));
    a.method =
        method == "upstream" ? AuthenticationMethod::kUpstream : AuthenticationMethod::kPassword;
    out.push_back(std::move(a));
  }
  return out;
}

namespace {

PageQuery query_of(const SessionFilter& filter) {
  return session_query(filter.user_id, filter.finished);
}

}  // namespace

Result<std::vector<BrowserSession>> list_page(Transaction& tx, const SessionFilter& filter,
                                              std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(filter), kColumns, "user_sessions", after, limit, from_row);
}

Result<std::int64_t> count(Transaction& tx, const SessionFilter& filter) {
  return count_rows(tx, query_of(filter), "user_sessions");
}

}  // namespace gatehouse::storage::browser_sessions

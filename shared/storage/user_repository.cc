#include "shared/storage/user_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::users {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, username, created_at, locked_at, deactivated_at, "
    "can_request_admin, is_guest "
    "FROM users ";

Result<User> from_row(const Row& row) {
  User u;
  GH_TRY(u.id, row.get_text("id"));
  GH_TRY(u.username, row.get_text("username"));
  GH_TRY(u.created_at, row.get_int("created_at"));
  GH_TRY(u.locked_at, row.get_optional_int("locked_at"));
  GH_TRY(u.deactivated_at, row.get_optional_int("deactivated_at"));
  GH_TRY(u.can_request_admin, row.get_bool("can_request_admin"));
  GH_TRY(u.is_guest, row.get_bool("is_guest"));
  return u;
}

Result<std::optional<User>> find_where(Transaction& tx, std::string_view column,
                                       std::string_view value) {
  return query_optional(tx, std::string(kSelect) + "WHERE " + std::string(column) + " = $1",
                        {value}, from_row);
}

Result<bool> update_one(Transaction& tx, std::string_view column, Value value,
                        std::string_view id) {
  GH_TRY(std::int64_t n,
         tx.execute("UPDATE users SET " + std::string(column) + " = $1 WHERE id = $2",
                    {std::move(value), id}));
  return n > 0;
}

// " WHERE …" for `filter` (and `after`), its parameters appended to `params`.
std::string where_clause(const UserFilter& filter, std::string_view after, Params& params) {
  std::vector<std::string> terms;
  if (filter.admin) {
    params.emplace_back(*filter.admin);
    terms.push_back("can_request_admin = $" + std::to_string(params.size()));
  }
  if (filter.status == "active") terms.emplace_back("locked_at IS NULL AND deactivated_at IS NULL");
  if (filter.status == "locked") terms.emplace_back("locked_at IS NOT NULL AND deactivated_at IS NULL");
  if (filter.status == "deactivated") terms.emplace_back("deactivated_at IS NOT NULL");
  if (!after.empty()) {
    params.emplace_back(after);
    terms.push_back("id > $" + std::to_string(params.size()));
  }
  std::string sql;
  for (const auto& term : terms) sql += (sql.empty() ? " WHERE " : " AND ") + term;
  return sql;
}

}  // namespace

Result<std::vector<User>> list_page(Transaction& tx, const UserFilter& filter,
                                    std::string_view after, std::int64_t limit) {
  Params params;
  std::string sql = std::string(kSelect) + where_clause(filter, after, params);
  params.emplace_back(limit);
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  return query_all(tx, sql, params, from_row);
}

Result<std::int64_t> count(Transaction& tx, const UserFilter& filter) {
  Params params;
  GH_TRY(auto row, tx.query_one("SELECT COUNT(*) AS n FROM users" + where_clause(filter, "", params),
                                params));
  if (!row) return std::int64_t{0};
  return row->get_int("n");
}

Status add(Transaction& tx, const User& u) {
  GH_TRY_STATUS(
      tx.execute("INSERT INTO users (id, username, created_at, locked_at, deactivated_at, "
                 "can_request_admin, is_guest) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 {u.id, u.username, u.created_at, u.locked_at, u.deactivated_at,
                  u.can_request_admin, u.is_guest}));
  return ok();
}

Result<std::optional<User>> find(Transaction& tx, std::string_view id) {
  return find_where(tx, "id", id);
}

Result<std::optional<User>> find_by_username(Transaction& tx, std::string_view username) {
  return find_where(tx, "username", username);
}

Result<std::vector<User>> list_admins(Transaction& tx) {
  return query_all(tx, std::string(kSelect) + "WHERE can_request_admin = $1 ORDER BY username",
                   {true}, from_row);
}

Result<std::vector<User>> list_active(Transaction& tx) {
  return query_all(tx, std::string(kSelect) + "WHERE deactivated_at IS NULL ORDER BY id", {},
                   from_row);
}

Result<bool> set_can_request_admin(Transaction& tx, std::string_view id, bool value) {
  return update_one(tx, "can_request_admin", value, id);
}

Result<bool> set_locked_at(Transaction& tx, std::string_view id, std::optional<std::int64_t> at) {
  return update_one(tx, "locked_at", at, id);
}

Result<bool> set_deactivated_at(Transaction& tx, std::string_view id,
                                std::optional<std::int64_t> at) {
  return update_one(tx, "deactivated_at", at, id);
}

Result<bool> remove(Transaction& tx, std::string_view id) {
  GH_TRY(std::int64_t n, tx.execute("DELETE FROM users WHERE id = $1", {id}));
  return n > 0;
}

Status reserve_localpart(Transaction& tx, std::string_view localpart, std::string_view reason,
                         std::int64_t at) {
  GH_TRY_STATUS(
      tx.execute("INSERT INTO reserved_localparts (localpart, "
                 "reason, created_at) VALUES ($1, $2, $3) "
                 "ON CONFLICT (localpart) DO NOTHING",
                 {localpart, reason, at}));
  return ok();
}

Result<std::optional<std::string>> reserved_reason(Transaction& tx, std::string_view localpart) {
  GH_TRY(auto row,
         tx.query_one("SELECT reason FROM reserved_localparts WHERE localpart = $1", {localpart}));
  if (!row) return std::optional<std::string>{};
  GH_TRY(std::string reason, row->get_text("reason"));
  return std::optional<std::string>(std::move(reason));
}

}  // namespace gatehouse::storage::users

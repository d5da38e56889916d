#include "shared/storage/user_repository.h"

#include "shared/storage/page_query.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::users {

namespace {

constexpr std::string_view kColumns =
    "id, username, created_at, locked_at, deactivated_at, can_request_admin, is_guest";
const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM users ";

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

PageQuery query_of(const UserFilter& filter) {
  PageQuery q;
  if (filter.admin) q.equals("can_request_admin", *filter.admin);
  if (filter.status == "active") q.where("locked_at IS NULL AND deactivated_at IS NULL");
  if (filter.status == "locked") q.where("locked_at IS NOT NULL AND deactivated_at IS NULL");
  if (filter.status == "deactivated") q.where("deactivated_at IS NOT NULL");
  return q;
}

}  // namespace

Result<std::vector<User>> list_page(Transaction& tx, const UserFilter& filter,
                                    std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(filter), kColumns, "users", after, limit, from_row);
}

Result<std::int64_t> count(Transaction& tx, const UserFilter& filter) {
  return count_rows(tx, query_of(filter), "users");
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

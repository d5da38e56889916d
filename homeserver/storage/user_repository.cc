#include "homeserver/storage/user_repository.h"

#include <algorithm>

namespace gatehouse::homeserver::storage::users {

using gatehouse::storage::Row;

namespace {

Result<User> from_row(const Row& row) {
  User u;
  GH_TRY(u.localpart, row.get_text("localpart"));
  GH_TRY(u.created_at, row.get_int("created_at"));
  GH_TRY(u.deactivated, row.get_bool("deactivated"));
  GH_TRY(u.locked, row.get_bool("locked"));
  GH_TRY(u.is_suspended, row.get_bool("is_suspended"));
  GH_TRY(u.admin, row.get_bool("admin"));
  return u;
}

// Profile fields are written with an upsert so a user created before the
// profiles row existed (or a row deleted by hand) still takes the change.
Status set_profile_field(Transaction& tx, std::string_view column, std::string_view localpart,
                         const std::optional<std::string>& value) {
  const std::string sql = "INSERT INTO profiles (localpart, " + std::string(column) +
                          ") VALUES ($1, $2) ON CONFLICT (localpart) DO UPDATE SET " +
                          std::string(column) + " = excluded." + std::string(column);
  GH_TRY_STATUS(tx.execute(sql, {localpart, value}));
  return ok();
}

}  // namespace

Result<std::optional<User>> find(Transaction& tx, std::string_view localpart) {
  GH_TRY(auto row, tx.query_one("SELECT localpart, created_at, deactivated, locked, is_suspended, "
                                "admin FROM users WHERE localpart = $1",
                                {localpart}));
  if (!row) return std::optional<User>{};
  GH_TRY(User user, from_row(*row));
  return std::optional<User>(std::move(user));
}

Status insert(Transaction& tx, const User& u) {
  GH_TRY_STATUS(tx.execute(
      "INSERT INTO users (localpart, created_at, deactivated, locked, is_suspended, admin) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {u.localpart, u.created_at, u.deactivated, u.locked, u.is_suspended, u.admin}));
  GH_TRY_STATUS(tx.execute("INSERT INTO profiles (localpart) VALUES ($1)", {u.localpart}));
  return ok();
}

Result<bool> update_flags(Transaction& tx, const User& u) {
  GH_TRY(auto n, tx.execute("UPDATE users SET deactivated = $2, locked = $3, is_suspended = $4, "
                            "admin = $5 WHERE localpart = $1",
                            {u.localpart, u.deactivated, u.locked, u.is_suspended, u.admin}));
  return n > 0;
}

Result<Profile> profile(Transaction& tx, std::string_view localpart) {
  GH_TRY(auto row, tx.query_one("SELECT displayname, avatar_url FROM profiles WHERE localpart = $1",
                                {localpart}));
  Profile p;
  if (!row) return p;
  GH_TRY(p.displayname, row->get_optional_text("displayname"));
  GH_TRY(p.avatar_url, row->get_optional_text("avatar_url"));
  return p;
}

Status set_displayname(Transaction& tx, std::string_view localpart,
                       const std::optional<std::string>& displayname) {
  return set_profile_field(tx, "displayname", localpart, displayname);
}

Status set_avatar_url(Transaction& tx, std::string_view localpart,
                      const std::optional<std::string>& avatar_url) {
  return set_profile_field(tx, "avatar_url", localpart, avatar_url);
}

Result<std::vector<std::string>> emails(Transaction& tx, std::string_view localpart) {
  GH_TRY(auto rows, tx.query("SELECT address FROM user_emails WHERE localpart = $1 "
                             "ORDER BY address",
                             {localpart}));
  std::vector<std::string> out;
  for (const Row& row : rows) {
    GH_TRY(std::string address, row.get_text("address"));
    out.push_back(std::move(address));
  }
  return out;
}

Status replace_emails(Transaction& tx, std::string_view localpart,
                      const std::vector<std::string>& addresses, std::int64_t now_ms) {
  GH_TRY(auto current, emails(tx, localpart));
  auto contains = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (const auto& address : current) {
    if (contains(addresses, address)) continue;
    GH_TRY_STATUS(tx.execute("DELETE FROM user_emails WHERE localpart = $1 AND address = $2",
                             {localpart, address}));
  }
  for (const auto& address : addresses) {
    if (contains(current, address)) continue;
    current.push_back(address);  // a duplicate in `addresses` is added once
    GH_TRY_STATUS(tx.execute(
        "INSERT INTO user_emails (localpart, address, added_at) VALUES ($1, $2, $3)",
        {localpart, address, now_ms}));
  }
  return ok();
}

Status allow_cross_signing_reset(Transaction& tx, std::string_view localpart,
                                 std::int64_t until_ms) {
  GH_TRY_STATUS(tx.execute(
      "INSERT INTO cross_signing_reset_allowed_until (localpart, allowed_until) VALUES ($1, $2) "
      "ON CONFLICT (localpart) DO UPDATE SET allowed_until = excluded.allowed_until",
      {localpart, until_ms}));
  return ok();
}

Result<std::optional<std::int64_t>> cross_signing_reset_allowed_until(Transaction& tx,
                                                                      std::string_view localpart) {
  GH_TRY(auto row, tx.query_one("SELECT allowed_until FROM cross_signing_reset_allowed_until "
                                "WHERE localpart = $1",
                                {localpart}));
  if (!row) return std::optional<std::int64_t>{};
  GH_TRY(std::int64_t until, row->get_int("allowed_until"));
  return std::optional<std::int64_t>(until);
}

}  // namespace gatehouse::homeserver::storage::users

#include "shared/storage/user_password_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::user_passwords {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, user_id, version, hashed_password, upgraded_from_id, "
    "created_at "
    "FROM user_passwords WHERE user_id = $1 ";

Result<UserPassword> from_row(const Row& row) {
  UserPassword p;
  GH_TRY(p.id, row.get_text("id"));
  GH_TRY(p.user_id, row.get_text("user_id"));
  GH_TRY(std::int64_t version, row.get_int("version"));
  p.version = static_cast<int>(version);
  GH_TRY(p.hashed_password, row.get_text("hashed_password"));
  GH_TRY(p.upgraded_from_id, row.get_optional_text("upgraded_from_id"));
  GH_TRY(p.created_at, row.get_int("created_at"));
  return p;
}

}  // namespace

Status add(Transaction& tx, const UserPassword& p) {
  GH_TRY_STATUS(tx.execute(
      "INSERT INTO user_passwords (id, user_id, version, "
      "hashed_password, upgraded_from_id, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {p.id, p.user_id, p.version, p.hashed_password, p.upgraded_from_id, p.created_at}));
  return ok();
}

Result<std::optional<UserPassword>> find_current(Transaction& tx, std::string_view user_id) {
  return query_optional(tx, std::string(kSelect) + "ORDER BY created_at DESC, id DESC LIMIT 1",
                        {user_id}, from_row);
}

Result<std::vector<UserPassword>> list_for_user(Transaction& tx, std::string_view user_id) {
  return query_all(tx, std::string(kSelect) + "ORDER BY created_at, id", {user_id}, from_row);
}

}  // namespace gatehouse::storage::user_passwords

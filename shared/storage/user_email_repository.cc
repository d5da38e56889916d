#include "shared/storage/user_email_repository.h"

#include "shared/storage/page_query.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::user_emails {

namespace {

constexpr std::string_view kColumns = "id, user_id, email, created_at, confirmed_at";
const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM user_emails ";

Result<UserEmail> from_row(const Row& row) {
  UserEmail e;
  GH_TRY(e.id, row.get_text("id"));
  GH_TRY(e.user_id, row.get_text("user_id"));
  GH_TRY(e.email, row.get_text("email"));
  GH_TRY(e.created_at, row.get_int("created_at"));
  GH_TRY(e.confirmed_at, row.get_optional_int("confirmed_at"));
  return e;
}

}  // namespace

std::string normalize(std::string_view email) {
  std::string out(email);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status add(Transaction& tx, const UserEmail& e) {
  GH_TRY_STATUS(
      tx.execute("INSERT INTO user_emails (id, user_id, email, created_at, confirmed_at) "
                 "VALUES ($1, $2, $3, $4, $5)",
                 {e.id, e.user_id, normalize(e.email), e.created_at, e.confirmed_at}));
  return ok();
}

Result<std::optional<UserEmail>> find_by_email(Transaction& tx, std::string_view email) {
  return query_optional(tx, std::string(kSelect) + "WHERE email = $1", {normalize(email)},
                        from_row);
}

Result<std::vector<UserEmail>> list_for_user(Transaction& tx, std::string_view user_id) {
  return query_all(tx, std::string(kSelect) + "WHERE user_id = $1 ORDER BY created_at, id",
                   {user_id}, from_row);
}

Result<std::optional<UserEmail>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, std::string(kSelect) + "WHERE id = $1", {id}, from_row);
}

Result<bool> remove(Transaction& tx, std::string_view id) {
  GH_TRY(std::int64_t n, tx.execute("DELETE FROM user_emails WHERE id = $1", {id}));
  return n > 0;
}

namespace {

PageQuery query_of(const EmailFilter& filter) {
  PageQuery q;
  if (filter.user_id) q.equals("user_id", *filter.user_id);
  if (filter.email) q.equals("email", normalize(*filter.email));
  return q;
}

}  // namespace

Result<std::vector<UserEmail>> list_page(Transaction& tx, const EmailFilter& filter,
                                         std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(filter), kColumns, "user_emails", after, limit, from_row);
}

Result<std::int64_t> count(Transaction& tx, const EmailFilter& filter) {
  return count_rows(tx, query_of(filter), "user_emails");
}

}  // namespace gatehouse::storage::user_emails

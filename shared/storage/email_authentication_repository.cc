#include "shared/storage/email_authentication_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::email_authentications {
namespace {

constexpr std::string_view kColumns =
    "id, user_id, email, code_fingerprint, code_sent_at, attempts, created_at, expires_at, "
    "completed_at";

Result<EmailAuthentication> from_row(const Row& row) {
  EmailAuthentication a;
  GH_TRY(a.id, row.get_text("id"));
  GH_TRY(a.user_id, row.get_text("user_id"));
  GH_TRY(a.email, row.get_text("email"));
  GH_TRY(a.code_fingerprint, row.get_text("code_fingerprint"));
  GH_TRY(a.code_sent_at, row.get_int("code_sent_at"));
  GH_TRY(auto attempts, row.get_int("attempts"));
  a.attempts = static_cast<int>(attempts);
  GH_TRY(a.created_at, row.get_int("created_at"));
  GH_TRY(a.expires_at, row.get_int("expires_at"));
  GH_TRY(a.completed_at, row.get_optional_int("completed_at"));
  return a;
}

}  // namespace

Status add(Transaction& tx, const EmailAuthentication& a) {
  GH_TRY_STATUS(tx.execute("INSERT INTO user_email_authentications (" + std::string(kColumns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                           {a.id, a.user_id, a.email, a.code_fingerprint, a.code_sent_at,
                            static_cast<std::int64_t>(a.attempts), a.created_at, a.expires_at,
                            a.completed_at}));
  return ok();
}

Result<std::optional<EmailAuthentication>> find(Transaction& tx, std::string_view id) {
  return query_optional(
      tx, "SELECT " + std::string(kColumns) + " FROM user_email_authentications WHERE id = $1",
      {id}, from_row);
}

}  // namespace gatehouse::storage::email_authentications

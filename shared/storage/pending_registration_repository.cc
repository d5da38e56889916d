#include "shared/storage/pending_registration_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::pending_registrations {
namespace {

constexpr std::string_view kColumns =
    "id, username, email, hashed_password, password_version, registration_token, continuation, "
    "code_fingerprint, code_sent_at, attempts, created_at, expires_at, completed_at";

Result<PendingRegistration> from_row(const Row& row) {
  PendingRegistration r;
  GH_TRY(r.id, row.get_text("id"));
  GH_TRY(r.username, row.get_text("username"));
  GH_TRY(r.email, row.get_text("email"));
  GH_TRY(r.hashed_password, row.get_text("hashed_password"));
  GH_TRY(auto version, row.get_int("password_version"));
  r.password_version = static_cast<int>(version);
  GH_TRY(r.registration_token, row.get_optional_text("registration_token"));
  GH_TRY(r.continuation, row.get_text("continuation"));
  GH_TRY(r.code_fingerprint, row.get_text("code_fingerprint"));
  GH_TRY(r.code_sent_at, row.get_int("code_sent_at"));
  GH_TRY(auto attempts, row.get_int("attempts"));
  r.attempts = static_cast<int>(attempts);
  GH_TRY(r.created_at, row.get_int("created_at"));
  GH_TRY(r.expires_at, row.get_int("expires_at"));
  GH_TRY(r.completed_at, row.get_optional_int("completed_at"));
  return r;
}

}  // namespace

Status add(Transaction& tx, const PendingRegistration& r) {
  GH_TRY_STATUS(tx.execute(
      "INSERT INTO user_registrations (" + std::string(kColumns) +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {r.id, r.username, r.email, r.hashed_password, static_cast<std::int64_t>(r.password_version),
       r.registration_token, r.continuation, r.code_fingerprint, r.code_sent_at,
       static_cast<std::int64_t>(r.attempts), r.created_at, r.expires_at, r.completed_at}));
  return ok();
}

Result<std::optional<PendingRegistration>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, "SELECT " + std::string(kColumns) + " FROM user_registrations WHERE id = $1",
                        {id}, from_row);
}

}  // namespace gatehouse::storage::pending_registrations

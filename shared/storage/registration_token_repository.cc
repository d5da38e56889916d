#include "shared/storage/registration_token_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::registration_tokens {

namespace {

Result<RegistrationToken> from_row(const Row& row) {
  RegistrationToken t;
  GH_TRY(t.id, row.get_text("id"));
  GH_TRY(t.token, row.get_text("token"));
  GH_TRY(t.usage_limit, row.get_optional_int("usage_limit"));
  GH_TRY(t.times_used, row.get_int("times_used"));
  GH_TRY(t.created_at, row.get_int("created_at"));
  GH_TRY(t.last_used_at, row.get_optional_int("last_used_at"));
  GH_TRY(t.expires_at, row.get_optional_int("expires_at"));
  GH_TRY(t.revoked_at, row.get_optional_int("revoked_at"));
  return t;
}

}  // namespace

Status add(Transaction& tx, const RegistrationToken& t) {
  GH_TRY_STATUS(
      tx.execute("INSERT INTO user_registration_tokens (id, token, "
                 "usage_limit, times_used, created_at, "
                 "last_used_at, expires_at, revoked_at) VALUES ($1, $2, $3, "
                 "$4, $5, $6, $7, $8)",
                 {t.id, t.token, t.usage_limit, t.times_used, t.created_at, t.last_used_at,
                  t.expires_at, t.revoked_at}));
  return ok();
}

Result<std::optional<RegistrationToken>> find_by_token(Transaction& tx, std::string_view token) {
  return query_optional(tx,
                        "SELECT id, token, usage_limit, times_used, created_at, last_used_at, "
                        "expires_at, revoked_at FROM user_registration_tokens WHERE token = $1",
                        {token}, from_row);
}

Result<bool> use(Transaction& tx, std::string_view id, std::int64_t at) {
  // The usability test sits in the UPDATE itself so that the check and the
  // increment are one step (no read-then-write race).
  GH_TRY(std::int64_t n,
         tx.execute("UPDATE user_registration_tokens SET times_used = times_used + 1, "
                    "last_used_at = $2 WHERE id = $1 AND revoked_at IS NULL "
                    "AND (expires_at IS NULL OR expires_at > $2) "
                    "AND (usage_limit IS NULL OR times_used < usage_limit)",
                    {id, at}));
  return n > 0;
}

Result<bool> revoke(Transaction& tx, std::string_view id, std::int64_t at) {
  GH_TRY(std::int64_t n, tx.execute("UPDATE user_registration_tokens SET revoked_at = $2 "
                                    "WHERE id = $1 AND revoked_at IS NULL",
                                    {id, at}));
  return n > 0;
}

}  // namespace gatehouse::storage::registration_tokens

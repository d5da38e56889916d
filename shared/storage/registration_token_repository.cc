#include "shared/storage/registration_token_repository.h"

#include "shared/storage/page_query.h"
#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::registration_tokens {

namespace {

constexpr std::string_view kColumns =
    "id, token, usage_limit, times_used, created_at, last_used_at, expires_at, revoked_at";
const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM user_registration_tokens ";
// The condition RegistrationToken::usable tests, at `?`.
constexpr std::string_view kUsable =
    "(revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) "
    "AND (usage_limit IS NULL OR times_used < usage_limit))";

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
  return query_optional(tx, kSelect + "WHERE token = $1", {token}, from_row);
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

Result<bool> unrevoke(Transaction& tx, std::string_view id) {
  GH_TRY(std::int64_t n, tx.execute("UPDATE user_registration_tokens SET revoked_at = NULL "
                                    "WHERE id = $1 AND revoked_at IS NOT NULL",
                                    {id}));
  return n > 0;
}

Result<std::optional<RegistrationToken>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, kSelect + "WHERE id = $1", {id}, from_row);
}

Result<bool> set_limits(Transaction& tx, std::string_view id, std::optional<std::int64_t> usage_limit,
                        std::optional<std::int64_t> expires_at) {
  GH_TRY(std::int64_t n, tx.execute("UPDATE user_registration_tokens SET usage_limit = $2, "
                                    "expires_at = $3 WHERE id = $1",
                                    {id, usage_limit, expires_at}));
  return n > 0;
}

namespace {

PageQuery query_of(const TokenFilter& f) {
  PageQuery q;
  if (f.used) q.where(*f.used ? "times_used > 0" : "times_used = 0");
  if (f.revoked) q.where(*f.revoked ? "revoked_at IS NOT NULL" : "revoked_at IS NULL");
  if (f.expired) {
    q.where(*f.expired ? "(expires_at IS NOT NULL AND expires_at <= ?)"
                       : "(expires_at IS NULL OR expires_at > ?)",
            f.now_ms);
  }
  if (f.valid) q.where((*f.valid ? "" : "NOT ") + std::string(kUsable), f.now_ms);
  return q;
}

}  // namespace

Result<std::vector<RegistrationToken>> list_page(Transaction& tx, const TokenFilter& filter,
                                                 std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(filter), kColumns, "user_registration_tokens", after, limit,
                   from_row);
}

Result<std::int64_t> count(Transaction& tx, const TokenFilter& filter) {
  return count_rows(tx, query_of(filter), "user_registration_tokens");
}

}  // namespace gatehouse::storage::registration_tokens

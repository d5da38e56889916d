#include "shared/storage/oauth2_consent_repository.h"

namespace gatehouse::storage {

namespace oauth2_consents {

Status add(Transaction& tx, std::string_view client_id, std::string_view user_id,
           const std::vector<std::string>& scope_tokens, std::int64_t now_ms) {
  for (const std::string& token : scope_tokens) {
    GH_TRY_STATUS(tx.execute("INSERT INTO oauth2_consents (client_id, user_id, scope_token, "
                             "created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                             {client_id, user_id, token, now_ms}));
  }
  return ok();
}

Result<std::vector<std::string>> find(Transaction& tx, std::string_view client_id,
                                      std::string_view user_id) {
  GH_TRY(auto rows, tx.query("SELECT scope_token FROM oauth2_consents WHERE client_id = $1 "
                             "AND user_id = $2 ORDER BY scope_token",
                             {client_id, user_id}));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    GH_TRY(std::string token, row.get_text("scope_token"));
    out.push_back(std::move(token));
  }
  return out;
}

}  // namespace oauth2_consents

namespace oauth2_client_assertions {

Result<bool> remember(Transaction& tx, std::string_view client_id, std::string_view jti,
                      std::int64_t expires_at_ms, std::int64_t now_ms) {
  // An expired entry may be taken over: the assertion it guarded can no
  // longer be accepted anyway (its exp has passed).
  GH_TRY(std::int64_t n,
         tx.execute("INSERT INTO oauth2_client_assertions_seen (client_id, jti, expires_at) "
                    "VALUES ($1, $2, $3) ON CONFLICT (client_id, jti) DO UPDATE SET "
                    "expires_at = EXCLUDED.expires_at "
                    "WHERE oauth2_client_assertions_seen.expires_at <= $4",
                    {client_id, jti, expires_at_ms, now_ms}));
  return n > 0;
}

Result<std::int64_t> prune(Transaction& tx, std::int64_t now_ms) {
  return tx.execute("DELETE FROM oauth2_client_assertions_seen WHERE expires_at <= $1",
                    {now_ms});
}

}  // namespace oauth2_client_assertions
}  // namespace gatehouse::storage

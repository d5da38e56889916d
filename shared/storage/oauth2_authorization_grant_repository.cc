#include "shared/storage/oauth2_authorization_grant_repository.h"

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::oauth2_authorization_grants {
namespace {

constexpr std::string_view kColumns =
    "id, client_id, redirect_uri, scope, state, nonce, code_challenge, code_challenge_method, "
    "response_mode, code_fingerprint, login_hint, prompt, max_age, created_at, fulfilled_at, "
    "exchanged_at, cancelled_at, session_id, user_session_id, auth_time";

Result<OAuth2AuthorizationGrant> from_row(const Row& row) {
  OAuth2AuthorizationGrant g;
  GH_TRY(g.id, row.get_text("id"));
  GH_TRY(g.client_id, row.get_text("client_id"));
  GH_TRY(g.redirect_uri, row.get_text("redirect_uri"));
  GH_TRY(g.scope, row.get_text("scope"));
  GH_TRY(g.state, row.get_optional_text("state"));
  GH_TRY(g.nonce, row.get_optional_text("nonce"));
  GH_TRY(g.code_challenge, row.get_optional_text("code_challenge"));
  GH_TRY(g.code_challenge_method, row.get_optional_text("code_challenge_method"));
  GH_TRY(g.response_mode, row.get_text("response_mode"));
  GH_TRY(g.code_fingerprint, row.get_optional_text("code_fingerprint"));
  GH_TRY(g.login_hint, row.get_optional_text("login_hint"));
  GH_TRY(g.prompt, row.get_optional_text("prompt"));
  GH_TRY(g.max_age, row.get_optional_int("max_age"));
  GH_TRY(g.created_at, row.get_int("created_at"));
  GH_TRY(g.fulfilled_at, row.get_optional_int("fulfilled_at"));
  GH_TRY(g.exchanged_at, row.get_optional_int("exchanged_at"));
  GH_TRY(g.cancelled_at, row.get_optional_int("cancelled_at"));
  GH_TRY(g.session_id, row.get_optional_text("session_id"));
  GH_TRY(g.user_session_id, row.get_optional_text("user_session_id"));
  GH_TRY(g.auth_time, row.get_optional_int("auth_time"));
  return g;
}

std::string select_where(std::string_view key) {
  return "SELECT " + std::string(kColumns) + " FROM oauth2_authorization_grants WHERE " +
         std::string(key) + " = $1";
}

}  // namespace

Status add(Transaction& tx, const OAuth2AuthorizationGrant& g) {
  GH_TRY_STATUS(tx.execute(
      "INSERT INTO oauth2_authorization_grants (" + std::string(kColumns) +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
          "$17, $18, $19, $20)",
      {g.id, g.client_id, g.redirect_uri, g.scope, g.state, g.nonce, g.code_challenge,
       g.code_challenge_method, g.response_mode, g.code_fingerprint, g.login_hint, g.prompt,
       g.max_age, g.created_at, g.fulfilled_at, g.exchanged_at, g.cancelled_at, g.session_id,
       g.user_session_id, g.auth_time}));
  return ok();
}

Result<std::optional<OAuth2AuthorizationGrant>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, select_where("id"), {id}, from_row);
}

Result<std::optional<OAuth2AuthorizationGrant>> find_by_code_fingerprint(
    Transaction& tx, std::string_view code_fingerprint) {
  return query_optional(tx, select_where("code_fingerprint"), {code_fingerprint}, from_row);
}

Result<bool> fulfill(Transaction& tx, std::string_view id, const GrantFulfilment& f,
                     std::int64_t now_ms) {
  return execute_changed(
      tx,
      "UPDATE oauth2_authorization_grants SET fulfilled_at = $2, session_id = $3, "
      "user_session_id = $4, auth_time = $5, code_fingerprint = $6 "
      "WHERE id = $1 AND fulfilled_at IS NULL AND cancelled_at IS NULL",
      {id, now_ms, f.session_id, f.user_session_id, f.auth_time, f.code_fingerprint});
}

Result<bool> exchange(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE oauth2_authorization_grants SET exchanged_at = $2 "
                         "WHERE id = $1 AND fulfilled_at IS NOT NULL AND exchanged_at IS NULL "
                         "AND cancelled_at IS NULL",
                         {id, now_ms});
}

Result<bool> cancel(Transaction& tx, std::string_view id, std::int64_t now_ms) {
  return execute_changed(tx,
                         "UPDATE oauth2_authorization_grants SET cancelled_at = $2 "
                         "WHERE id = $1 AND exchanged_at IS NULL AND cancelled_at IS NULL",
                         {id, now_ms});
}

}  // namespace gatehouse::storage::oauth2_authorization_grants

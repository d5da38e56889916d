#include "shared/storage/oauth2_client_repository.h"

#include <nlohmann/json.hpp>

#include "shared/storage/page_query.h"

namespace gatehouse::storage::oauth2_clients {

namespace {

constexpr std::string_view kColumns =
    "id, is_static, client_auth_method, encrypted_client_secret, jwks, jwks_uri, "
    "redirect_uris, grant_types, client_name, client_uri, created_at, updated_at, "
    "application_type, contacts, logo_uri, policy_uri, tos_uri, post_logout_redirect_uris, "
    "id_token_signed_response_alg, token_endpoint_auth_signing_alg";

std::string to_json(const std::vector<std::string>& list) { return nlohmann::json(list).dump(); }

Result<std::vector<std::string>> from_json(const Row& row, std::string_view column) {
  GH_TRY(std::string text, row.get_text(column));
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) {
    return fail(ErrorCode::kDatabase,
                "oauth2_clients." + std::string(column) + " is not a JSON array");
  }
  std::vector<std::string> out;
  for (const auto& item : json) {
    if (!item.is_string()) {
      return fail(ErrorCode::kDatabase,
                  "oauth2_clients." + std::string(column) + " holds a non-string item");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<OAuth2Client> from_row(const Row& row) {
  OAuth2Client c;
  GH_TRY(c.id, row.get_text("id"));
  GH_TRY(c.is_static, row.get_bool("is_static"));
  GH_TRY(c.client_auth_method, row.get_text("client_auth_method"));
  GH_TRY(c.encrypted_client_secret, row.get_optional_text("encrypted_client_secret"));
  GH_TRY(c.jwks, row.get_optional_text("jwks"));
  GH_TRY(c.jwks_uri, row.get_optional_text("jwks_uri"));
  GH_TRY(c.redirect_uris, from_json(row, "redirect_uris"));
  GH_TRY(c.grant_types, from_json(row, "grant_types"));
  GH_TRY(c.client_name, row.get_optional_text("client_name"));
  GH_TRY(c.client_uri, row.get_optional_text("client_uri"));
  GH_TRY(c.created_at, row.get_int("created_at"));
  GH_TRY(c.updated_at, row.get_int("updated_at"));
  GH_TRY(c.application_type, row.get_optional_text("application_type"));
  GH_TRY(c.contacts, from_json(row, "contacts"));
  GH_TRY(c.logo_uri, row.get_optional_text("logo_uri"));
  GH_TRY(c.policy_uri, row.get_optional_text("policy_uri"));
  GH_TRY(c.tos_uri, row.get_optional_text("tos_uri"));
  GH_TRY(c.post_logout_redirect_uris, from_json(row, "post_logout_redirect_uris"));
  GH_TRY(c.id_token_signed_response_alg, row.get_optional_text("id_token_signed_response_alg"));
  GH_TRY(c.token_endpoint_auth_signing_alg,
         row.get_optional_text("token_endpoint_auth_signing_alg"));
  return c;
}

}  // namespace

Status upsert(Transaction& tx, const OAuth2Client& c) {
  const std::string sql = "INSERT INTO oauth2_clients (" + std::string(kColumns) +
                          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
                          "$17, $18, $19, $20) "
                          "ON CONFLICT (id) DO UPDATE SET "
                          "is_static = EXCLUDED.is_static, "
                          "client_auth_method = EXCLUDED.client_auth_method, "
                          "encrypted_client_secret = EXCLUDED.encrypted_client_secret, "
                          "jwks = EXCLUDED.jwks, jwks_uri = EXCLUDED.jwks_uri, "
                          "redirect_uris = EXCLUDED.redirect_uris, "
                          "grant_types = EXCLUDED.grant_types, "
                          "client_name = EXCLUDED.client_name, client_uri = EXCLUDED.client_uri, "
                          "updated_at = EXCLUDED.updated_at, "
                          "application_type = EXCLUDED.application_type, "
                          "contacts = EXCLUDED.contacts, logo_uri = EXCLUDED.logo_uri, "
                          "policy_uri = EXCLUDED.policy_uri, tos_uri = EXCLUDED.tos_uri, "
                          "post_logout_redirect_uris = EXCLUDED.post_logout_redirect_uris, "
                          "id_token_signed_response_alg = EXCLUDED.id_token_signed_response_alg, "
                          "token_endpoint_auth_signing_alg = "
                          "EXCLUDED.token_endpoint_auth_signing_alg";
  GH_TRY_STATUS(tx.execute(sql, {c.id, c.is_static, c.client_auth_method,
                                 c.encrypted_client_secret, c.jwks, c.jwks_uri,
                                 to_json(c.redirect_uris), to_json(c.grant_types), c.client_name,
                                 c.client_uri, c.created_at, c.updated_at, c.application_type,
                                 to_json(c.contacts), c.logo_uri, c.policy_uri, c.tos_uri,
                                 to_json(c.post_logout_redirect_uris),
                                 c.id_token_signed_response_alg,
                                 c.token_endpoint_auth_signing_alg}));
  return ok();
}

Result<std::optional<OAuth2Client>> find(Transaction& tx, std::string_view id) {
  GH_TRY(auto row, tx.query_one("SELECT " + std::string(kColumns) +
                                    " FROM oauth2_clients WHERE id = $1",
                                {id}));
  if (!row) return std::optional<OAuth2Client>{};
  GH_TRY(OAuth2Client client, from_row(*row));
  return std::optional<OAuth2Client>(std::move(client));
}

Result<std::vector<OAuth2Client>> list(Transaction& tx, bool only_static) {
  const std::string sql = "SELECT " + std::string(kColumns) + " FROM oauth2_clients" +
                          (only_static ? " WHERE is_static = $1" : "") + " ORDER BY id";
  GH_TRY(auto rows, only_static ? tx.query(sql, {true}) : tx.query(sql));
  std::vector<OAuth2Client> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    GH_TRY(OAuth2Client client, from_row(row));
    out.push_back(std::move(client));
  }
  return out;
}

Result<bool> remove(Transaction& tx, std::string_view id) {
  GH_TRY(std::int64_t n, tx.execute("DELETE FROM oauth2_clients WHERE id = $1", {id}));
  return n > 0;
}

namespace {

PageQuery query_of(std::optional<bool> is_static) {
  PageQuery q;
  if (is_static) q.equals("is_static", *is_static);
  return q;
}

}  // namespace

Result<std::vector<OAuth2Client>> list_page(Transaction& tx, std::optional<bool> is_static,
                                            std::string_view after, std::int64_t limit) {
  return page_rows(tx, query_of(is_static), kColumns, "oauth2_clients", after, limit, from_row);
}

Result<std::int64_t> count(Transaction& tx, std::optional<bool> is_static) {
  return count_rows(tx, query_of(is_static), "oauth2_clients");
}

}  // namespace gatehouse::storage::oauth2_clients

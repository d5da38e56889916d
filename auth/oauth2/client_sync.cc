#include "auth/oauth2/client_sync.h"

#include <map>

#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

// Static clients may use every grant; the client's auth method and the
// scope rules decide the rest (as MAS's upsert_static).
const std::vector<std::string> kStaticGrantTypes = {
    "authorization_code", "refresh_token", "client_credentials",
    "urn:ietf:params:oauth:grant-type:device_code"};

std::optional<std::string> non_empty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// The row a configured client should have; the secret stays plain here and is
// compared and encrypted by the caller.
storage::OAuth2Client desired_row(const config::ClientConfig& c) {
  storage::OAuth2Client row;
  row.id = c.client_id;
  row.is_static = true;
  row.client_auth_method = c.client_auth_method;
  if (!c.jwks.is_null()) row.jwks = c.jwks.dump();
  row.jwks_uri = non_empty(c.jwks_uri);
  row.redirect_uris = c.redirect_uris;
  row.grant_types = kStaticGrantTypes;
  row.client_name = non_empty(c.client_name);
  row.client_uri = non_empty(c.client_uri);
  return row;
}

// Whether the stored row already says what the config says. The stored
// secret is decrypted to compare (ciphertexts differ on every encryption).
bool unchanged(const storage::OAuth2Client& stored, storage::OAuth2Client desired,
               const std::string& secret, const crypto::Encrypter* encrypter) {
  std::optional<std::string> stored_secret;
  if (stored.encrypted_client_secret) {
    if (!encrypter) return false;
    auto plain = encrypter->decrypt(*stored.encrypted_client_secret);
    if (!plain) return false;
    stored_secret = *plain;
  }
  if (stored_secret != non_empty(secret)) return false;
  desired.encrypted_client_secret = stored.encrypted_client_secret;
  desired.created_at = stored.created_at;
  desired.updated_at = stored.updated_at;
  return desired == stored;
}

}  // namespace

Result<std::vector<std::string>> sync_static_clients(storage::Transaction& tx,
                                                     const std::vector<config::ClientConfig>& clients,
                                                     const crypto::Encrypter* encrypter,
                                                     const Clock& clock,
                                                     const ClientSyncOptions& options) {
  std::vector<std::string> lines;
  std::map<std::string, storage::OAuth2Client> existing;
  GH_TRY(auto rows, storage::oauth2_clients::list(tx, /*only_static=*/true));
  for (auto& row : rows) existing.emplace(row.id, std::move(row));
  const std::string would = options.dry_run ? "would " : "";
  for (const auto& client : clients) {
    storage::OAuth2Client row = desired_row(client);
    auto found = existing.find(client.client_id);
    if (found != existing.end()) {
      const bool same = unchanged(found->second, row, client.client_secret, encrypter);
      existing.erase(found);
      if (same) {
        lines.push_back("unchanged client " + client.client_id);
        continue;
      }
      lines.push_back(would + "update client " + client.client_id);
    } else {
      lines.push_back(would + "add client " + client.client_id);
    }
    if (options.dry_run) continue;
    if (!client.client_secret.empty()) {
      if (!encrypter) {
        return fail(ErrorCode::kConfig, "client " + client.client_id +
                                            " has a secret but secrets.encryption is not set");
      }
      GH_TRY(row.encrypted_client_secret, encrypter->encrypt(client.client_secret));
    }
    row.created_at = row.updated_at = clock.unix_millis();
    GH_TRY_STATUS(storage::oauth2_clients::upsert(tx, row));
  }
  for (const auto& [id, row] : existing) {
    if (!options.prune) {
      lines.push_back("keeping client " + id + " (no longer in config; --prune removes it)");
      continue;
    }
    lines.push_back(would + "remove client " + id);
    if (!options.dry_run) GH_TRY_STATUS(storage::oauth2_clients::remove(tx, id));
  }
  return lines;
}

}  // namespace gatehouse::auth::oauth2

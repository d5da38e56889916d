// `gatehouse config sync [--prune] [--dry-run]`: makes the static clients in
// the database match `clients:` in the config (mas-cli's `config sync`,
// crates/cli/src/sync.rs): migrates, upserts every configured client with
// its secret encrypted under `secrets.encryption`, and removes static
// clients no longer configured only with --prune. Dynamic clients are never
// touched. All changes commit in one transaction.
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/database_options.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/encryption.h"
#include "shared/storage/migrations.h"
#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::cli {

namespace {

struct SyncFlags {
  bool prune = false;
  bool dry_run = false;
};

// Static clients may use every grant; the client's auth method and the
// policy decide the rest (as MAS's upsert_static).
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

Status sync(const config::Config& config, const SyncFlags& flags) {
  std::optional<crypto::Encrypter> encrypter;
  if (!config.secrets.encryption_key.empty()) {
    GH_TRY(auto e, crypto::Encrypter::from_hex(crypto::hex_encode(config.secrets.encryption_key)));
    encrypter.emplace(std::move(e));
  }
  GH_TRY(auto db, open_configured_database(config.database));
  SystemClock clock;
  const auto migrator = storage::Migrator::builtin(db->dialect());
  GH_TRY(auto pending, migrator.pending(*db));
  for (const auto& step : pending) {
    std::cout << (flags.dry_run ? "would apply " : "applying ") << step.id() << "\n";
  }
  if (!flags.dry_run) GH_TRY_STATUS(migrator.migrate(*db, clock));

  GH_TRY(auto tx, db->begin(storage::TxMode::kWrite));
  std::map<std::string, storage::OAuth2Client> existing;
  if (pending.empty() || !flags.dry_run) {  // on a dry run the table may not exist yet
    GH_TRY(auto rows, storage::oauth2_clients::list(*tx, /*only_static=*/true));
    for (auto& row : rows) existing.emplace(row.id, std::move(row));
  }
  const std::string would = flags.dry_run ? "would " : "";
  for (const auto& client : config.clients) {
    storage::OAuth2Client row = desired_row(client);
    auto found = existing.find(client.client_id);
    if (found != existing.end()) {
      const bool same = unchanged(found->second, row, client.client_secret,
                                  encrypter ? &*encrypter : nullptr);
      existing.erase(found);
      if (same) {
        std::cout << "unchanged client " << client.client_id << "\n";
        continue;
      }
      std::cout << would << "update client " << client.client_id << "\n";
    } else {
      std::cout << would << "add client " << client.client_id << "\n";
    }
    if (flags.dry_run) continue;
    if (!client.client_secret.empty()) {
      if (!encrypter) {
        return fail(ErrorCode::kConfig, "client " + client.client_id +
                                            " has a secret but secrets.encryption is not set");
      }
      GH_TRY(row.encrypted_client_secret, encrypter->encrypt(client.client_secret));
    }
    row.created_at = row.updated_at = clock.unix_millis();
    GH_TRY_STATUS(storage::oauth2_clients::upsert(*tx, row));
  }
  for (const auto& [id, row] : existing) {
    if (!flags.prune) {
      std::cout << "keeping client " << id << " (no longer in config; --prune removes it)\n";
      continue;
    }
    std::cout << would << "remove client " << id << "\n";
    if (!flags.dry_run) GH_TRY_STATUS(storage::oauth2_clients::remove(*tx, id));
  }
  if (flags.dry_run) return ok();  // the transaction rolls back
  return tx->commit();
}

}  // namespace

void register_config_sync_command(CLI::App& config_cmd, CliContext& ctx) {
  auto flags = std::make_shared<SyncFlags>();
  CLI::App* cmd = config_cmd.add_subcommand(
      "sync", "Apply migrations and sync the clients from the config into the database");
  cmd->add_flag("--prune", flags->prune,
                "Remove static clients that are no longer in the config");
  cmd->add_flag("--dry-run", flags->dry_run, "Print what would change; change nothing");
  cmd->callback([&ctx, flags] {
    auto loaded = config::load(ctx.config_files());
    if (!loaded) {
      std::cerr << "gatehouse: " << loaded.error().message << "\n";
      ctx.exit_code = 1;
      return;
    }
    for (const auto& warning : loaded->warnings) std::cerr << "warning: " << warning << "\n";
    if (auto status = sync(loaded->config, *flags); !status) {
      std::cerr << "gatehouse: " << status.error().describe() << "\n";
      ctx.exit_code = 1;
    }
  });
}

}  // namespace gatehouse::cli

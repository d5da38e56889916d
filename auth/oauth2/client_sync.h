// Makes the static clients in the database match `clients:` in the config
// (mas-cli's `config sync`, crates/cli/src/sync.rs): upserts each configured
// client with its secret encrypted, and removes static clients no longer
// configured only when pruning. Dynamic clients are never touched. Used by
// `gatehouse config sync` and at server start.
#pragma once

#include <string>
#include <vector>

#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/crypto/encryption.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::oauth2 {

struct ClientSyncOptions {
  bool prune = false;    // remove static clients missing from the config
  bool dry_run = false;  // report only; the caller must not commit
};

// Changes the clients in `tx` (never commits) and returns one line per
// client: "add client X", "update client X", "unchanged client X",
// "keeping client X (...)", "remove client X" ("would ..." on a dry run).
// `encrypter` may be null when no configured client has a secret.
Result<std::vector<std::string>> sync_static_clients(storage::Transaction& tx,
                                                     const std::vector<config::ClientConfig>& clients,
                                                     const crypto::Encrypter* encrypter,
                                                     const Clock& clock,
                                                     const ClientSyncOptions& options);

}  // namespace gatehouse::auth::oauth2

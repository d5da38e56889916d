// The homeserver's `devices` table. Free functions over an open
// Transaction; they never commit. Callers that remove devices must also
// evict the token cache for them (introspection/token_cache.h): the return
// values name what was removed for that reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "homeserver/storage/model.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::homeserver::storage::devices {

using gatehouse::storage::Transaction;

Result<std::optional<Device>> find(Transaction& tx, std::string_view localpart,
                                   std::string_view device_id);

// The user's devices by device_id; hidden ones only when asked.
Result<std::vector<Device>> list(Transaction& tx, std::string_view localpart,
                                 bool include_hidden = false);

// Creates the device, or, when it exists, sets its display name if
// `device.display_name` is given. True when it was inserted.
Result<bool> upsert(Transaction& tx, const Device& device);

// False when there is no such device.
Result<bool> set_display_name(Transaction& tx, std::string_view localpart,
                              std::string_view device_id,
                              const std::optional<std::string>& display_name);

// Sets last_seen of each (localpart, device_id) to its time when later than
// the stored one (the recorder may write late); unknown devices are
// skipped. For introspection/last_seen.h.
struct SeenDevice {
  std::string localpart;
  std::string device_id;
  std::int64_t at_ms = 0;
};
Status record_last_seen(Transaction& tx, const std::vector<SeenDevice>& seen);

// False when there is no such device.
Result<bool> remove(Transaction& tx, std::string_view localpart, std::string_view device_id);

// Removes every device of the user, hidden ones included (deactivation);
// returns the removed ids.
Result<std::vector<std::string>> remove_all(Transaction& tx, std::string_view localpart);

struct SyncResult {
  std::vector<std::string> added;
  std::vector<std::string> removed;
};
// Makes the user's visible devices exactly `device_ids`: removes the others
// (never a hidden row) and creates the missing ones at `now_ms`.
Result<SyncResult> sync(Transaction& tx, std::string_view localpart,
                        const std::vector<std::string>& device_ids, std::int64_t now_ms);

}  // namespace gatehouse::homeserver::storage::devices

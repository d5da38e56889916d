// Keeping the homeserver's devices in step with sessions at the moment they
// change, not at the next job run: a login answers only once its device
// exists on the homeserver (MAS: upsert_device in /oauth2/token and compat
// /login), and an ended session's tokens fail on the very next request
// (the homeserver's introspection cache is dropped through
// `/_gatehouse/v1/invalidate`). Whatever the homeserver could not take now
// is left to a sync-devices job, which makes its devices exactly those of
// the user's live sessions once it is back.
//
// `homeserver` may be null (tests, or no homeserver configured): then only
// the job is scheduled. Thread safety: as the HomeserverClient and Database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/homeserver_client/homeserver_client.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::sessions {

struct DeviceOwner {
  std::string user_id;    // users.id (ULID), for the job payload
  std::string localpart;  // users.username, for the homeserver
};

// Creates (or updates) the device on the homeserver before a login answers.
// On failure a sync-devices job is scheduled (in its own transaction) and
// the error is returned: the caller must then fail the login and finish the
// session it made, so nothing is left half-made.
Status create_device(homeserver_client::HomeserverClient* homeserver, storage::Database& db,
                     const Clock& clock, const DeviceOwner& owner, const std::string& device_id,
                     const std::optional<std::string>& display_name);

// After the transaction that finished sessions has committed: drops the
// homeserver's cached tokens of each device (nullopt: of every device of the
// user) at once, and schedules a sync-devices job, which deletes the devices
// no live session holds any more. Never fails the caller: the session is
// already over in our database, and errors are logged.
void devices_ended(homeserver_client::HomeserverClient* homeserver, storage::Database& db,
                   const Clock& clock, const DeviceOwner& owner,
                   const std::vector<std::optional<std::string>>& device_ids);

// The sync-devices job for `user_id`, inside the caller's transaction.
Status schedule_sync_devices(storage::Transaction& tx, const Clock& clock,
                             const std::string& user_id);

}  // namespace gatehouse::auth::sessions

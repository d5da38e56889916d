#include "auth/sessions/device_sync.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "auth/jobs/schedule.h"

namespace gatehouse::auth::sessions {
namespace {

// Its own transaction: the caller's may already be committed or rolled back.
void schedule_sync_devices_now(storage::Database& db, const Clock& clock,
                               const std::string& user_id) {
  auto tx = db.begin(storage::TxMode::kWrite);
  Status scheduled = tx ? schedule_sync_devices(**tx, clock, user_id) : Status(tl::unexpected(tx.error()));
  if (scheduled) scheduled = (*tx)->commit();
  if (!scheduled) {
    spdlog::error("cannot schedule sync-devices for user {}: {}", user_id,
                  scheduled.error().describe());
  }
}

}  // namespace

Status schedule_sync_devices(storage::Transaction& tx, const Clock& clock,
                             const std::string& user_id) {
  return jobs::schedule_job(tx, clock, jobs::kSyncDevices, {{"user_id", user_id}});
}

Status create_device(homeserver_client::HomeserverClient* homeserver, storage::Database& db,
                     const Clock& clock, const DeviceOwner& owner, const std::string& device_id,
                     const std::optional<std::string>& display_name) {
  if (!homeserver) {
    schedule_sync_devices_now(db, clock, owner.user_id);
    return ok();
  }
  Status created = homeserver->upsert_device({owner.localpart, device_id, display_name});
  if (!created) {
    spdlog::warn("cannot create device {} of {} on the homeserver: {}", device_id,
                 owner.localpart, created.error().describe());
    schedule_sync_devices_now(db, clock, owner.user_id);
  }
  return created;
}

void devices_ended(homeserver_client::HomeserverClient* homeserver, storage::Database& db,
                   const Clock& clock, const DeviceOwner& owner,
                   const std::vector<std::optional<std::string>>& device_ids) {
  if (homeserver) {
    for (const auto& device_id : device_ids) {
      if (auto dropped = homeserver->invalidate(owner.localpart, device_id); !dropped) {
        spdlog::warn("cannot invalidate cached tokens of {} on the homeserver: {}",
                     owner.localpart, dropped.error().describe());
      }
    }
  }
  schedule_sync_devices_now(db, clock, owner.user_id);
}

}  // namespace gatehouse::auth::sessions

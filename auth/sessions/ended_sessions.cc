#include "auth/sessions/ended_sessions.h"

#include <algorithm>

#include "shared/storage/user_repository.h"

namespace gatehouse::auth::sessions {

Status EndedSessions::note(storage::Transaction& tx, const storage::OAuth2Session& session) {
  if (!session.user_id) return ok();
  return note_user(tx, *session.user_id, session.device_id);
}

Status EndedSessions::note(storage::Transaction& tx,
                           const std::vector<storage::OAuth2Session>& sessions) {
  for (const auto& session : sessions) GH_TRY_STATUS(note(tx, session));
  return ok();
}

Status EndedSessions::note_user(storage::Transaction& tx, const std::string& user_id,
                                const std::optional<std::string>& device_id) {
  auto entry = std::find_if(users_.begin(), users_.end(),
                            [&](const Entry& e) { return e.owner.user_id == user_id; });
  if (entry == users_.end()) {
    GH_TRY(auto user, storage::users::find(tx, user_id));
    if (!user) return ok();
    entry = users_.insert(users_.end(), Entry{DeviceOwner{user->id, user->username}, {}});
  }
  auto& devices = entry->devices;
  if (std::find(devices.begin(), devices.end(), device_id) == devices.end()) {
    devices.push_back(device_id);
  }
  return ok();
}

void EndedSessions::announce(homeserver_client::HomeserverClient* homeserver,
                             storage::Database& db, const Clock& clock) const {
  for (const auto& entry : users_) {
    // The whole user's cache is dropped already: a per-device call adds nothing.
    const bool whole_user = std::find(entry.devices.begin(), entry.devices.end(),
                                      std::nullopt) != entry.devices.end();
    devices_ended(homeserver, db, clock, entry.owner,
                  whole_user ? std::vector<std::optional<std::string>>{std::nullopt}
                             : entry.devices);
  }
}

}  // namespace gatehouse::auth::sessions

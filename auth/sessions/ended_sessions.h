// Collecting, inside the transaction that ends sessions, whose devices the
// homeserver must forget, and telling it once that transaction committed
// (never before: a rollback would leave the homeserver refusing live
// tokens). One line per caller: note what ended, commit, announce.
//
// Thread safety: none; one per request or command.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/homeserver_client/homeserver_client.h"
#include "auth/sessions/device_sync.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_session.h"

namespace gatehouse::auth::sessions {

class EndedSessions {
 public:
  // Notes the session's device (sessions::device_sync drops its cached
  // tokens). A session without a user (client_credentials) holds no device
  // and is skipped; one without a device drops the whole user's cache.
  Status note(storage::Transaction& tx, const storage::OAuth2Session& session);
  Status note(storage::Transaction& tx, const std::vector<storage::OAuth2Session>& sessions);
  // Notes one device of the user, or with nullopt every device: for a user
  // locked, deactivated, or whose sessions all ended. An unknown user is
  // skipped (nothing of theirs can be cached).
  Status note_user(storage::Transaction& tx, const std::string& user_id,
                   const std::optional<std::string>& device_id = std::nullopt);

  bool empty() const { return users_.empty(); }

  // After the commit: sessions::devices_ended for each user noted. Never
  // fails (errors are logged; a sync-devices job is the fallback).
  void announce(homeserver_client::HomeserverClient* homeserver, storage::Database& db,
                const Clock& clock) const;

 private:
  struct Entry {
    DeviceOwner owner;
    std::vector<std::optional<std::string>> devices;
  };
  std::vector<Entry> users_;
};

}  // namespace gatehouse::auth::sessions

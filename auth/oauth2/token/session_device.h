// The homeserver device of a session a grant has just started
// (authorization_code, device_code): MAS creates it (upsert_device) before
// /oauth2/token answers, so the client's first request finds it. The call
// is made after the grant's transaction committed: no write transaction is
// held across an HTTP call to the homeserver.
#pragma once

#include <optional>
#include <string>

#include "auth/oauth2/context.h"
#include "auth/oauth2/oauth_error.h"
#include "auth/oauth2/token/issue.h"
#include "auth/sessions/device_sync.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_client.h"

namespace gatehouse::auth::oauth2 {

struct StartedDevice {
  sessions::DeviceOwner owner;
  std::string session_id;
  std::string device_id;
  std::optional<std::string> display_name;  // the client's name
};

// The device of the session `response` was issued for, read inside the
// grant's transaction; nullopt when the session has no user or no device.
OAuthResult<std::optional<StartedDevice>> started_device(storage::Transaction& tx,
                                                         const storage::OAuth2Client& client,
                                                         const TokenResponse& response);

// Creates the device on the homeserver. When it cannot, the session is
// finished (its tokens never reach the client, so nothing is left
// half-made; a sync-devices job was scheduled by sessions::create_device)
// and the error to answer is returned: temporarily_unavailable (503) when
// the homeserver is unreachable, server_error (500, as MAS) otherwise. The
// client starts a new authorization then.
OAuthResult<void> create_started_device(const OAuth2Context& ctx, const StartedDevice& device);

}  // namespace gatehouse::auth::oauth2

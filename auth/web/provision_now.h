// Provisioning a user just registered on a page before the browser moves
// on, so the next step (a compat login creating a device, an OAuth token)
// finds the user on the homeserver. The provision-user job that
// registration queued still runs: it is the fallback when the homeserver
// cannot be reached now, and provisioning twice changes nothing.
#pragma once

#include <optional>
#include <string>

#include "auth/web/web_context.h"
#include "shared/storage/model/user.h"

namespace gatehouse::web {

// Best effort: a failure is logged, never shown.
void provision_now(const WebContext& ctx, const storage::User& user,
                   const std::optional<std::string>& display_name);

}  // namespace gatehouse::web

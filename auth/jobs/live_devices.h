// The Matrix devices a user's live sessions hold: what sync-devices makes
// the homeserver's device list. One entry per kind of session in
// live_devices.cc (OAuth 2.0 and compat sessions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::jobs {

// Sorted, without duplicates. Reads only; never commits.
Result<std::vector<std::string>> live_devices(storage::Transaction& tx, std::string_view user_id);

}  // namespace gatehouse::auth::jobs

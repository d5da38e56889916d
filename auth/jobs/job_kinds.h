// The job kinds (queue names in `queue_jobs`) and their payloads, as MAS's
// crates/storage/src/queue/tasks.rs names them. Payloads are JSON objects.
#pragma once

#include <array>
#include <string_view>

namespace gatehouse::auth::jobs {

// {"user_id": ULID, "display_name"?: text}: creates or updates the user on
// the homeserver (emails, display name, lock state).
inline constexpr std::string_view kProvisionUser = "provision-user";
// {"user_id"}: makes the homeserver's devices those of the active sessions.
inline constexpr std::string_view kSyncDevices = "sync-devices";
// {"user_id", "erase": bool}: deactivates the user on the homeserver.
inline constexpr std::string_view kDeactivateUser = "deactivate-user";
// {"user_id"}: reactivates the user on the homeserver.
inline constexpr std::string_view kReactivateUser = "reactivate-user";

inline constexpr std::array<std::string_view, 4> kAllKinds = {kProvisionUser, kSyncDevices,
                                                               kDeactivateUser, kReactivateUser};

}  // namespace gatehouse::auth::jobs

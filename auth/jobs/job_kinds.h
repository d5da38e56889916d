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

// The kinds that call the homeserver.
inline constexpr std::array<std::string_view, 4> kAllKinds = {kProvisionUser, kSyncDevices,
                                                               kDeactivateUser, kReactivateUser};

// {"to", "subject", "text"}: sends one email (auth/email). Run only by a
// worker that has a mailer. The text may hold a recovery link: those are
// single-use and expire within minutes.
inline constexpr std::string_view kSendEmail = "send-email";

}  // namespace gatehouse::auth::jobs

#include "auth/jobs/run_job.h"

#include <nlohmann/json.hpp>

#include "auth/jobs/job_kinds.h"
#include "auth/jobs/live_devices.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::jobs {
namespace {

using nlohmann::json;

// A JSON object; the homeserver kinds need a string "user_id".
Result<json> parse_payload(const storage::QueueJob& job) {
  json payload = json::parse(job.payload, nullptr, /*allow_exceptions=*/false);
  if (payload.is_object() && job.queue_name == kSendEmail) return payload;
  if (!payload.is_object() || !payload.contains("user_id") || !payload["user_id"].is_string()) {
    return fail(ErrorCode::kInvalidInput,
                "job " + job.id + " (" + job.queue_name + ") has no user_id in its payload");
  }
  return payload;
}

Result<storage::User> load_user(storage::Transaction& tx, const std::string& user_id) {
  GH_TRY(auto user, storage::users::find(tx, user_id));
  if (!user) return fail(ErrorCode::kNotFound, "user " + user_id + " no longer exists");
  return *user;
}

Status provision_user(const json& payload, storage::Database& db,
                      homeserver_client::HomeserverClient& homeserver) {
  homeserver_client::ProvisionRequest request;
  {
    GH_TRY(auto tx, db.begin(storage::TxMode::kRead));
    GH_TRY(auto user, load_user(*tx, payload["user_id"].get<std::string>()));
    GH_TRY(auto emails, storage::user_emails::list_for_user(*tx, user.id));
    request.localpart = user.username;
    request.emails.emplace();
    for (const auto& e : emails) request.emails->push_back(e.email);
    request.locked = user.locked_at.has_value();
  }
  if (payload.contains("display_name") && payload["display_name"].is_string()) {
    request.display_name = payload["display_name"].get<std::string>();
  }
  GH_TRY(bool created, homeserver.provision_user(request));
  (void)created;
  return ok();
}

Status sync_devices(const json& payload, storage::Database& db,
                    homeserver_client::HomeserverClient& homeserver) {
  std::string localpart;
  std::vector<std::string> devices;
  {
    GH_TRY(auto tx, db.begin(storage::TxMode::kRead));
    GH_TRY(auto user, storage::users::find(*tx, payload["user_id"].get<std::string>()));
    // A deleted user has no sessions left; its deactivate-user job removes
    // its devices on the homeserver.
    if (!user) return ok();
    GH_TRY(devices, live_devices(*tx, user->id));
    localpart = user->username;
  }
  return homeserver.sync_devices(localpart, devices);
}

Result<std::string> localpart_of(const json& payload, storage::Database& db) {
  // Set when the user was deleted with the job (manage delete-user).
  if (auto named = payload.find("localpart"); named != payload.end() && named->is_string()) {
    return named->get<std::string>();
  }
  GH_TRY(auto tx, db.begin(storage::TxMode::kRead));
  GH_TRY(auto user, load_user(*tx, payload["user_id"].get<std::string>()));
  return user.username;
}

}  // namespace

Status provision_user_now(storage::Database& db, homeserver_client::HomeserverClient& homeserver,
                          const std::string& user_id,
                          const std::optional<std::string>& display_name) {
  json payload = {{"user_id", user_id}};
  if (display_name) payload["display_name"] = *display_name;
  return provision_user(payload, db, homeserver);
}

Status run_job(const storage::QueueJob& job, storage::Database& db,
               homeserver_client::HomeserverClient& homeserver, email::Mailer* mailer) {
  GH_TRY(json payload, parse_payload(job));
  if (job.queue_name == kProvisionUser) return provision_user(payload, db, homeserver);
  if (job.queue_name == kSyncDevices) return sync_devices(payload, db, homeserver);
  if (job.queue_name == kDeactivateUser) {
    GH_TRY(std::string localpart, localpart_of(payload, db));
    return homeserver.delete_user(localpart, payload.value("erase", false));
  }
  if (job.queue_name == kReactivateUser) {
    GH_TRY(std::string localpart, localpart_of(payload, db));
    return homeserver.reactivate_user(localpart);
  }
  if (job.queue_name == kSendEmail) {
    if (!mailer) return fail(ErrorCode::kUnavailable, "this worker has no mailer");
    return mailer->send({payload.value("to", ""), payload.value("subject", ""), payload.value("text", "")});
  }
  return fail(ErrorCode::kInvalidInput, "unknown job kind '" + job.queue_name + "'");
}

}  // namespace gatehouse::auth::jobs

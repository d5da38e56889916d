#include "auth/syn2mas/write_plan.h"

#include <set>

#include "auth/accounts/account_service.h"
#include "auth/sessions/device_sync.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_token_repository.h"
#include "shared/storage/upstream_oauth_repository.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_password_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::syn2mas {

Result<std::int64_t> existing_users(storage::Transaction& tx) {
  return storage::users::count(tx, {});
}

Status write_plan(storage::Transaction& tx, const Clock& clock, const MigrationPlan& plan) {
  for (const auto& u : plan.users) GH_TRY_STATUS(storage::users::add(tx, u));
  for (const auto& p : plan.passwords) GH_TRY_STATUS(storage::user_passwords::add(tx, p));
  for (const auto& e : plan.emails) GH_TRY_STATUS(storage::user_emails::add(tx, e));
  for (const auto& l : plan.links) GH_TRY_STATUS(storage::upstream_oauth_links::add(tx, l));
  for (const auto& s : plan.sessions) GH_TRY_STATUS(storage::compat_sessions::add(tx, s));
  for (const auto& t : plan.access_tokens) GH_TRY_STATUS(storage::compat_access_tokens::add(tx, t));
  for (const auto& r : plan.refresh_tokens) GH_TRY_STATUS(storage::compat_refresh_tokens::add(tx, r));
  std::set<std::string> with_devices;
  for (const auto& s : plan.sessions) {
    if (s.device_id) with_devices.insert(s.user_id);
  }
  for (const auto& u : plan.users) {
    if (u.deactivated_at) continue;
    auto name = plan.display_names.find(u.id);
    GH_TRY_STATUS(accounts::schedule_provisioning(
        tx, clock, u.id,
        name == plan.display_names.end() ? std::nullopt : std::optional<std::string>(name->second)));
    if (with_devices.contains(u.id)) GH_TRY_STATUS(sessions::schedule_sync_devices(tx, clock, u.id));
  }
  return ok();
}

}  // namespace gatehouse::auth::syn2mas

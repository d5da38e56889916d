#include "auth/sessions/account_status.h"

#include "auth/accounts/account_service.h"
#include "auth/jobs/schedule.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::sessions {
namespace {

// provision-user carries the lock state to the homeserver (the job reads
// the user when it runs).
Status tell_homeserver(storage::Transaction& tx, const Clock& clock, const storage::User& user) {
  return accounts::schedule_provisioning(tx, clock, user.id);
}

}  // namespace

Status lock_account(storage::Transaction& tx, const Clock& clock, const storage::User& user,
                    EndedSessions& ended) {
  if (!user.locked_at) GH_TRY_STATUS(storage::users::set_locked_at(tx, user.id, clock.unix_millis()));
  GH_TRY_STATUS(tell_homeserver(tx, clock, user));
  return ended.note_user(tx, user.id);
}

Status unlock_account(storage::Transaction& tx, const Clock& clock, const storage::User& user) {
  if (!user.locked_at) return ok();
  GH_TRY_STATUS(storage::users::set_locked_at(tx, user.id, std::nullopt));
  return tell_homeserver(tx, clock, user);
}

Result<std::vector<SessionCount>> deactivate_account(storage::Transaction& tx, const Clock& clock,
                                                     const storage::User& user, bool erase,
                                                     EndedSessions& ended) {
  if (user.deactivated_at) return std::vector<SessionCount>{};
  const auto now = clock.unix_millis();
  GH_TRY_STATUS(storage::users::set_deactivated_at(tx, user.id, now));
  GH_TRY(auto counts, finish_all_sessions(tx, user.id, now));
  GH_TRY_STATUS(jobs::schedule_deactivation(tx, clock, user.id, erase));
  GH_TRY_STATUS(ended.note_user(tx, user.id));
  return counts;
}

Status reactivate_account(storage::Transaction& tx, const Clock& clock, const storage::User& user) {
  if (!user.deactivated_at) return ok();
  GH_TRY_STATUS(storage::users::set_deactivated_at(tx, user.id, std::nullopt));
  GH_TRY_STATUS(jobs::schedule_reactivation(tx, clock, user.id));
  return tell_homeserver(tx, clock, user);
}

}  // namespace gatehouse::auth::sessions

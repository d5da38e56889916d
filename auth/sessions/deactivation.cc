#include "auth/sessions/deactivation.h"

#include "auth/jobs/schedule.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::sessions {

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

}  // namespace gatehouse::auth::sessions

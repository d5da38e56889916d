#include "auth/web/provision_now.h"

#include <spdlog/spdlog.h>

#include "auth/jobs/run_job.h"

namespace gatehouse::web {

void provision_now(const WebContext& ctx, const storage::User& user,
                   const std::optional<std::string>& display_name) {
  if (!ctx.app.homeserver) return;
  if (auto done = auth::jobs::provision_user_now(*ctx.app.db, *ctx.app.homeserver, user.id, display_name);
      !done) {
    spdlog::warn("web: provisioning user {} now failed (its job will retry): {}", user.id,
                 done.error().describe());
  }
}

}  // namespace gatehouse::web

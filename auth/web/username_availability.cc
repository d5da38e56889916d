#include "auth/web/username_availability.h"

#include <spdlog/spdlog.h>

#include "shared/storage/user_repository.h"

namespace gatehouse::web {

Result<Availability> check_username_free(storage::Transaction& tx, const std::string& username) {
  GH_TRY(auto existing, storage::users::find_by_username(tx, username));
  GH_TRY(auto reserved, storage::users::reserved_reason(tx, username));
  if (existing || reserved) return Availability{"This username is already taken.", true};
  return Availability{};
}

Availability ask_homeserver_free(const WebContext& ctx, const std::string& username) {
  if (!ctx.app.homeserver) return {};
  auto free = ctx.app.homeserver->is_localpart_available(username);
  if (!free) {
    spdlog::warn("web: username check: homeserver availability: {}", free.error().describe());
    return {"The server could not check this username just now. Please try again.", false};
  }
  if (!*free) return {"This username is not available.", true};
  return {};
}

}  // namespace gatehouse::web

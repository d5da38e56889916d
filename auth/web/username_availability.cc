#include "auth/web/username_availability.h"

#include <spdlog/spdlog.h>

#include "auth/accounts/email_address.h"
#include "shared/storage/user_email_repository.h"
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

Result<NewEmail> check_new_email(storage::Transaction& tx, const std::string& typed) {
  if (typed.empty()) return NewEmail{"", "Type your email address.", 400};
  if (auto valid = accounts::validate_email(typed); !valid) {
    return NewEmail{"", valid.error().message, 400};
  }
  const std::string address = storage::user_emails::normalize(typed);
  GH_TRY(auto existing, storage::user_emails::find_by_email(tx, address));
  if (existing) return NewEmail{address, "This email address is already used by an account.", 409};
  return NewEmail{address, std::nullopt, 200};
}

}  // namespace gatehouse::web

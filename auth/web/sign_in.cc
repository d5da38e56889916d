#include "auth/web/sign_in.h"

#include "shared/ids/ulid.h"
#include "shared/storage/browser_session_repository.h"

namespace gatehouse::web {

Status sign_in(const WebContext& ctx, storage::Transaction& tx, Visitor& visitor,
               const storage::User& user, const httplib::Request& req,
               storage::AuthenticationMethod method) {
  const auto now = ctx.now_ms();
  if (!visitor.signed_in() || visitor.user->id != user.id) {
    storage::BrowserSession session;
    session.id = ids::Ulid::generate(*ctx.app.clock).to_string();
    session.user_id = user.id;
    session.created_at = now;
    if (req.has_header("User-Agent")) session.user_agent = req.get_header_value("User-Agent");
    session.last_active_ip = ctx.client_ip(req);
    GH_TRY_STATUS(storage::browser_sessions::add(tx, session));
    visitor.session = session;
    visitor.user = user;
    visitor.cookie.user_session_id = session.id;
    visitor.cookie_changed = true;
  }
  storage::BrowserSessionAuthentication authentication;
  authentication.id = ids::Ulid::generate(*ctx.app.clock).to_string();
  authentication.user_session_id = visitor.session->id;
  authentication.created_at = now;
  authentication.method = method;
  GH_TRY_STATUS(storage::browser_sessions::add_authentication(tx, authentication));
  visitor.last_authenticated_at = now;
  return ok();
}

}  // namespace gatehouse::web

#include "auth/web/sign_out.h"

#include "shared/storage/browser_session_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::web {

Status sign_out(const WebContext& ctx, storage::Transaction& tx, Visitor& visitor,
                auth::sessions::EndedSessions& ended) {
  if (visitor.cookie.user_session_id.empty()) return ok();
  // Finished in the database too, so a stolen copy of the cookie is dead.
  GH_TRY_STATUS(storage::browser_sessions::finish(tx, visitor.cookie.user_session_id, ctx.now_ms()));
  // Signing out of the provider signs out of the applications it let in
  // (OIDC RP-Initiated Logout §2: the OP logs the End-User out; MAS ends the
  // browser session's OAuth sessions with it), so their tokens stop working.
  GH_TRY(auto finished, storage::oauth2_sessions::finish_for_user_session(
                            tx, visitor.cookie.user_session_id, ctx.now_ms()));
  GH_TRY_STATUS(ended.note(tx, finished));
  visitor.cookie.user_session_id.clear();
  visitor.cookie_changed = true;
  visitor.session.reset();
  visitor.user.reset();
  visitor.last_authenticated_at = 0;
  return ok();
}

void announce_signed_out(const WebContext& ctx, const auth::sessions::EndedSessions& ended) {
  ended.announce(ctx.app.homeserver.get(), *ctx.app.db, *ctx.app.clock);
}

LoginPage signed_out_page(const WebContext& ctx, const Visitor& visitor) {
  LoginPage page;
  page.action = ctx.url("login");
  page.logout_action = ctx.url("logout");
  page.csrf = visitor.cookie.csrf_secret;
  page.passwords_enabled = ctx.app.config.passwords.enabled;
  page.notice = "You have been signed out.";
  return page;
}

}  // namespace gatehouse::web

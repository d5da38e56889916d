#include "auth/web/visitor.h"

#include "auth/web/csrf.h"
#include "shared/storage/browser_session_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::web {

Result<Visitor> load_visitor(const WebContext& ctx, const httplib::Request& req,
                             storage::Transaction& tx) {
  Visitor visitor;
  if (auto cookie = ctx.cookies.read(req)) {
    visitor.cookie = std::move(*cookie);
  } else {
    visitor.cookie_changed = true;
  }
  visitor.cookie_changed |= ensure_csrf(visitor.cookie, ctx.now_ms());
  if (visitor.cookie.user_session_id.empty()) return visitor;

  GH_TRY(auto session, storage::browser_sessions::find(tx, visitor.cookie.user_session_id));
  std::optional<storage::User> user;
  if (session && !session->finished_at) {
    GH_TRY(user, storage::users::find(tx, session->user_id));
  }
  if (!session || session->finished_at || !user || !user->active()) {
    visitor.cookie.user_session_id.clear();
    visitor.cookie_changed = true;
    return visitor;
  }
  GH_TRY(auto authentications, storage::browser_sessions::list_authentications(tx, session->id));
  for (const auto& a : authentications) {
    visitor.last_authenticated_at = std::max(visitor.last_authenticated_at, a.created_at);
  }
  visitor.session = std::move(session);
  visitor.user = std::move(user);
  return visitor;
}

void save_cookie(const WebContext& ctx, httplib::Response& res, const Visitor& visitor) {
  if (visitor.cookie_changed) {
    res.set_header("Set-Cookie", ctx.cookies.set_cookie_header(visitor.cookie));
  }
}

bool csrf_ok(const WebContext& ctx, const httplib::Request& req, const Visitor& visitor) {
  return csrf_valid(visitor.cookie, req.get_param_value("csrf"), ctx.now_ms());
}

}  // namespace gatehouse::web

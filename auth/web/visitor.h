// The browser behind a human-page request: its session cookie (a fresh one
// when it sent none or a bad one) and, when the cookie names a live
// `user_sessions` row of an active user, that session, the user, and when
// they last proved who they are (for prompt=login, max_age and auth_time).
// Thread safety: plain data and functions over the caller's Transaction.
#pragma once

#include <cstdint>
#include <optional>

#include <httplib.h>

#include "auth/web/web_context.h"
#include "shared/storage/database.h"
#include "shared/storage/model/browser_session.h"
#include "shared/storage/model/user.h"

namespace gatehouse::web {

struct Visitor {
  SessionCookie cookie;
  bool cookie_changed = false;  // Set-Cookie must be sent
  std::optional<storage::BrowserSession> session;
  std::optional<storage::User> user;
  std::int64_t last_authenticated_at = 0;  // ms; 0 without a session

  bool signed_in() const { return session && user; }
};

// Reads the cookie and the session it names. A finished session, a locked
// or deactivated user, or a missing row leaves the visitor signed out (and
// the cookie is rewritten without the session id). Always gives the cookie
// a usable CSRF secret.
Result<Visitor> load_visitor(const WebContext& ctx, const httplib::Request& req,
                             storage::Transaction& tx);

// Sends Set-Cookie when the visitor's cookie changed.
void save_cookie(const WebContext& ctx, httplib::Response& res, const Visitor& visitor);

// Reads the submitted `csrf` field and checks it against the cookie.
bool csrf_ok(const WebContext& ctx, const httplib::Request& req, const Visitor& visitor);

}  // namespace gatehouse::web

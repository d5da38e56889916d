// Ending the visitor's browser session, shared by POST /logout and
// RP-initiated logout (GET /oauth2/logout).
#pragma once

#include "auth/web/visitor.h"

namespace gatehouse::web {

// Forgets the session in the cookie (the caller sends it with save_cookie)
// and ends the `user_sessions` row. Nothing to do when signed out. Does not
// commit.
Status sign_out(const WebContext& ctx, storage::Transaction& tx, Visitor& visitor);

// The sign-in page saying the visitor has been signed out.
LoginPage signed_out_page(const WebContext& ctx, const Visitor& visitor);

}  // namespace gatehouse::web

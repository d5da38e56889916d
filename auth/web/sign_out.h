// Ending the visitor's browser session, shared by POST /logout and
// RP-initiated logout (GET /oauth2/logout).
#pragma once

#include "auth/sessions/ended_sessions.h"
#include "auth/web/visitor.h"

namespace gatehouse::web {

// Forgets the session in the cookie (the caller sends it with save_cookie)
// and ends the `user_sessions` row, with the OAuth 2.0 sessions started from
// it (noted in `ended`: the caller announces them after its commit, so their
// tokens fail at the homeserver at once). Nothing to do when signed out.
// Does not commit.
Status sign_out(const WebContext& ctx, storage::Transaction& tx, Visitor& visitor,
                auth::sessions::EndedSessions& ended);

// After the commit: tells the homeserver about `ended`.
void announce_signed_out(const WebContext& ctx, const auth::sessions::EndedSessions& ended);

// The sign-in page saying the visitor has been signed out.
LoginPage signed_out_page(const WebContext& ctx, const Visitor& visitor);

}  // namespace gatehouse::web

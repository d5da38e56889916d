// Signing a browser in once its user was proven (password login, upstream
// provider) or just created (registration): the browser session and its authentication record.
// Thread safety: over the caller's Transaction; does not commit.
#pragma once

#include <httplib.h>

#include "auth/web/visitor.h"
#include "auth/web/web_context.h"
#include "shared/storage/model/browser_session.h"
#include "shared/storage/model/user.h"

namespace gatehouse::web {

// Signs the visitor in as `user`: reuses the browser session when it is the
// same user's (a re-authentication, for prompt=login and max_age), else
// starts a new one (visitor.cookie_changed: the caller sends the cookie).
// Records an authentication by `method` now.
Status sign_in(const WebContext& ctx, storage::Transaction& tx, Visitor& visitor,
               const storage::User& user, const httplib::Request& req,
               storage::AuthenticationMethod method = storage::AuthenticationMethod::kPassword);

}  // namespace gatehouse::web

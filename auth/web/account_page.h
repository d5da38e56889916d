// The account page's parts (account.cc dispatches GET and POST /account/):
// building and rendering the page (account_page.cc), and the forms that
// need the user's current password (account_password.cc).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <httplib.h>

#include "auth/web/account_action.h"
#include "auth/web/visitor.h"
#include "auth/web/web_context.h"
#include "shared/storage/database.h"

namespace gatehouse::web {

// The page for `action` as `visitor` (signed in) sees it now, with `notice`;
// `status` and `error` when it answers a form that failed.
void render_account(const WebContext& ctx, httplib::Response& res, storage::Transaction& tx,
                    const Visitor& visitor, const AccountAction& action, std::string notice,
                    int status = 200, std::string error = {});

// account.email_change_allowed: addresses can be added (with a mailed code)
// and removed (account_email.cc).
bool email_change_enabled(const WebContext& ctx);

// POST op=add_email and op=remove_email, in the caller's write transaction;
// and GET|POST /account/email/{id}, the code sent to an address being added.
void add_email(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
               storage::Transaction& tx, const Visitor& visitor);
void remove_email(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                  storage::Transaction& tx, const Visitor& visitor);

// passwords.enabled and account.password_change_allowed.
bool password_change_enabled(const WebContext& ctx);

// Whether a user may unlink one of `link_count` upstream accounts: not the
// last one when they have no password (they could not sign in any more).
bool can_unlink(bool has_password, std::size_t link_count);

// The notice after a POST's redirect (`?done=`), "" for none.
std::string account_notice(std::string_view done);

// POST op=change_password and op=deactivate. Called with no transaction
// open: their password hashes hold up no writer.
void change_password(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                     const Visitor& visitor);
void deactivate_account(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                        Visitor visitor);

}  // namespace gatehouse::web

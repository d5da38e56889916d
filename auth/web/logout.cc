// POST /logout: ends the browser session and shows the sign-in page.
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/sign_out.h"

namespace gatehouse::web {

void handle_logout(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "logout: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "logout: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  // Without this check any site could sign the user out (a nuisance, and a
  // step of login-CSRF attacks).
  if (!csrf_ok(ctx, req, *visitor)) {
    return error_page(ctx, res, 400, "This form has expired", "Reload the page and try again.");
  }
  auth::sessions::EndedSessions ended_sessions;
  if (auto ended = sign_out(ctx, **tx, *visitor, ended_sessions); !ended) {
    return internal_error_page(ctx, res, "logout", ended.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "logout: commit", committed.error());
  }
  announce_signed_out(ctx, ended_sessions);
  save_cookie(ctx, res, *visitor);
  write_html(res, 200, ctx.templates.render(signed_out_page(ctx, *visitor)));
}

}  // namespace gatehouse::web

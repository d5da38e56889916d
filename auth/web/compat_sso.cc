// GET|POST /complete-compat-sso/{id}: the legacy m.login.sso confirmation
// (MAS: compat/login_sso_complete.rs). Not signed in: to the login form,
// which comes back here. Signed in: a page naming the host the login token
// will be sent to; on POST (CSRF checked) the handshake is fulfilled and the
// browser goes to the client's redirectUrl with `loginToken` (auth/compat/
// compat_sso.h). A handshake already used, or older than its lifetime, is
// an error page.
#include "auth/compat/compat_sso.h"
#include "auth/web/continuation.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "shared/storage/compat_sso_login_repository.h"

namespace gatehouse::web {
namespace {

// How long the user has to sign in and confirm.
constexpr std::int64_t kPendingSsoLoginMs = 15 * 60 * 1000;

}  // namespace

void handle_compat_sso(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                       std::string_view id) {
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "compat sso: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "compat sso: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  const bool is_post = req.method == "POST";
  if (is_post && !csrf_ok(ctx, req, *visitor)) {
    return error_page(ctx, res, 400, "This form has expired",
                      "Go back to the application and start signing in again.");
  }
  auto found = storage::compat_sso_logins::find(**tx, id);
  if (!found) return internal_error_page(ctx, res, "compat sso: find", found.error());
  if (!*found || (*found)->fulfilled_at || ctx.now_ms() - (*found)->created_at > kPendingSsoLoginMs) {
    return error_page(ctx, res, 400, "This sign-in is no longer valid",
                      "It was already used or has expired. Go back to the application and start "
                      "signing in again.");
  }
  const auto& login = **found;
  if (!visitor->signed_in()) {
    return redirect_to(res, ctx.url(login_path({Continuation::Kind::kCompatSsoLogin, login.id})));
  }
  if (!is_post) {
    CompatSsoPage page{ctx.url("complete-compat-sso/" + login.id), ctx.url("logout"),
                       visitor->cookie.csrf_secret, auth::compat::redirect_host(login.redirect_uri),
                       visitor->user->username};
    return write_html(res, 200, ctx.templates.render(page));
  }
  auto location = auth::compat::fulfill_sso_login(**tx, login, visitor->user->id, ctx.now_ms());
  if (!location) return internal_error_page(ctx, res, "compat sso: fulfil", location.error());
  if (!*location) {
    return error_page(ctx, res, 400, "This sign-in is no longer valid",
                      "It was already used. Go back to the application and start signing in again.");
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "compat sso: commit", committed.error());
  }
  res.status = 302;
  res.set_header("Location", **location);
}

}  // namespace gatehouse::web

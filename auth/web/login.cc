// GET|POST /login: the password form, and a button per upstream provider
// (straight to the only provider when passwords are disabled). A successful sign-in creates the
// browser session (or adds an authentication to the current one, for
// prompt=login and max_age), sets the cookie and continues the pending
// grant. Failures are told apart only as far as password_login allows:
// wrong username and wrong password read the same.
#include <spdlog/spdlog.h>

#include "auth/accounts/password_login.h"
#include "auth/web/continuation.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/sign_in.h"
#include "auth/web/upstream_pages.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::web {
namespace {

struct LoginFailureText {
  int status;
  std::string message;
};

LoginFailureText describe(const accounts::PasswordLoginResult& result) {
  using accounts::LoginFailure;
  switch (*result.failure) {
    case LoginFailure::kBadCredentials:
      return {401, "Wrong username or password."};
    case LoginFailure::kLocked:
      return {403, "This account is locked. Contact the server administrator."};
    case LoginFailure::kDeactivated:
      return {403, "This account has been deactivated."};
    case LoginFailure::kRateLimited: {
      const auto seconds = (result.retry_after.count() + 999) / 1000;
      return {429, "Too many attempts. Try again in " + std::to_string(seconds) + " seconds."};
    }
    case LoginFailure::kPasswordsDisabled:
      return {403, "Password sign-in is disabled on this server."};
  }
  return {400, "Sign-in failed."};
}

// The login page for `next`, with the client's name when it continues a grant.
Result<LoginPage> login_base_page(const WebContext& ctx, storage::Transaction& tx, const Visitor& visitor,
                            const Continuation& next) {
  LoginPage page;
  std::string query = continuation_query(next);
  page.action = ctx.url(query.empty() ? "login" : "login?" + query);
  page.logout_action = ctx.url("logout");
  page.csrf = visitor.cookie.csrf_secret;
  page.passwords_enabled = ctx.app.config.passwords.enabled;
  if (ctx.app.config.account.password_registration_enabled) {
    page.register_url = ctx.url(query.empty() ? "register" : "register?" + query);
  }
  page.providers = upstream_buttons(ctx, next);
  page.recover_url = recover_url(ctx);
  if (visitor.signed_in()) {
    page.signed_in_as = visitor.user->username;
    page.account_url = ctx.url("account/");
  }
  if (next.kind == Continuation::Kind::kAuthorizationGrant) {
    GH_TRY(auto grant, storage::oauth2_authorization_grants::find(tx, next.id));
    if (grant) {
      page.username = grant->login_hint.value_or("");
      GH_TRY(auto client, storage::oauth2_clients::find(tx, grant->client_id));
      if (client) page.client_name = client->client_name.value_or(client->id);
    }
  }
  return page;
}

}  // namespace

void handle_login_page(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto tx = ctx.app.db->begin(storage::TxMode::kRead);
  if (!tx) return internal_error_page(ctx, res, "login: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "login: visitor", visitor.error());
  auto page = login_base_page(ctx, **tx, *visitor, parse_continuation(req));
  if (!page) return internal_error_page(ctx, res, "login: page", page.error());
  // No password sign-in and one provider: nothing to choose (as MAS does).
  if (!page->passwords_enabled && page->providers.size() == 1 && !visitor->signed_in()) {
    save_cookie(ctx, res, *visitor);
    return redirect_to(res, page->providers.front().url);
  }
  if (req.has_param("login_hint")) page->username = req.get_param_value("login_hint");
  save_cookie(ctx, res, *visitor);
  write_html(res, 200, ctx.templates.render(*page));
}

void handle_login_submit(const WebContext& ctx, const httplib::Request& req,
                         httplib::Response& res) {
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "login: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "login: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  const auto next = parse_continuation(req);
  auto page = login_base_page(ctx, **tx, *visitor, next);
  if (!page) return internal_error_page(ctx, res, "login: page", page.error());
  const auto username = req.get_param_value("username");
  page->username = username;
  if (!csrf_ok(ctx, req, *visitor)) {
    page->error = "This form had expired. Please try again.";
    return write_html(res, 400, ctx.templates.render(*page));
  }

  const auto ip = ctx.client_ip(req);
  const auto password = req.get_param_value("password");
  const accounts::PasswordLoginDeps deps{ctx.passwords, *ctx.login_limits, *ctx.app.clock,
                                         ctx.app.config.matrix.homeserver};
  auto result = accounts::authenticate_password(**tx, deps, {username, password, ip, "web"});
  if (!result) return internal_error_page(ctx, res, "login: password check", result.error());
  if (!result->ok()) {
    // The rehash of a right password is worth keeping even when the account
    // is locked; nothing else was written.
    if (auto committed = (*tx)->commit(); !committed) {
      spdlog::warn("web: login: commit after a failed login: {}", committed.error().describe());
    }
    const auto failure = describe(*result);
    page->error = failure.message;
    if (result->failure == accounts::LoginFailure::kRateLimited) {
      set_retry_after(res, result->retry_after);
    }
    return write_html(res, failure.status, ctx.templates.render(*page));
  }
  if (auto signed_in = sign_in(ctx, **tx, *visitor, *result->user, req); !signed_in) {
    return internal_error_page(ctx, res, "login: session", signed_in.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "login: commit", committed.error());
  }
  save_cookie(ctx, res, *visitor);
  redirect_to(res, ctx.url(continuation_path(next)));
}

}  // namespace gatehouse::web

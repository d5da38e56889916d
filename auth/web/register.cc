// GET|POST /register: password registration (prompt=create, or the link on
// the login page) when `account.password_registration_enabled`. A valid form
// creates the account through the account service (which schedules its
// provisioning on the homeserver, and provision_now does it at once), signs
// the browser in and continues the pending grant as a login would. With
// account.password_registration_email_required the form also asks for an
// email address, and the account waits for the code mailed there
// (registration_code.h, register_verify.cc). Errors are shown on the form
// with what was typed kept (never the passwords).
//
// The slow or remote steps (hashing the password, asking the homeserver
// whether the localpart is free) run between two transactions, so no
// database lock is held while they wait.
#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/web/continuation.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/provision_now.h"
#include "auth/web/registration_code.h"
#include "auth/web/registration_form.h"
#include "auth/web/sign_in.h"
#include "auth/web/username_availability.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/registration_token_repository.h"

namespace gatehouse::web {
namespace {

bool registration_open(const WebContext& ctx) {
  return ctx.app.config.account.password_registration_enabled && ctx.app.config.passwords.enabled;
}

// The page for `next`, with the client's name when it continues a grant.
Result<RegisterPage> register_base_page(const WebContext& ctx, storage::Transaction& tx,
                               const Visitor& visitor, const Continuation& next) {
  RegisterPage page;
  const std::string query = continuation_query(next);
  page.action = ctx.url(query.empty() ? "register" : "register?" + query);
  page.login_url = ctx.url(login_path(next));
  page.csrf = visitor.cookie.csrf_secret;
  page.token_required = ctx.app.config.account.password_registration_token_required;
  page.email_required = ctx.app.config.account.password_registration_email_required;
  if (next.kind == Continuation::Kind::kAuthorizationGrant) {
    GH_TRY(auto grant, storage::oauth2_authorization_grants::find(tx, next.id));
    if (grant) {
      GH_TRY(auto client, storage::oauth2_clients::find(tx, grant->client_id));
      if (client) page.client_name = client->client_name.value_or(client->id);
    }
  }
  return page;
}

void show_closed(const WebContext& ctx, httplib::Response& res) {
  error_page(ctx, res, 404, "Registration is closed",
             "This server does not let people create accounts themselves. Ask its administrator.");
}

}  // namespace

void handle_register(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!registration_open(ctx)) return show_closed(ctx, res);
  const auto next = parse_continuation(req);
  auto read = ctx.app.db->begin(storage::TxMode::kRead);
  if (!read) return internal_error_page(ctx, res, "register: begin", read.error());
  auto visitor = load_visitor(ctx, req, **read);
  if (!visitor) return internal_error_page(ctx, res, "register: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  auto page = register_base_page(ctx, **read, *visitor, next);
  if (!page) return internal_error_page(ctx, res, "register: page", page.error());
  if (req.method != "POST") return write_html(res, 200, ctx.templates.render(*page));

  const RegistrationForm form{req.get_param_value("username"), req.get_param_value("password"),
                              req.get_param_value("password_confirm"),
                              req.get_param_value("token")};
  page->username = form.username;
  page->token = form.token;
  page->email = req.get_param_value("email");
  auto refuse = [&](int status, std::string message) {
    page->error = std::move(message);
    write_html(res, status, ctx.templates.render(*page));
  };
  if (!csrf_ok(ctx, req, *visitor)) return refuse(400, "This form had expired. Please try again.");
  // MAS counts every submission, valid or not, against the client's address.
  if (auto limit = ctx.registration_limits->check(ctx.client_ip(req)); !limit.allowed) {
    const auto seconds = set_retry_after(res, limit.retry_after);
    return refuse(429, "Too many registrations from your address. Try again in " +
                           std::to_string(seconds) + " seconds.");
  }
  const RegistrationRules rules{ctx.app.config.matrix.homeserver,
                                ctx.app.config.passwords.minimum_complexity,
                                page->token_required};
  if (auto problem = check_registration_form(form, rules)) return refuse(400, *problem);
  auto local = check_username_free(**read, form.username);
  if (!local) return internal_error_page(ctx, res, "register: availability", local.error());
  if (local->problem) return refuse(409, *local->problem);
  std::string email;
  if (page->email_required) {
    auto checked = check_new_email(**read, page->email);
    if (!checked) return internal_error_page(ctx, res, "register: email", checked.error());
    if (checked->problem) return refuse(checked->status, *checked->problem);
    email = checked->address;
  }
  (void)(*read)->commit();

  const auto remote = ask_homeserver_free(ctx, form.username);
  if (remote.problem) return refuse(remote.checked ? 409 : 503, *remote.problem);
  auto hashed = ctx.passwords.hash(form.password);
  if (!hashed) return internal_error_page(ctx, res, "register: hash", hashed.error());

  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "register: begin write", tx.error());
  if (page->email_required) {
    // The account waits for the code mailed to the address (register_verify.cc).
    auto id = start_registration(ctx, **tx, {form.username, email, *hashed, form.token, next});
    if (!id) return internal_error_page(ctx, res, "register: start", id.error());
    if (auto committed = (*tx)->commit(); !committed) {
      return internal_error_page(ctx, res, "register: commit", committed.error());
    }
    visitor->cookie.registration_id = *id;
    visitor->cookie_changed = true;
    save_cookie(ctx, res, *visitor);
    return redirect_to(res, ctx.url("register/verify"));
  }
  const auto now = ctx.now_ms();
  if (page->token_required) {
    // use() counts the registration only while the token is usable, so two
    // sign-ups racing for its last use cannot both pass.
    auto token = storage::registration_tokens::find_by_token(**tx, form.token);
    if (!token) return internal_error_page(ctx, res, "register: token", token.error());
    Result<bool> used = false;
    if (*token) used = storage::registration_tokens::use(**tx, (*token)->id, now);
    if (!used) return internal_error_page(ctx, res, "register: use token", used.error());
    if (!*used) return refuse(403, "This registration token is not valid (unknown, used up, or expired).");
  }
  accounts::NewUser request;
  request.username = form.username;
  request.password = std::move(*hashed);
  auto user = accounts::register_user(**tx, *ctx.app.clock, ctx.app.config.matrix.homeserver, request);
  if (!user) {
    // A concurrent sign-up took the name after the check above.
    if (user.error().code == ErrorCode::kConflict) return refuse(409, "This username is already taken.");
    if (user.error().code == ErrorCode::kInvalidInput) return refuse(400, user.error().message);
    return internal_error_page(ctx, res, "register: create", user.error());
  }
  if (auto signed_in = sign_in(ctx, **tx, *visitor, *user, req); !signed_in) {
    return internal_error_page(ctx, res, "register: session", signed_in.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "register: commit", committed.error());
  }
  spdlog::info("web: registered user {} ({})", user->username, user->id);
  provision_now(ctx, *user, std::nullopt);
  save_cookie(ctx, res, *visitor);
  redirect_to(res, ctx.url(continuation_path(next)));
}

}  // namespace gatehouse::web

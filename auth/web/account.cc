// GET /account: redirects to /account/, as MAS does.
// GET|POST /account/: the account page, the discovery document's
// account_management_uri (MSC4191). It shows the user's profile and their
// signed-in sessions (OAuth 2.0 and compat), each with a button that signs
// it out: the session's tokens stop working at the homeserver at once and
// its device is deleted there, which is how a user removes a device with
// Gatehouse (as with MAS). `?action=` picks what is shown (account_action.h);
// org.matrix.cross_signing_reset offers to let the user's app reset their
// cross-signing keys (the homeserver's allow_cross_signing_reset). A user
// with a password can change it here (account.password_change_allowed).
// A visitor who is not signed in is sent to the login page, and comes back
// here with the same action afterwards.
#include <ctime>

#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/accounts/password_login.h"
#include "auth/sessions/account_sessions.h"
#include "auth/web/account_action.h"
#include "auth/web/continuation.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/registration_form.h"
#include "shared/storage/user_password_repository.h"

namespace gatehouse::web {
namespace {

namespace sessions = gatehouse::auth::sessions;

// "2026-11-24 09:00 UTC".
std::string utc_minute(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
  return text;
}

AccountSessionRow row_of(const sessions::AccountSession& s) {
  AccountSessionRow row;
  row.kind = sessions::kind_name(s.kind);
  row.id = s.id;
  row.name = s.client_name.value_or(s.kind == sessions::SessionKind::kCompat ? "Matrix client"
                                                                             : "Application");
  row.device_id = s.device_id.value_or("");
  row.created = utc_minute(s.created_at);
  if (s.last_active_at) row.last_active = utc_minute(*s.last_active_at);
  row.last_ip = s.last_active_ip.value_or("");
  return row;
}

// What a POST did, shown after its redirect (`?done=`).
std::string notice_for(std::string_view done) {
  if (done == "session_ended") return "The session was signed out.";
  if (done == "password_changed") return "Your password was changed.";
  if (done == "cross_signing_reset") {
    return "Your app may now reset your identity. Finish the reset there within 10 minutes.";
  }
  return {};
}

bool password_change_enabled(const WebContext& ctx) {
  return ctx.app.config.passwords.enabled && ctx.app.config.account.password_change_allowed;
}

AccountPage account_page(const WebContext& ctx, const Visitor& visitor,
                         const AccountAction& action,
                         const std::vector<sessions::AccountSession>& live) {
  AccountPage page;
  page.action = ctx.url("account/");
  page.logout_action = ctx.url("logout");
  page.csrf = visitor.cookie.csrf_secret;
  page.username = visitor.user->username;
  page.matrix_id = "@" + visitor.user->username + ":" + ctx.app.config.matrix.homeserver;
  page.sessions_title = "Signed-in sessions";
  for (const auto& s : live) page.sessions.push_back(row_of(s));
  switch (action.view) {
    case AccountView::kOverview:
      break;
    case AccountView::kProfile:
      page.show_sessions = false;
      break;
    case AccountView::kSessions:
      page.show_profile = false;
      break;
    case AccountView::kCrossSigningReset:
      page.show_profile = page.show_sessions = false;
      page.show_cross_signing_reset = true;
      break;
    case AccountView::kSessionView:
    case AccountView::kSessionEnd: {
      page.show_profile = false;
      std::vector<AccountSessionRow> of_device;
      for (auto& row : page.sessions) {
        if (row.device_id == action.device_id) of_device.push_back(std::move(row));
      }
      page.sessions = std::move(of_device);
      page.all_sessions_url = ctx.url(account_path({AccountView::kSessions, ""}));
      if (page.sessions.empty()) {
        page.error = "None of your signed-in sessions uses the device " + action.device_id +
                     ". It may have been signed out already.";
      } else if (action.view == AccountView::kSessionEnd) {
        page.sessions_title = "Sign out this device?";
      } else {
        page.sessions_title = "Device " + action.device_id;
      }
      break;
    }
  }
  return page;
}

// The page for `action` as `visitor` sees it now; `status` and `error` when
// it answers a form that failed.
void render_account(const WebContext& ctx, httplib::Response& res, storage::Transaction& tx,
                    const Visitor& visitor, const AccountAction& action, std::string notice,
                    int status = 200, std::string error = {}) {
  auto live = sessions::list_account_sessions(tx, visitor.user->id);
  if (!live) return internal_error_page(ctx, res, "account: sessions", live.error());
  auto page = account_page(ctx, visitor, action, *live);
  if (page.show_profile && password_change_enabled(ctx)) {
    auto password = storage::user_passwords::find_current(tx, visitor.user->id);
    if (!password) return internal_error_page(ctx, res, "account: password", password.error());
    page.show_password_change = password->has_value();
  }
  page.notice = std::move(notice);
  if (!error.empty()) page.error = std::move(error);
  write_html(res, status, ctx.templates.render(page));
}

void end_session(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                 storage::Transaction& tx, const Visitor& visitor) {
  const auto kind = sessions::parse_kind(req.get_param_value("kind"));
  sessions::EndedSessions ended;
  Result<bool> found = false;
  if (kind) {
    found = sessions::end_account_session(tx, visitor.user->id, *kind,
                                          req.get_param_value("session"), ctx.now_ms(), ended);
  }
  if (!found) return internal_error_page(ctx, res, "account: end session", found.error());
  if (!*found) {
    return error_page(ctx, res, 404, "No such session",
                      "It is not one of your signed-in sessions, or it was signed out already.");
  }
  if (auto committed = tx.commit(); !committed) {
    return internal_error_page(ctx, res, "account: commit", committed.error());
  }
  ended.announce(ctx.app.homeserver.get(), *ctx.app.db, *ctx.app.clock);
  redirect_to(res, ctx.url("account/?done=session_ended"));
}

// Called with no transaction open: nothing waits on the homeserver.
void allow_cross_signing_reset(const WebContext& ctx, httplib::Response& res,
                               const std::string& localpart) {
  if (!ctx.app.homeserver) {
    return error_page(ctx, res, 503, "No homeserver",
                      "This server has no homeserver configured, so there is no identity to reset.");
  }
  if (auto allowed = ctx.app.homeserver->allow_cross_signing_reset(localpart); !allowed) {
    spdlog::warn("web: account: allow_cross_signing_reset for {}: {}", localpart,
                 allowed.error().describe());
    return error_page(ctx, res, 503, "The homeserver did not answer",
                      "Nothing was changed. Please try again in a moment.");
  }
  redirect_to(res, ctx.url("account/?done=cross_signing_reset"));
}

// Called with no transaction open: the two password hashes (checking the
// current one, hashing the new one) hold up no writer.
void change_password(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                     const Visitor& visitor) {
  auto failed = [&](int status, std::string error) {
    auto tx = ctx.app.db->begin(storage::TxMode::kRead);
    if (!tx) return internal_error_page(ctx, res, "account: begin", tx.error());
    render_account(ctx, res, **tx, visitor, {}, "", status, std::move(error));
  };
  if (!password_change_enabled(ctx)) {
    return error_page(ctx, res, 403, "Passwords cannot be changed",
                      "This server does not let users change their password.");
  }
  const auto& user = *visitor.user;
  {
    auto tx = ctx.app.db->begin(storage::TxMode::kRead);
    if (!tx) return internal_error_page(ctx, res, "account: begin", tx.error());
    accounts::PasswordLoginDeps deps{ctx.passwords, *ctx.login_limits, *ctx.app.clock,
                                     ctx.app.config.matrix.homeserver};
    // A re-hash of the old password would be replaced at once: not kept.
    deps.defer_upgrade = true;
    auto checked = accounts::authenticate_password(
        **tx, deps, {user.username, req.get_param_value("current_password"), ctx.client_ip(req), "web"});
    if (!checked) return internal_error_page(ctx, res, "account: password check", checked.error());
    if (checked->failure == accounts::LoginFailure::kRateLimited) {
      res.set_header("Retry-After", std::to_string((checked->retry_after.count() + 999) / 1000));
      return failed(429, "Too many attempts. Please wait a while and try again.");
    }
    if (!checked->ok()) return failed(400, "Your current password is not right.");
  }
  if (auto bad = check_new_password(req.get_param_value("new_password"),
                                    req.get_param_value("new_password_confirm"), user.username,
                                    ctx.app.config.passwords.minimum_complexity)) {
    return failed(400, *bad);
  }
  auto hashed = ctx.passwords.hash(req.get_param_value("new_password"));
  if (!hashed) return internal_error_page(ctx, res, "account: hash", hashed.error());
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "account: begin", tx.error());
  if (auto set = accounts::set_password(**tx, *ctx.app.clock, user.id, *hashed); !set) {
    return internal_error_page(ctx, res, "account: set password", set.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "account: commit", committed.error());
  }
  spdlog::info("web: account: {} changed their password", user.username);
  redirect_to(res, ctx.url("account/?done=password_changed"));
}

}  // namespace

void handle_account_redirect(const WebContext& ctx, const httplib::Request&,
                             httplib::Response& res) {
  redirect_to(res, ctx.url("account/"));
}

void handle_account(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const bool is_post = req.method == "POST";
  auto tx = ctx.app.db->begin(is_post ? storage::TxMode::kWrite : storage::TxMode::kRead);
  if (!tx) return internal_error_page(ctx, res, "account: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "account: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  const auto action =
      parse_account_action(req.get_param_value("action"), req.get_param_value("device_id"));
  if (!visitor->signed_in()) {
    return redirect_to(res, ctx.url(login_path({Continuation::Kind::kManageAccount, "", action})));
  }
  if (is_post) {
    if (!csrf_ok(ctx, req, *visitor)) {
      return error_page(ctx, res, 400, "This form has expired", "Reload the page and try again.");
    }
    const auto op = req.get_param_value("op");
    if (op == "end_session") return end_session(ctx, req, res, **tx, *visitor);
    if (op == "change_password") {
      const Visitor signed_in = *visitor;
      tx->reset();
      return change_password(ctx, req, res, signed_in);
    }
    if (op == "allow_cross_signing_reset") {
      const auto localpart = visitor->user->username;
      tx->reset();
      return allow_cross_signing_reset(ctx, res, localpart);
    }
    return error_page(ctx, res, 400, "Unknown request", "Reload the page and try again.");
  }
  render_account(ctx, res, **tx, *visitor, action, notice_for(req.get_param_value("done")));
}

}  // namespace gatehouse::web

// The account page's forms that need the user's current password: changing
// it (account.password_change_allowed) and deactivating the account
// (account.account_deactivation_allowed). Both run outside any transaction
// while they hash, check the password as a login does (the same rate limits
// and failed-login log line), and answer a mistake on the page itself.
#include <optional>

#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/accounts/password_login.h"
#include "auth/sessions/account_status.h"
#include "auth/web/account_page.h"
#include "auth/web/html_page.h"
#include "auth/web/registration_form.h"
#include "auth/web/sign_out.h"
#include "shared/storage/user_password_repository.h"

namespace gatehouse::web {
namespace {

// A form the page answers again, with what was wrong.
struct FormMistake {
  int status = 400;
  std::string message;
};

// The account page with `mistake` shown on it.
void answer_mistake(const WebContext& ctx, httplib::Response& res, const Visitor& visitor,
                    const FormMistake& mistake) {
  auto tx = ctx.app.db->begin(storage::TxMode::kRead);
  if (!tx) return internal_error_page(ctx, res, "account: begin", tx.error());
  render_account(ctx, res, **tx, visitor, {}, "", mistake.status, mistake.message);
}

// Checks `typed` as the user's current password; nullopt when right.
Result<std::optional<FormMistake>> check_current_password(const WebContext& ctx,
                                                          const httplib::Request& req,
                                                          httplib::Response& res,
                                                          const storage::User& user,
                                                          std::string_view typed) {
  GH_TRY(auto tx, ctx.app.db->begin(storage::TxMode::kRead));
  accounts::PasswordLoginDeps deps{ctx.passwords, *ctx.login_limits, *ctx.app.clock,
                                   ctx.app.config.matrix.homeserver};
  // A re-hash under a newer scheme is not worth a write here: the next
  // login stores it.
  deps.defer_upgrade = true;
  GH_TRY(auto checked,
         accounts::authenticate_password(*tx, deps, {user.username, typed, ctx.client_ip(req), "web"}));
  if (checked.failure == accounts::LoginFailure::kRateLimited) {
    set_retry_after(res, checked.retry_after);
    return FormMistake{429, "Too many attempts. Please wait a while and try again."};
  }
  if (!checked.ok()) return FormMistake{400, "Your current password is not right."};
  return std::nullopt;
}

}  // namespace

void change_password(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                     const Visitor& visitor) {
  if (!password_change_enabled(ctx)) {
    return error_page(ctx, res, 403, "Passwords cannot be changed",
                      "This server does not let users change their password.");
  }
  const auto& user = *visitor.user;
  auto wrong = check_current_password(ctx, req, res, user, req.get_param_value("current_password"));
  if (!wrong) return internal_error_page(ctx, res, "account: password check", wrong.error());
  if (*wrong) return answer_mistake(ctx, res, visitor, **wrong);
  if (auto bad = check_new_password(req.get_param_value("new_password"),
                                    req.get_param_value("new_password_confirm"), user.username,
                                    ctx.app.config.passwords.minimum_complexity)) {
    return answer_mistake(ctx, res, visitor, {400, *bad});
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

void deactivate_account(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                        Visitor visitor) {
  if (!ctx.app.config.account.account_deactivation_allowed) {
    return error_page(ctx, res, 403, "Accounts cannot be deactivated here",
                      "Ask the server's administrator to deactivate your account.");
  }
  const auto user = *visitor.user;
  const auto matrix_id = "@" + user.username + ":" + ctx.app.config.matrix.homeserver;
  if (req.get_param_value("confirm_matrix_id") != matrix_id) {
    return answer_mistake(ctx, res, visitor,
                          {400, "To deactivate your account, type your Matrix ID, " + matrix_id + "."});
  }
  {
    auto tx = ctx.app.db->begin(storage::TxMode::kRead);
    if (!tx) return internal_error_page(ctx, res, "account: begin", tx.error());
    auto password = storage::user_passwords::find_current(**tx, user.id);
    if (!password) return internal_error_page(ctx, res, "account: password", password.error());
    tx->reset();
    if (*password) {
      auto wrong = check_current_password(ctx, req, res, user, req.get_param_value("password"));
      if (!wrong) return internal_error_page(ctx, res, "account: password check", wrong.error());
      if (*wrong) return answer_mistake(ctx, res, visitor, **wrong);
    }
  }
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "account: begin", tx.error());
  auth::sessions::EndedSessions ended;
  auto finished = auth::sessions::deactivate_account(**tx, *ctx.app.clock, user, false, ended);
  if (!finished) return internal_error_page(ctx, res, "account: deactivate", finished.error());
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "account: commit", committed.error());
  }
  ended.announce(ctx.app.homeserver.get(), *ctx.app.db, *ctx.app.clock);
  spdlog::info("web: account: {} deactivated their account ({} sessions ended)", user.username,
               auth::sessions::describe(*finished));
  // Its browser session ended with the others; the cookie forgets it too.
  visitor.cookie.user_session_id.clear();
  visitor.cookie_changed = true;
  save_cookie(ctx, res, visitor);
  auto page = signed_out_page(ctx, visitor);
  page.notice = "Your account has been deactivated.";
  write_html(res, 200, ctx.templates.render(page));
}

}  // namespace gatehouse::web

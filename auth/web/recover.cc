// GET|POST /recover and GET|POST /recover/{token}: password recovery by
// email, when account.password_recovery_enabled (and passwords are on).
//  - /recover asks for an address. A confirmed address of an active user
//    gets a link, sent by a send-email job; the page answers the same
//    whether or not an account has that address (no enumeration), and
//    rate_limiting.account_recovery limits requests per IP and per address.
//  - /recover/{token} is the link: a new password (checked as registration
//    checks one), hashed outside any transaction, then the ticket is used
//    and the password set in one. The link works once, for 10 minutes.
// Signed-in sessions stay, as with MAS.
#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/jobs/job_kinds.h"
#include "auth/jobs/schedule.h"
#include "auth/web/continuation.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/registration_form.h"
#include "shared/crypto/random.h"
#include "shared/ids/token.h"
#include "shared/ids/ulid.h"
#include "shared/storage/recovery_ticket_repository.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::web {
namespace {

constexpr std::int64_t kTicketLifetimeMs = 10 * 60 * 1000;

RecoverPage base_page(const WebContext& ctx, const Visitor& visitor, std::string action) {
  RecoverPage page;
  page.action = ctx.url(action);
  page.csrf = visitor.cookie.csrf_secret;
  page.login_url = ctx.url("login");
  return page;
}

std::string recovery_text(const WebContext& ctx, const storage::User& user, const std::string& link) {
  return "Hello " + user.username + ",\n\n"
         "Someone (we hope you) asked to reset the password of your account @" + user.username +
         ":" + ctx.app.config.matrix.homeserver + ".\n\n"
         "Choose a new password here (the link works once, for 10 minutes):\n" + link + "\n\n"
         "If it was not you, ignore this message: your password stays as it is.\n";
}

// Records a ticket and queues its email, when `address` is a confirmed
// address of an active user. Either way nothing tells the visitor which.
Status send_link(const WebContext& ctx, storage::Transaction& tx, const std::string& address) {
  GH_TRY(auto email, storage::user_emails::find_by_email(tx, address));
  if (!email || !email->confirmed_at) return ok();
  GH_TRY(auto user, storage::users::find(tx, email->user_id));
  if (!user || !user->active()) return ok();
  const std::string token = crypto::random_alnum(32);
  const auto now = ctx.now_ms();
  GH_TRY_STATUS(storage::recovery_tickets::add(
      tx, {ids::Ulid::generate(*ctx.app.clock).to_string(), user->id, email->id,
           ids::token_fingerprint(token), now, now + kTicketLifetimeMs, std::nullopt}));
  const std::string link = ctx.url("recover/" + token);
  GH_TRY_STATUS(auth::jobs::schedule_job(
      tx, *ctx.app.clock, auth::jobs::kSendEmail,
      {{"to", email->email},
       {"subject", "Reset your password on " + ctx.app.config.matrix.homeserver},
       {"text", recovery_text(ctx, *user, link)}}));
  spdlog::info("web: recovery link queued for user {}", user->id);
  return ok();
}

bool recovery_enabled(const WebContext& ctx) {
  return ctx.app.config.account.password_recovery_enabled && ctx.app.config.passwords.enabled;
}

void show_disabled(const WebContext& ctx, httplib::Response& res) {
  error_page(ctx, res, 404, "Password recovery is off",
             "This server does not reset passwords by email. Ask its administrator.");
}

}  // namespace

std::string recover_url(const WebContext& ctx) {
  return recovery_enabled(ctx) ? ctx.url("recover") : std::string();
}

void handle_recover(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!recovery_enabled(ctx)) return show_disabled(ctx, res);
  const bool post = req.method == "POST";
  auto tx = ctx.app.db->begin(post ? storage::TxMode::kWrite : storage::TxMode::kRead);
  if (!tx) return internal_error_page(ctx, res, "recover: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "recover: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  auto page = base_page(ctx, *visitor, "recover");
  if (!post) return write_html(res, 200, ctx.templates.render(page));

  page.email = req.get_param_value("email");
  const auto refuse = [&](int status, std::string message) {
    page.error = std::move(message);
    write_html(res, status, ctx.templates.render(page));
  };
  if (!csrf_ok(ctx, req, *visitor)) return refuse(400, "This form had expired. Please try again.");
  // The per-address limit counts an address however it is typed.
  const std::string address = storage::user_emails::normalize(page.email);
  if (auto wait = over_limit(*ctx.recovery_limits_ip, ctx.client_ip(req),
                             *ctx.recovery_limits_address, address)) {
    const auto seconds = set_retry_after(res, *wait);
    return refuse(429, "Too many requests. Try again in " + std::to_string(seconds) + " seconds.");
  }
  if (auto sent = send_link(ctx, **tx, address); !sent) {
    return internal_error_page(ctx, res, "recover: send link", sent.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "recover: commit", committed.error());
  }
  page.step = RecoverPage::Step::kSent;
  write_html(res, 200, ctx.templates.render(page));
}

void handle_recover_link(const WebContext& ctx, const httplib::Request& req,
                         httplib::Response& res, std::string_view token) {
  if (!recovery_enabled(ctx)) return show_disabled(ctx, res);
  auto read = ctx.app.db->begin(storage::TxMode::kRead);
  if (!read) return internal_error_page(ctx, res, "recover: begin", read.error());
  auto visitor = load_visitor(ctx, req, **read);
  if (!visitor) return internal_error_page(ctx, res, "recover: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  const auto fingerprint = ids::token_fingerprint(token);
  auto ticket = storage::recovery_tickets::find_by_fingerprint(**read, fingerprint);
  if (!ticket) return internal_error_page(ctx, res, "recover: ticket", ticket.error());
  std::optional<storage::User> user;
  if (*ticket && (*ticket)->usable(ctx.now_ms())) {
    auto found = storage::users::find(**read, (*ticket)->user_id);
    if (!found) return internal_error_page(ctx, res, "recover: user", found.error());
    if (*found && (*found)->active()) user = **found;
  }
  (void)(*read)->commit();
  if (!user) {
    return error_page(ctx, res, 400, "This link does not work any more",
                      "It was used already, it is older than 10 minutes, or it is not whole. Ask "
                      "for a new one from the sign-in page.");
  }
  auto page = base_page(ctx, *visitor, "recover/" + std::string(token));
  page.step = RecoverPage::Step::kNewPassword;
  page.username = user->username;
  if (req.method != "POST") return write_html(res, 200, ctx.templates.render(page));

  const auto refuse = [&](int status, std::string message) {
    page.error = std::move(message);
    write_html(res, status, ctx.templates.render(page));
  };
  if (!csrf_ok(ctx, req, *visitor)) return refuse(400, "This form had expired. Please try again.");
  if (auto bad = check_new_password(req.get_param_value("new_password"),
                                    req.get_param_value("new_password_confirm"), user->username,
                                    ctx.app.config.passwords.minimum_complexity)) {
    return refuse(400, *bad);
  }
  auto hashed = ctx.passwords.hash(req.get_param_value("new_password"));
  if (!hashed) return internal_error_page(ctx, res, "recover: hash", hashed.error());
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "recover: begin write", tx.error());
  auto used = storage::recovery_tickets::consume(**tx, (*ticket)->id, ctx.now_ms());
  if (!used) return internal_error_page(ctx, res, "recover: consume", used.error());
  if (!*used) {
    return error_page(ctx, res, 400, "This link does not work any more",
                      "It was used already. Ask for a new one from the sign-in page.");
  }
  if (auto set = accounts::set_password(**tx, *ctx.app.clock, user->id, *hashed); !set) {
    return internal_error_page(ctx, res, "recover: set password", set.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "recover: commit", committed.error());
  }
  spdlog::info("web: user {} reset their password by email", user->id);
  page.step = RecoverPage::Step::kDone;
  write_html(res, 200, ctx.templates.render(page));
}

}  // namespace gatehouse::web

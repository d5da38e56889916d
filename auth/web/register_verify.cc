// GET|POST /register/verify: the email step of password registration. The
// browser's cookie names its pending registration (registration_code.h).
//  - action=verify with the mailed code: after at most kMaxCodeAttempts
//    wrong codes the registration has to start again. The right code
//    creates the account (its email address confirmed, the registration
//    token used now if one was asked), signs the browser in and continues
//    where the registration began.
//  - action=resend: a new code, rate_limiting.email_authentication
//    .emails_per_session per registration.
#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/provision_now.h"
#include "auth/web/registration_code.h"
#include "auth/web/sign_in.h"
#include "shared/storage/pending_registration_repository.h"
#include "shared/storage/registration_token_repository.h"

namespace gatehouse::web {
namespace {

// Creates the account of `r` and signs in; commits `tx`. The registration
// token, when one was asked, is used now (it may have run out meanwhile).
void create_account(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                    storage::Transaction& tx, Visitor& visitor,
                    const storage::PendingRegistration& r, EmailCodePage& page) {
  const auto refuse = [&](int status, std::string message) {
    page.error = std::move(message);
    write_html(res, status, ctx.templates.render(page));
  };
  const auto now = ctx.now_ms();
  auto completed =
      storage::email_code_rows::complete(tx, storage::pending_registrations::kTable, r.id, now);
  if (!completed) return internal_error_page(ctx, res, "register verify: complete", completed.error());
  if (!*completed) return refuse(400, "This registration has expired. Start again.");
  if (r.registration_token) {
    auto token = storage::registration_tokens::find_by_token(tx, *r.registration_token);
    if (!token) return internal_error_page(ctx, res, "register verify: token", token.error());
    Result<bool> used = false;
    if (*token) used = storage::registration_tokens::use(tx, (*token)->id, now);
    if (!used) return internal_error_page(ctx, res, "register verify: use token", used.error());
    if (!*used) return refuse(403, "The registration token is no longer valid. Start again with another.");
  }
  accounts::NewUser request;
  request.username = r.username;
  request.password = accounts::HashedPassword{r.password_version, r.hashed_password};
  request.emails = {r.email};
  auto user = accounts::register_user(tx, *ctx.app.clock, ctx.app.config.matrix.homeserver, request);
  if (!user) {
    if (user.error().code == ErrorCode::kConflict || user.error().code == ErrorCode::kInvalidInput) {
      return refuse(409, user.error().message + " Start again.");
    }
    return internal_error_page(ctx, res, "register verify: create", user.error());
  }
  if (auto signed_in = sign_in(ctx, tx, visitor, *user, req); !signed_in) {
    return internal_error_page(ctx, res, "register verify: session", signed_in.error());
  }
  if (auto committed = tx.commit(); !committed) {
    return internal_error_page(ctx, res, "register verify: commit", committed.error());
  }
  spdlog::info("web: registered user {} ({}) with a confirmed email", user->username, user->id);
  provision_now(ctx, *user, std::nullopt);
  visitor.cookie.registration_id.clear();
  visitor.cookie_changed = true;
  save_cookie(ctx, res, visitor);
  redirect_to(res, ctx.url(continuation_path(parse_continuation_query(r.continuation))));
}

}  // namespace

void handle_register_verify(const WebContext& ctx, const httplib::Request& req,
                            httplib::Response& res) {
  const bool post = req.method == "POST";
  auto tx = ctx.app.db->begin(post ? storage::TxMode::kWrite : storage::TxMode::kRead);
  if (!tx) return internal_error_page(ctx, res, "register verify: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "register verify: visitor", visitor.error());
  std::optional<storage::PendingRegistration> pending;
  if (!visitor->cookie.registration_id.empty()) {
    auto found = storage::pending_registrations::find(**tx, visitor->cookie.registration_id);
    if (!found) return internal_error_page(ctx, res, "register verify: find", found.error());
    if (*found && (*found)->open(ctx.now_ms())) pending = **found;
  }
  if (!pending) {
    return error_page(ctx, res, 400, "No registration waiting",
                      "This browser has no registration waiting for a code, or it expired. Start "
                      "again from the registration page.");
  }
  save_cookie(ctx, res, *visitor);
  EmailCodePage page{ctx.url("register/verify"), visitor->cookie.csrf_secret, pending->email,
                     std::string(kPurpose), "", "", ctx.url("register?" + pending->continuation)};
  if (!post) return write_html(res, 200, ctx.templates.render(page));

  const CodeRow row{storage::pending_registrations::kTable, pending->id, pending->email,
                    pending->code_fingerprint, kPurpose, "Start again from the registration page."};
  if (!answer_code_form(ctx, req, res, **tx, *visitor, row, page)) return;
  create_account(ctx, req, res, **tx, *visitor, *pending, page);
}

}  // namespace gatehouse::web

// The account page's email addresses (account.email_change_allowed):
//  - op=add_email: an address no account uses gets a mailed code
//    (email_code.h); the address is added, confirmed, when the code comes
//    back at /account/email/{id} (by the same user, within an hour and 10
//    tries). rate_limiting.email_authentication limits codes per IP and per
//    address being added.
//  - op=remove_email: removes one of the user's addresses.
// After each change the homeserver's copy follows (a provision-user job).
#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/web/account_page.h"
#include "auth/web/email_code.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "auth/web/username_availability.h"
#include "shared/ids/token.h"
#include "shared/ids/ulid.h"
#include "shared/storage/email_authentication_repository.h"
#include "shared/storage/user_email_repository.h"

namespace gatehouse::web {
namespace {

constexpr std::string_view kPurpose = "add this address to your account";

void refuse_on_account(const WebContext& ctx, httplib::Response& res, storage::Transaction& tx,
                       const Visitor& visitor, int status, std::string message) {
  render_account(ctx, res, tx, visitor, {}, "", status, std::move(message));
}

}  // namespace

void add_email(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
               storage::Transaction& tx, const Visitor& visitor) {
  if (!email_change_enabled(ctx)) {
    return error_page(ctx, res, 403, "Email addresses cannot be changed here",
                      "This server does not let users change their email addresses.");
  }
  auto checked = check_new_email(tx, req.get_param_value("email"));
  if (!checked) return internal_error_page(ctx, res, "account: email", checked.error());
  if (checked->problem && checked->status == 400) {
    return refuse_on_account(ctx, res, tx, visitor, 400, *checked->problem);
  }
  // Counted before saying whether the address is in use, as every request is.
  const std::string& email = checked->address;
  if (auto wait = over_limit(*ctx.email_limits_ip, ctx.client_ip(req), *ctx.email_limits_address,
                             email)) {
    const auto seconds = set_retry_after(res, *wait);
    return refuse_on_account(ctx, res, tx, visitor, 429,
                             "Too many codes asked. Try again in " + std::to_string(seconds) +
                                 " seconds.");
  }
  if (checked->problem) return refuse_on_account(ctx, res, tx, visitor, 409, *checked->problem);
  const auto now = ctx.now_ms();
  const std::string code = six_digit_code();
  storage::EmailAuthentication a;
  a.id = ids::Ulid::generate(*ctx.app.clock).to_string();
  a.user_id = visitor.user->id;
  a.email = email;
  a.code_fingerprint = ids::token_fingerprint(code);
  a.code_sent_at = now;
  a.created_at = now;
  a.expires_at = now + kCodeLifetimeMs;
  if (auto added = storage::email_authentications::add(tx, a); !added) {
    return internal_error_page(ctx, res, "account: add email authentication", added.error());
  }
  if (auto mailed = mail_code(ctx, tx, email, code, kPurpose); !mailed) {
    return internal_error_page(ctx, res, "account: mail code", mailed.error());
  }
  if (auto committed = tx.commit(); !committed) {
    return internal_error_page(ctx, res, "account: commit", committed.error());
  }
  redirect_to(res, ctx.url("account/email/" + a.id));
}

void remove_email(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                  storage::Transaction& tx, const Visitor& visitor) {
  if (!email_change_enabled(ctx)) {
    return error_page(ctx, res, 403, "Email addresses cannot be changed here",
                      "This server does not let users change their email addresses.");
  }
  auto email = storage::user_emails::find(tx, req.get_param_value("email_id"));
  if (!email) return internal_error_page(ctx, res, "account: email", email.error());
  if (!*email || (*email)->user_id != visitor.user->id) {
    return error_page(ctx, res, 404, "No such email address",
                      "It is not one of your addresses, or it was removed already.");
  }
  auto removed = storage::user_emails::remove(tx, (*email)->id);
  if (!removed) return internal_error_page(ctx, res, "account: remove email", removed.error());
  if (auto job = accounts::schedule_provisioning(tx, *ctx.app.clock, visitor.user->id); !job) {
    return internal_error_page(ctx, res, "account: provisioning", job.error());
  }
  if (auto committed = tx.commit(); !committed) {
    return internal_error_page(ctx, res, "account: commit", committed.error());
  }
  redirect_to(res, ctx.url("account/?done=email_removed"));
}

void handle_account_email(const WebContext& ctx, const httplib::Request& req,
                          httplib::Response& res, std::string_view id) {
  const bool post = req.method == "POST";
  auto tx = ctx.app.db->begin(post ? storage::TxMode::kWrite : storage::TxMode::kRead);
  if (!tx) return internal_error_page(ctx, res, "account email: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "account email: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  if (!visitor->signed_in()) {
    return redirect_to(res, ctx.url(login_path({Continuation::Kind::kManageAccount, "", {}})));
  }
  auto found = storage::email_authentications::find(**tx, id);
  if (!found) return internal_error_page(ctx, res, "account email: find", found.error());
  if (!*found || (*found)->user_id != visitor->user->id || !(*found)->open(ctx.now_ms())) {
    return error_page(ctx, res, 400, "Nothing waiting for a code",
                      "This address is not waiting for a code any more. Add it again from your "
                      "account page.");
  }
  const auto& a = **found;
  EmailCodePage page{ctx.url("account/email/" + a.id), visitor->cookie.csrf_secret, a.email,
                     std::string(kPurpose), "", "", ctx.url("account/")};
  if (!post) return write_html(res, 200, ctx.templates.render(page));

  using storage::email_authentications::kTable;
  const CodeRow row{kTable, a.id, a.email, a.code_fingerprint, kPurpose,
                    "Add the address again from your account page."};
  if (!answer_code_form(ctx, req, res, **tx, *visitor, row, page)) return;
  const auto refuse = [&](int status, std::string message) {
    page.error = std::move(message);
    write_html(res, status, ctx.templates.render(page));
  };
  auto completed = storage::email_code_rows::complete(**tx, kTable, a.id, ctx.now_ms());
  if (!completed) return internal_error_page(ctx, res, "account email: complete", completed.error());
  if (!*completed) return refuse(400, "This code has expired. Add the address again.");
  if (auto added = accounts::add_email(**tx, *ctx.app.clock, *visitor->user, a.email); !added) {
    if (added.error().code == ErrorCode::kConflict) return refuse(409, added.error().message);
    return internal_error_page(ctx, res, "account email: add", added.error());
  }
  if (auto job = accounts::schedule_provisioning(**tx, *ctx.app.clock, visitor->user->id); !job) {
    return internal_error_page(ctx, res, "account email: provisioning", job.error());
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return internal_error_page(ctx, res, "account email: commit", committed.error());
  }
  spdlog::info("web: user {} added an email address", visitor->user->id);
  redirect_to(res, ctx.url("account/?done=email_added"));
}

}  // namespace gatehouse::web

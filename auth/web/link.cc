// GET|POST /link: the user types the code their device shows (RFC 8628
// §3.3); a valid one leads to the device consent page, /device/{grant_id}.
// `?code=` pre-fills the form (verification_uri_complete, §3.3.1).
#include <cctype>

#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "shared/storage/oauth2_device_code_grant_repository.h"

namespace gatehouse::web {
namespace {

// User codes are stored upper-case; people type them in any case, and
// with the spaces or dashes they saw (RFC 8628 §6.1).
std::string normalize_user_code(std::string_view typed) {
  std::string code;
  for (unsigned char c : typed) {
    if (std::isalnum(c)) code += static_cast<char>(std::toupper(c));
  }
  return code;
}

}  // namespace

void handle_link(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto tx = ctx.app.db->begin(storage::TxMode::kRead);
  if (!tx) return internal_error_page(ctx, res, "link: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "link: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  LinkPage page;
  page.action = ctx.url("link");
  page.csrf = visitor->cookie.csrf_secret;
  page.code = req.get_param_value("code");
  if (req.method != "POST") return write_html(res, 200, ctx.templates.render(page));

  if (!csrf_ok(ctx, req, *visitor)) {
    page.error = "This form had expired. Please try again.";
    return write_html(res, 400, ctx.templates.render(page));
  }
  const auto code = normalize_user_code(page.code);
  auto grant = storage::oauth2_device_code_grants::find_by_user_code(**tx, code);
  if (!grant) return internal_error_page(ctx, res, "link: lookup", grant.error());
  if (code.empty() || !*grant || !(*grant)->is_pending() || (*grant)->is_expired(ctx.now_ms())) {
    page.error = "That code is unknown or has expired. Check the code on your device.";
    return write_html(res, 400, ctx.templates.render(page));
  }
  redirect_to(res, ctx.url("device/" + (*grant)->id));
}

}  // namespace gatehouse::web

// GET|POST /device/{grant_id}: approving or declining a device
// authorization (RFC 8628 §3.3) after the code was entered on /link. The
// user signs in first if needed; Allow starts the OAuth session the device
// then collects at the token endpoint, Deny rejects the grant.
#include "auth/oauth2/scope.h"
#include "auth/web/continuation.h"
#include "auth/web/grant_flow.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_device_code_grant_repository.h"

namespace gatehouse::web {
namespace {

namespace oauth2 = gatehouse::auth::oauth2;

void refuse_scope(const WebContext& ctx, httplib::Response& res, const oauth2::OAuthError& why) {
  error_page(ctx, res, 403, "Your account cannot grant this access",
             "This device asked for access your account cannot grant: " + why.description);
}

}  // namespace

void handle_device_consent(const WebContext& ctx, const httplib::Request& req,
                           httplib::Response& res, std::string_view grant_id) {
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "device: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "device: visitor", visitor.error());
  save_cookie(ctx, res, *visitor);
  auto found = storage::oauth2_device_code_grants::find(**tx, grant_id);
  if (!found) return internal_error_page(ctx, res, "device: grant", found.error());
  if (!*found || !(*found)->is_pending() || (*found)->is_expired(ctx.now_ms())) {
    return error_page(ctx, res, 400, "This code is no longer valid",
                      "It was already used or has expired. Start again on your device.");
  }
  const auto& grant = **found;
  if (!visitor->signed_in()) {
    const Continuation next{Continuation::Kind::kDeviceCodeGrant, grant.id};
    return redirect_to(res, ctx.url(login_path(next)));
  }
  auto client = storage::oauth2_clients::find(**tx, grant.client_id);
  if (!client) return internal_error_page(ctx, res, "device: client", client.error());
  if (!*client) {
    return error_page(ctx, res, 400, "Unknown application",
                      "The application of this request is no longer registered.");
  }
  const auto tokens = oauth2::parse_scope(grant.scope);
  LinkPage done;
  done.action = ctx.url("link");
  done.csrf = visitor->cookie.csrf_secret;

  // The admin scopes need can_request_admin of the user approving now (the
  // token endpoint checks again at the exchange): refused with a page, and
  // a POST also rejects the grant so the device stops polling.
  const auto bad_scope = oauth2::validate_scope(
      tokens, {oauth2::GrantType::kDeviceCode, visitor->user->can_request_admin});
  if (req.method == "POST") {
    if (!csrf_ok(ctx, req, *visitor)) {
      return error_page(ctx, res, 400, "This form has expired", "Reload the page and try again.");
    }
    const auto now = ctx.now_ms();
    const bool allow = req.get_param_value("action") == "allow";
    Result<bool> decided = false;
    if (allow && !bad_scope) {
      const RequestOrigin origin{ctx.client_ip(req), req.get_header_value("User-Agent")};
      auto session_id = start_user_session(ctx, **tx, grant.client_id, grant.scope, *visitor, origin);
      if (!session_id) return internal_error_page(ctx, res, "device: session", session_id.error());
      decided = storage::oauth2_device_code_grants::fulfill(**tx, grant.id, *session_id,
                                                            visitor->session->id, now);
    } else {
      decided = storage::oauth2_device_code_grants::reject(**tx, grant.id, visitor->session->id, now);
    }
    if (!decided) return internal_error_page(ctx, res, "device: decide", decided.error());
    if (auto committed = (*tx)->commit(); !committed) {
      return internal_error_page(ctx, res, "device: commit", committed.error());
    }
    if (bad_scope) return refuse_scope(ctx, res, *bad_scope);
    done.done = allow ? "Done. Your device is now signed in; you can close this page."
                      : "Request declined. Your device was not signed in.";
    return write_html(res, 200, ctx.templates.render(done));
  }
  if (bad_scope) return refuse_scope(ctx, res, *bad_scope);

  ConsentPage page;
  page.action = ctx.url("device/" + grant.id);
  page.logout_action = ctx.url("logout");
  page.csrf = visitor->cookie.csrf_secret;
  page.client_name = (*client)->client_name.value_or((*client)->id);
  page.username = visitor->user->username;
  page.scopes = describe_scopes(tokens);
  write_html(res, 200, ctx.templates.render(page));
}

}  // namespace gatehouse::web

// GET /account: redirects to /account/, as MAS does.
// GET /.well-known/change-password: the W3C well-known URL password managers
// open, redirected to the page's password form (404 when passwords cannot
// be changed here).
// GET|POST /account/: the account page, the discovery document's
// account_management_uri (MSC4191). It shows the user's profile and their
// signed-in sessions (OAuth 2.0 and compat), each with a button that signs
// it out: the session's tokens stop working at the homeserver at once and
// its device is deleted there, which is how a user removes a device with
// Gatehouse (as with MAS). `?action=` picks what is shown (account_action.h);
// org.matrix.cross_signing_reset offers to let the user's app reset their
// cross-signing keys (the homeserver's allow_cross_signing_reset). A user
// can set their display name (kept by the homeserver), change their password
// and deactivate their account here (account_password.cc), and link or
// unlink their accounts at upstream providers.
// A visitor who is not signed in is sent to the login page, and comes back
// here with the same action afterwards.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "auth/sessions/account_sessions.h"
#include "auth/web/account_action.h"
#include "auth/web/account_page.h"
#include "auth/web/continuation.h"
#include "auth/web/handlers.h"
#include "auth/web/html_page.h"
#include "shared/storage/upstream_oauth_repository.h"
#include "shared/storage/user_password_repository.h"

namespace gatehouse::web {
namespace {

namespace sessions = gatehouse::auth::sessions;

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

// Unlinks one of the user's upstream accounts, unless it is their only way
// to sign in.
void unlink_upstream(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                     storage::Transaction& tx, const Visitor& visitor) {
  auto links = storage::upstream_oauth_links::list_for_user(tx, visitor.user->id);
  if (!links) return internal_error_page(ctx, res, "account: links", links.error());
  const auto id = req.get_param_value("link");
  const bool mine = std::any_of(links->begin(), links->end(),
                                [&](const storage::UpstreamOAuthLink& l) { return l.id == id; });
  if (!mine) {
    return error_page(ctx, res, 404, "No such linked account",
                      "It is not linked to your account, or it was unlinked already.");
  }
  auto password = storage::user_passwords::find_current(tx, visitor.user->id);
  if (!password) return internal_error_page(ctx, res, "account: password", password.error());
  if (!can_unlink(password->has_value(), links->size())) {
    return error_page(ctx, res, 409, "This is how you sign in",
                      "Set a password or link another account before unlinking this one.");
  }
  auto removed = storage::upstream_oauth_links::remove(tx, id);
  if (!removed) return internal_error_page(ctx, res, "account: unlink", removed.error());
  if (auto committed = tx.commit(); !committed) {
    return internal_error_page(ctx, res, "account: commit", committed.error());
  }
  spdlog::info("web: user {} unlinked an upstream account", visitor.user->id);
  redirect_to(res, ctx.url("account/?done=upstream_unlinked"));
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

// Called with no transaction open. An empty name removes it (Synapse's
// unset_displayname); the homeserver keeps profiles.
void set_displayname(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                     const std::string& localpart) {
  if (!ctx.app.config.account.displayname_change_allowed) {
    return error_page(ctx, res, 403, "Display names cannot be changed here",
                      "This server does not let users change their display name.");
  }
  if (!ctx.app.homeserver) {
    return error_page(ctx, res, 503, "No homeserver",
                      "This server has no homeserver configured to keep display names.");
  }
  std::string name = req.get_param_value("displayname");
  const auto first = name.find_first_not_of(" \t");
  name = first == std::string::npos ? "" : name.substr(first, name.find_last_not_of(" \t") - first + 1);
  if (name.size() > 256) {
    return error_page(ctx, res, 400, "That display name is too long",
                      "Use at most 256 characters. Go back and try again.");
  }
  auto saved = name.empty() ? ctx.app.homeserver->unset_displayname(localpart)
                            : ctx.app.homeserver->set_displayname(localpart, name);
  if (!saved) {
    spdlog::warn("web: account: display name of {}: {}", localpart, saved.error().describe());
    return error_page(ctx, res, 503, "The homeserver did not answer",
                      "Nothing was changed. Please try again in a moment.");
  }
  redirect_to(res, ctx.url("account/?done=displayname_changed"));
}

}  // namespace

void handle_account_redirect(const WebContext& ctx, const httplib::Request&,
                             httplib::Response& res) {
  redirect_to(res, ctx.url("account/"));
}

void handle_change_password_redirect(const WebContext& ctx, const httplib::Request&,
                                     httplib::Response& res) {
  if (!password_change_enabled(ctx)) {
    return error_page(ctx, res, 404, "Not found", "Passwords cannot be changed on this server.");
  }
  redirect_to(res, ctx.url("account/#password"));
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
    if (op == "unlink_upstream") return unlink_upstream(ctx, req, res, **tx, *visitor);
    if (op == "add_email") return add_email(ctx, req, res, **tx, *visitor);
    if (op == "remove_email") return remove_email(ctx, req, res, **tx, *visitor);
    if (op == "change_password") {
      const Visitor signed_in = *visitor;
      tx->reset();
      return change_password(ctx, req, res, signed_in);
    }
    if (op == "deactivate") {
      const Visitor signed_in = *visitor;
      tx->reset();
      return deactivate_account(ctx, req, res, signed_in);
    }
    if (op == "set_displayname") {
      const auto localpart = visitor->user->username;
      tx->reset();
      return set_displayname(ctx, req, res, localpart);
    }
    if (op == "allow_cross_signing_reset") {
      const auto localpart = visitor->user->username;
      tx->reset();
      return allow_cross_signing_reset(ctx, res, localpart);
    }
    return error_page(ctx, res, 400, "Unknown request", "Reload the page and try again.");
  }
  render_account(ctx, res, **tx, *visitor, action, account_notice(req.get_param_value("done")));
}

}  // namespace gatehouse::web

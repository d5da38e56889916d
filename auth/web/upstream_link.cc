// GET|POST /upstream/link/{trip_id}: what happens after a checked answer
// from an upstream provider (MAS: upstream_oauth2/link.rs).
//  - The provider account is linked to a user: sign in as that user.
//  - Not linked, and the browser is signed in: offer to link it to that
//    user (POST action=link).
//  - Not linked, not signed in, and the imported username (localpart action
//    force or require) is an existing user's: claims_imports.localpart
//    .on_conflict decides: fail (refuse), add, set, or replace the link.
//    This is how users moved over from Synapse meet their SSO account.
//  - Otherwise: create an account from the imported attributes (POST
//    action=register; on GET already when skip_confirmation is set).
// Each trip is used once (consume), by the browser that started it.
#include <spdlog/spdlog.h>

#include "auth/accounts/account_service.h"
#include "auth/upstream/imported_attributes.h"
#include "auth/web/handlers.h"
#include "auth/web/provision_now.h"
#include "auth/web/html_page.h"
#include "auth/web/sign_in.h"
#include "auth/web/upstream_pages.h"
#include "auth/web/username_availability.h"
#include "shared/storage/upstream_oauth_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::web {
namespace {

namespace upstream = auth::upstream;
using config::ImportAction;
using config::LocalpartConflict;

// Everything the page needs about the trip, loaded and checked.
struct Trip {
  storage::UpstreamOAuthSession session;
  storage::UpstreamOAuthLink link;
  const upstream::UpstreamProvider* provider = nullptr;
  upstream::ImportedAttributes imported;
  nlohmann::json context;
  Continuation next;
};

nlohmann::json parse_object(const std::optional<std::string>& text) {
  if (!text) return nlohmann::json::object();
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return json.is_object() ? json : nlohmann::json::object();
}

bool imports(ImportAction action) {
  return action == ImportAction::kForce || action == ImportAction::kRequire;
}

UpstreamLinkPage base_page(const WebContext& ctx, const Visitor& visitor, const Trip& trip) {
  UpstreamLinkPage page;
  page.action = ctx.url("upstream/link/" + trip.session.id);
  page.csrf = visitor.cookie.csrf_secret;
  page.provider_name = trip.provider->name();
  page.account_name = trip.link.human_account_name.value_or("");
  page.logout_action = ctx.url("logout");
  if (ctx.app.config.passwords.enabled) page.login_url = ctx.url(login_path(trip.next));
  return page;
}

// Ends the trip: consumes it, signs the browser in as `user` (an upstream
// authentication) and continues where the sign-in began. Commits `tx`.
// true when the browser is signed in (else an error page was written).
bool finish(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
            storage::Transaction& tx, Visitor& visitor, const Trip& trip,
            const storage::User& user) {
  if (!user.active()) {
    error_page(ctx, res, 403, "Account unavailable",
               user.deactivated_at ? "This account has been deactivated."
                                   : "This account is locked. Contact the server administrator.");
    return false;
  }
  auto consumed = storage::upstream_oauth_sessions::consume(tx, trip.session.id, ctx.now_ms());
  if (!consumed) {
    internal_error_page(ctx, res, "upstream link: consume", consumed.error());
    return false;
  }
  if (!*consumed) {
    error_page(ctx, res, 400, "Sign-in failed",
               "This sign-in was already used. Start again from the sign-in page.");
    return false;
  }
  if (auto signed_in = sign_in(ctx, tx, visitor, user, req, storage::AuthenticationMethod::kUpstream);
      !signed_in) {
    internal_error_page(ctx, res, "upstream link: session", signed_in.error());
    return false;
  }
  if (auto committed = tx.commit(); !committed) {
    internal_error_page(ctx, res, "upstream link: commit", committed.error());
    return false;
  }
  spdlog::info("web: user {} signed in through upstream provider {}", user.id, trip.provider->id());
  visitor.cookie.upstream_session_id.clear();
  visitor.cookie_changed = true;
  save_cookie(ctx, res, visitor);
  redirect_to(res, ctx.url(continuation_path(trip.next)));
  return true;
}

// Ties the trip's link to `user`, then finish().
bool link_and_finish(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                     storage::Transaction& tx, Visitor& visitor, const Trip& trip,
                     const storage::User& user) {
  auto tied = storage::upstream_oauth_links::associate(tx, trip.link.id, user.id);
  if (!tied) {
    internal_error_page(ctx, res, "upstream link: associate", tied.error());
    return false;
  }
  if (!*tied) {
    error_page(ctx, res, 409, "Sign-in failed",
               "This " + trip.provider->name() + " account was just linked to another account.");
    return false;
  }
  spdlog::info("web: upstream account of provider {} linked to user {}", trip.provider->id(), user.id);
  return finish(ctx, req, res, tx, visitor, trip, user);
}

// The imported username names an existing user: on_conflict decides.
void resolve_conflict(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                      storage::Transaction& tx, Visitor& visitor, const Trip& trip,
                      const storage::User& existing) {
  const auto refuse = [&] {
    error_page(ctx, res, 409, "Username already taken",
               "The username \"" + existing.username + "\" that " + trip.provider->name() +
                   " gave belongs to an existing account here, which this sign-in may not use. "
                   "Ask the server administrator.");
  };
  switch (trip.provider->config.claims_imports.on_conflict) {
    case LocalpartConflict::kFail:
      return refuse();
    case LocalpartConflict::kSet: {
      auto links = storage::upstream_oauth_links::list_for_user(tx, existing.id);
      if (!links) return internal_error_page(ctx, res, "upstream link: links", links.error());
      for (const auto& l : *links) {
        if (l.provider_id == trip.provider->id()) return refuse();
      }
      break;
    }
    case LocalpartConflict::kReplace: {
      auto removed = storage::upstream_oauth_links::remove_for_user_and_provider(
          tx, existing.id, trip.provider->id());
      if (!removed) return internal_error_page(ctx, res, "upstream link: replace", removed.error());
      break;
    }
    case LocalpartConflict::kAdd:
      break;
  }
  (void)link_and_finish(ctx, req, res, tx, visitor, trip, existing);
}

// The new account's attributes from the form and the import rules; a
// message when a required one is missing.
struct NewAccount {
  std::string username;
  std::optional<std::string> displayname;
  std::optional<std::string> email;
};

std::variant<NewAccount, std::string> new_account(const httplib::Request& req, const Trip& trip,
                                                  bool from_form) {
  const auto& rules = trip.provider->config.claims_imports;
  const auto& in = trip.imported;
  const std::string provider = trip.provider->name();
  NewAccount out;
  if (rules.localpart.action == ImportAction::kRequire && !in.localpart) {
    return provider + " gave no username, which this server requires.";
  }
  out.username = imports(rules.localpart.action) && in.localpart ? *in.localpart
                 : from_form                                    ? req.get_param_value("username")
                                                                : in.localpart.value_or("");
  const auto pick = [&](ImportAction action, const std::optional<std::string>& value,
                        const char* checkbox) -> std::optional<std::string> {
    if (action == ImportAction::kIgnore || !value) return std::nullopt;
    if (action == ImportAction::kSuggest && from_form && req.get_param_value(checkbox) != "on") {
      return std::nullopt;
    }
    return value;
  };
  if (rules.displayname.action == ImportAction::kRequire && !in.displayname) {
    return provider + " gave no display name, which this server requires.";
  }
  if (rules.email.action == ImportAction::kRequire && !in.email) {
    return provider + " gave no email address, which this server requires.";
  }
  out.displayname = pick(rules.displayname.action, in.displayname, "import_displayname");
  out.email = pick(rules.email.action, in.email, "import_email");
  // Only an address the provider vouches for is recorded as confirmed.
  if (out.email && trip.context["user"].value("email_verified", nlohmann::json(true)) == false) {
    out.email.reset();
  }
  return out;
}

UpstreamLinkPage registration_page(const WebContext& ctx, const Visitor& visitor, const Trip& trip,
                                   std::string username) {
  const auto& rules = trip.provider->config.claims_imports;
  auto page = base_page(ctx, visitor, trip);
  page.username = std::move(username);
  page.username_locked = imports(rules.localpart.action) && trip.imported.localpart;
  if (rules.displayname.action != ImportAction::kIgnore) {
    page.displayname = trip.imported.displayname.value_or("");
    page.displayname_optional = rules.displayname.action == ImportAction::kSuggest;
  }
  if (rules.email.action != ImportAction::kIgnore) {
    page.email = trip.imported.email.value_or("");
    page.email_optional = rules.email.action == ImportAction::kSuggest;
  }
  return page;
}

// Creates the account, links it and signs in. Runs its own transactions:
// the homeserver is asked about the username between them.
void register_account(const WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                      Visitor& visitor, const Trip& trip, bool from_form) {
  auto account = new_account(req, trip, from_form);
  auto page = registration_page(ctx, visitor, trip,
                                from_form ? req.get_param_value("username")
                                          : trip.imported.localpart.value_or(""));
  const auto refuse = [&](int status, std::string message) {
    page.error = std::move(message);
    save_cookie(ctx, res, visitor);
    write_html(res, status, ctx.templates.render(page));
  };
  if (auto* message = std::get_if<std::string>(&account)) return refuse(400, *message);
  const auto& a = std::get<NewAccount>(account);
  if (from_form && !csrf_ok(ctx, req, visitor)) return refuse(400, "This form had expired. Please try again.");
  if (auto limit = ctx.registration_limits->check(ctx.client_ip(req)); !limit.allowed) {
    const auto seconds = set_retry_after(res, limit.retry_after);
    return refuse(429, "Too many registrations from your address. Try again in " +
                           std::to_string(seconds) + " seconds.");
  }
  if (a.username.empty()) return refuse(400, "Choose a username.");
  const auto remote = ask_homeserver_free(ctx, a.username);
  if (remote.problem) return refuse(remote.checked ? 409 : 503, *remote.problem);

  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "upstream register: begin", tx.error());
  auto local = check_username_free(**tx, a.username);
  if (!local) return internal_error_page(ctx, res, "upstream register: availability", local.error());
  if (local->problem) return refuse(409, *local->problem);
  accounts::NewUser request;
  request.username = a.username;
  if (a.email) request.emails.push_back(*a.email);
  request.display_name = a.displayname;
  auto user = accounts::register_user(**tx, *ctx.app.clock, ctx.app.config.matrix.homeserver, request);
  if (!user) {
    if (user.error().code == ErrorCode::kConflict) return refuse(409, user.error().message);
    if (user.error().code == ErrorCode::kInvalidInput) return refuse(400, user.error().message);
    return internal_error_page(ctx, res, "upstream register: create", user.error());
  }
  if (link_and_finish(ctx, req, res, **tx, visitor, trip, *user)) {
    spdlog::info("web: registered user {} ({}) through upstream provider {}", user->username,
                 user->id, trip.provider->id());
    provision_now(ctx, *user, a.displayname);
  }
}

}  // namespace

void handle_upstream_link(const WebContext& ctx, const httplib::Request& req,
                          httplib::Response& res, std::string_view trip_id) {
  auto tx = ctx.app.db->begin(storage::TxMode::kWrite);
  if (!tx) return internal_error_page(ctx, res, "upstream link: begin", tx.error());
  auto visitor = load_visitor(ctx, req, **tx);
  if (!visitor) return internal_error_page(ctx, res, "upstream link: visitor", visitor.error());
  auto session = storage::upstream_oauth_sessions::find(**tx, trip_id);
  if (!session) return internal_error_page(ctx, res, "upstream link: find", session.error());
  if (!*session || visitor->cookie.upstream_session_id != trip_id || !(*session)->completed_at ||
      (*session)->consumed_at || ctx.now_ms() - (*session)->created_at > kUpstreamTripLifetimeMs ||
      !(*session)->link_id) {
    return error_page(ctx, res, 400, "Sign-in failed",
                      "This sign-in is unknown, expired, already used, or was started in another "
                      "browser. Start again from the sign-in page.");
  }
  Trip trip;
  trip.session = std::move(**session);
  trip.provider = ctx.upstream->find(trip.session.provider_id);
  if (!trip.provider) {
    return error_page(ctx, res, 400, "Sign-in failed",
                      "This sign-in provider is no longer configured on this server.");
  }
  auto link = storage::upstream_oauth_links::find(**tx, *trip.session.link_id);
  if (!link) return internal_error_page(ctx, res, "upstream link: link", link.error());
  if (!*link) {
    return error_page(ctx, res, 400, "Sign-in failed",
                      "This sign-in's account link was removed. Start again from the sign-in page.");
  }
  trip.link = std::move(**link);
  trip.context = upstream::claims_context(parse_object(trip.session.id_token_claims),
                                          parse_object(trip.session.userinfo_claims));
  trip.imported = upstream::import_attributes(*trip.provider, trip.context);
  trip.next = parse_continuation_query(trip.session.continuation);

  // Linked already: sign in as that user.
  if (trip.link.user_id) {
    auto user = storage::users::find(**tx, *trip.link.user_id);
    if (!user) return internal_error_page(ctx, res, "upstream link: user", user.error());
    if (!*user) return error_page(ctx, res, 400, "Sign-in failed", "The linked account no longer exists.");
    (void)finish(ctx, req, res, **tx, *visitor, trip, **user);
    return;
  }
  const bool post = req.method == "POST";
  const auto action = req.get_param_value("action");
  // Signed in: link to this user, after asking.
  if (visitor->signed_in()) {
    if (post && action == "link" && csrf_ok(ctx, req, *visitor)) {
      (void)link_and_finish(ctx, req, res, **tx, *visitor, trip, *visitor->user);
      return;
    }
    auto page = base_page(ctx, *visitor, trip);
    page.link_to_username = visitor->user->username;
    if (post) page.error = "This form had expired. Please try again.";
    save_cookie(ctx, res, *visitor);
    return write_html(res, post ? 400 : 200, ctx.templates.render(page));
  }
  // An imported username that is an existing user's.
  const auto& rules = trip.provider->config.claims_imports;
  if (imports(rules.localpart.action) && trip.imported.localpart) {
    auto existing = storage::users::find_by_username(**tx, *trip.imported.localpart);
    if (!existing) return internal_error_page(ctx, res, "upstream link: username", existing.error());
    if (*existing) return resolve_conflict(ctx, req, res, **tx, *visitor, trip, **existing);
  }
  (void)(*tx)->commit();
  if ((post && action == "register") || rules.skip_confirmation) {
    return register_account(ctx, req, res, *visitor, trip, /*from_form=*/post);
  }
  save_cookie(ctx, res, *visitor);
  write_html(res, 200,
             ctx.templates.render(registration_page(ctx, *visitor, trip,
                                                    trip.imported.localpart.value_or(""))));
}

}  // namespace gatehouse::web

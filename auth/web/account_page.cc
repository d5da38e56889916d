#include "auth/web/account_page.h"

#include <ctime>

#include <spdlog/spdlog.h>

#include "auth/sessions/account_sessions.h"
#include "auth/web/upstream_pages.h"
#include "shared/storage/upstream_oauth_repository.h"
#include "shared/storage/user_email_repository.h"
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
  const char* fallback = s.kind == sessions::SessionKind::kCompat    ? "Matrix client"
                         : s.kind == sessions::SessionKind::kBrowser ? "Web browser"
                                                                     : "Application";
  row.name = s.client_name.value_or(fallback);
  row.device_id = s.device_id.value_or("");
  row.created = utc_minute(s.created_at);
  if (s.last_active_at) row.last_active = utc_minute(*s.last_active_at);
  row.last_ip = s.last_active_ip.value_or("");
  return row;
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
  for (const auto& s : live) {
    page.sessions.push_back(row_of(s));
    page.sessions.back().current = s.kind == sessions::SessionKind::kBrowser &&
                                   s.id == visitor.cookie.user_session_id;
  }
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

// The user's linked provider accounts and a link button per provider.
Status add_upstream_links(const WebContext& ctx, storage::Transaction& tx, const Visitor& visitor,
                          bool has_password, AccountPage& page) {
  GH_TRY(auto links, storage::upstream_oauth_links::list_for_user(tx, visitor.user->id));
  page.show_upstream = !ctx.upstream->all().empty() || !links.empty();
  for (const auto& l : links) {
    const auto* provider = ctx.upstream->find(l.provider_id);
    page.upstream_links.push_back(
        {l.id, provider ? provider->name() : "A provider no longer configured",
         l.human_account_name.value_or(l.subject), can_unlink(has_password, links.size())});
  }
  for (auto button : upstream_buttons(ctx, {Continuation::Kind::kManageAccount, "", {}})) {
    page.upstream_link_buttons.push_back(std::move(button));
  }
  return ok();
}

}  // namespace

bool can_unlink(bool has_password, std::size_t link_count) {
  return has_password || link_count > 1;
}

std::string account_notice(std::string_view done) {
  if (done == "session_ended") return "The session was signed out.";
  if (done == "password_changed") return "Your password was changed.";
  if (done == "displayname_changed") return "Your display name was saved.";
  if (done == "upstream_unlinked") return "The account was unlinked.";
  if (done == "email_added") return "The email address was added.";
  if (done == "email_removed") return "The email address was removed.";
  if (done == "cross_signing_reset") {
    return "Your app may now reset your identity. Finish the reset there within 10 minutes.";
  }
  return {};
}

bool email_change_enabled(const WebContext& ctx) {
  return ctx.app.config.account.email_change_allowed;
}

bool password_change_enabled(const WebContext& ctx) {
  return ctx.app.config.passwords.enabled && ctx.app.config.account.password_change_allowed;
}

void render_account(const WebContext& ctx, httplib::Response& res, storage::Transaction& tx,
                    const Visitor& visitor, const AccountAction& action, std::string notice,
                    int status, std::string error) {
  auto live = sessions::list_account_sessions(tx, visitor.user->id);
  if (!live) return internal_error_page(ctx, res, "account: sessions", live.error());
  auto page = account_page(ctx, visitor, action, *live);
  if (page.show_profile) {
    auto password = storage::user_passwords::find_current(tx, visitor.user->id);
    if (!password) return internal_error_page(ctx, res, "account: password", password.error());
    page.show_password_change = password_change_enabled(ctx) && password->has_value();
    page.show_deactivate = ctx.app.config.account.account_deactivation_allowed;
    page.deactivate_needs_password = password->has_value();
    if (auto linked = add_upstream_links(ctx, tx, visitor, password->has_value(), page); !linked) {
      return internal_error_page(ctx, res, "account: upstream links", linked.error());
    }
    auto emails = storage::user_emails::list_for_user(tx, visitor.user->id);
    if (!emails) return internal_error_page(ctx, res, "account: emails", emails.error());
    for (const auto& e : *emails) {
      if (e.confirmed_at) page.emails.push_back({e.id, e.email});
    }
    page.show_email_change = email_change_enabled(ctx);
    if (ctx.app.config.account.displayname_change_allowed && ctx.app.homeserver) {
      page.show_displayname = true;
      // The homeserver keeps profiles; if it cannot be asked the field
      // starts empty and saving still works once it is back.
      auto name = ctx.app.homeserver->display_name(visitor.user->username);
      if (name) {
        page.displayname = name->value_or("");
      } else {
        spdlog::warn("web: account: display name of {}: {}", visitor.user->username,
                     name.error().describe());
      }
    }
  }
  page.notice = std::move(notice);
  if (!error.empty()) page.error = std::move(error);
  write_html(res, status, ctx.templates.render(page));
}

}  // namespace gatehouse::web

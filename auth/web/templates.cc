#include "auth/web/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <kainjow/mustache.hpp>

namespace gatehouse::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

data flag(bool value) { return value ? data(data::type::bool_true) : data(data::type::bool_false); }

// kainjow treats every string as true in {{#section}}: an empty one must be
// `false` for optional blocks (error, notice, ...) to stay hidden.
data optional(const std::string& value) { return value.empty() ? flag(false) : data(value); }

data string_list(const std::vector<std::string>& items) {
  data list{data::type::list};
  for (const auto& item : items) {
    data entry;
    entry.set("text", item);
    list.push_back(entry);
  }
  return list;
}

data button_list(const std::vector<UpstreamButton>& buttons) {
  data list{data::type::list};
  for (const auto& b : buttons) {
    data entry;
    entry.set("name", b.name);
    entry.set("url", b.url);
    entry.set("brand", b.brand);
    list.push_back(entry);
  }
  return list;
}

// mustache objects are parsed per render: they are tiny, and a parsed
// kainjow template is not documented as safe to render from two threads.
std::string render_text(const std::string& text, const data& context) {
  mustache tmpl{text};
  return tmpl.render(context);
}

}  // namespace

const std::vector<std::string>& Templates::names() {
  static const std::vector<std::string> kNames = {"base.html",  "login.html", "register.html",
                                                  "consent.html", "link.html", "error.html",
                                                  "form_post.html", "compat_sso.html",
                                                  "account.html", "upstream_link.html",
                                                  "recover.html", "email_code.html"};
  return kNames;
}

Result<Templates> Templates::load(const std::string& dir, const std::string& fallback_dir) {
  Templates out;
  for (const auto& name : names()) {
    auto path = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (!fallback_dir.empty() && !std::filesystem::exists(path, ec)) {
      path = std::filesystem::path(fallback_dir) / name;
      out.from_fallback_.push_back(name);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::kConfig, "cannot read template " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    mustache parsed{buffer.str()};
    if (!parsed.is_valid()) {
      return fail(ErrorCode::kConfig,
                  "template " + path.string() + " does not parse: " + parsed.error_message());
    }
    out.texts_.emplace(name, buffer.str());
  }
  return out;
}

std::string Templates::text(std::string_view name) const {
  auto it = texts_.find(name);
  return it == texts_.end() ? std::string() : it->second;
}

namespace {

std::string layout(const std::string& base, const std::string& title, const std::string& body) {
  data context;
  context.set("lang", "en");
  context.set("title", title);
  context.set("content", body);
  return render_text(base, context);
}

}  // namespace

std::string Templates::render(const LoginPage& page) const {
  data c;
  c.set("action", page.action);
  c.set("logout_action", page.logout_action);
  c.set("csrf", page.csrf);
  c.set("username", page.username);
  c.set("client_name", optional(page.client_name));
  c.set("signed_in_as", optional(page.signed_in_as));
  c.set("notice", optional(page.notice));
  c.set("error", optional(page.error));
  c.set("passwords_enabled", flag(page.passwords_enabled));
  c.set("register_url", optional(page.register_url));
  c.set("account_url", optional(page.account_url));
  c.set("recover_url", optional(page.recover_url));
  c.set("providers", button_list(page.providers));
  c.set("has_providers", flag(!page.providers.empty()));
  return layout(text("base.html"), "Sign in", render_text(text("login.html"), c));
}

std::string Templates::render(const RegisterPage& page) const {
  data c;
  c.set("action", page.action);
  c.set("csrf", page.csrf);
  c.set("username", page.username);
  c.set("client_name", optional(page.client_name));
  c.set("login_url", page.login_url);
  c.set("error", optional(page.error));
  c.set("token_required", flag(page.token_required));
  c.set("token", page.token);
  c.set("email_required", flag(page.email_required));
  c.set("email", page.email);
  return layout(text("base.html"), "Create an account", render_text(text("register.html"), c));
}

std::string Templates::render(const ConsentPage& page) const {
  data c;
  c.set("action", page.action);
  c.set("logout_action", page.logout_action);
  c.set("csrf", page.csrf);
  c.set("client_name", optional(page.client_name));
  c.set("redirect_host", optional(page.redirect_host));
  c.set("username", page.username);
  c.set("scopes", string_list(page.scopes));
  c.set("device", flag(page.device));
  c.set("requester_ip", page.requester_ip);
  c.set("requester_user_agent", page.requester_user_agent);
  return layout(text("base.html"), "Allow access", render_text(text("consent.html"), c));
}

std::string Templates::render(const CompatSsoPage& page) const {
  data c;
  c.set("action", page.action);
  c.set("logout_action", page.logout_action);
  c.set("csrf", page.csrf);
  c.set("redirect_host", page.redirect_host);
  c.set("username", page.username);
  return layout(text("base.html"), "Continue sign-in", render_text(text("compat_sso.html"), c));
}

std::string Templates::render(const LinkPage& page) const {
  data c;
  c.set("action", page.action);
  c.set("csrf", page.csrf);
  c.set("code", page.code);
  c.set("error", optional(page.error));
  c.set("done", optional(page.done));
  return layout(text("base.html"), "Link a device", render_text(text("link.html"), c));
}

std::string Templates::render(const AccountPage& page) const {
  data c;
  c.set("action", page.action);
  c.set("logout_action", page.logout_action);
  c.set("csrf", page.csrf);
  c.set("username", page.username);
  c.set("matrix_id", page.matrix_id);
  data emails{data::type::list};
  for (const auto& e : page.emails) {
    data row;
    row.set("id", e.id);
    row.set("email", e.email);
    emails.push_back(row);
  }
  c.set("emails", emails);
  c.set("show_email_change", flag(page.show_email_change));
  c.set("show_displayname", flag(page.show_displayname));
  c.set("displayname", page.displayname);
  c.set("notice", optional(page.notice));
  c.set("error", optional(page.error));
  c.set("show_profile", flag(page.show_profile));
  c.set("show_sessions", flag(page.show_sessions));
  c.set("sessions_title", page.sessions_title);
  data rows{data::type::list};
  for (const auto& s : page.sessions) {
    data row;
    row.set("kind", s.kind);
    row.set("id", s.id);
    row.set("name", s.name);
    row.set("device_id", optional(s.device_id));
    row.set("created", s.created);
    row.set("last_active", optional(s.last_active));
    row.set("last_ip", optional(s.last_ip));
    row.set("current", flag(s.current));
    rows.push_back(row);
  }
  c.set("sessions", rows);
  c.set("no_sessions", flag(page.sessions.empty()));
  c.set("all_sessions_url", optional(page.all_sessions_url));
  c.set("show_cross_signing_reset", flag(page.show_cross_signing_reset));
  c.set("show_password_change", flag(page.show_password_change));
  c.set("show_deactivate", flag(page.show_deactivate));
  c.set("deactivate_needs_password", flag(page.deactivate_needs_password));
  c.set("show_upstream", flag(page.show_upstream));
  data links{data::type::list};
  for (const auto& l : page.upstream_links) {
    data row;
    row.set("id", l.id);
    row.set("provider_name", l.provider_name);
    row.set("account_name", l.account_name);
    row.set("can_unlink", flag(l.can_unlink));
    links.push_back(row);
  }
  c.set("upstream_links", links);
  c.set("no_upstream_links", flag(page.upstream_links.empty()));
  c.set("upstream_link_buttons", button_list(page.upstream_link_buttons));
  return layout(text("base.html"), "Your account", render_text(text("account.html"), c));
}

std::string Templates::render(const UpstreamLinkPage& page) const {
  data c;
  c.set("action", page.action);
  c.set("csrf", page.csrf);
  c.set("provider_name", page.provider_name);
  c.set("account_name", optional(page.account_name));
  c.set("error", optional(page.error));
  c.set("link_to_username", optional(page.link_to_username));
  c.set("logout_action", page.logout_action);
  c.set("register", flag(page.link_to_username.empty()));
  c.set("username", page.username);
  c.set("username_locked", flag(page.username_locked));
  c.set("displayname", optional(page.displayname));
  c.set("displayname_optional", flag(page.displayname_optional));
  c.set("email", optional(page.email));
  c.set("email_optional", flag(page.email_optional));
  c.set("login_url", optional(page.login_url));
  return layout(text("base.html"), "Continue with " + page.provider_name,
                render_text(text("upstream_link.html"), c));
}

std::string Templates::render(const RecoverPage& page) const {
  using Step = RecoverPage::Step;
  data c;
  c.set("action", page.action);
  c.set("csrf", page.csrf);
  c.set("email", page.email);
  c.set("username", page.username);
  c.set("error", optional(page.error));
  c.set("login_url", page.login_url);
  c.set("ask_email", flag(page.step == Step::kAskEmail));
  c.set("sent", flag(page.step == Step::kSent));
  c.set("new_password", flag(page.step == Step::kNewPassword));
  c.set("done", flag(page.step == Step::kDone));
  return layout(text("base.html"), "Reset your password", render_text(text("recover.html"), c));
}

std::string Templates::render(const EmailCodePage& page) const {
  data c;
  c.set("action", page.action);
  c.set("csrf", page.csrf);
  c.set("email", page.email);
  c.set("purpose", page.purpose);
  c.set("notice", optional(page.notice));
  c.set("error", optional(page.error));
  c.set("back_url", page.back_url);
  return layout(text("base.html"), "Confirm your email address",
                render_text(text("email_code.html"), c));
}

std::string Templates::render(const ErrorPage& page) const {
  data c;
  c.set("title", page.title);
  c.set("message", page.message);
  c.set("detail", optional(page.detail));
  return layout(text("base.html"), page.title, render_text(text("error.html"), c));
}

std::string Templates::render(const FormPostPage& page) const {
  data c;
  c.set("redirect_uri", page.redirect_uri);
  c.set("script_nonce", page.script_nonce);
  data params{data::type::list};
  for (const auto& [name, value] : page.params) {
    data entry;
    entry.set("name", name);
    entry.set("value", value);
    params.push_back(entry);
  }
  c.set("params", params);
  return layout(text("base.html"), "Continue", render_text(text("form_post.html"), c));
}

LoginPage LoginPage::sample() {
  return {"/login?kind=continue_authorization_grant&id=01J0000000000000000000000A", "/logout",
          "csrf-sample", "alice", "Element <X>", "", "", "Wrong username or password.", true,
          "/register", "/account/", "/recover",
          {{"Example <SSO>", "/upstream/authorize/01JQK7DK6VFH62NMW4HS9RKD3R", "github"}}};
}

EmailCodePage EmailCodePage::sample() {
  return {"/register/verify", "csrf-sample", "carol@example.org", "create your account",
          "A new code was sent.", "That code is not right.", "/register"};
}

RecoverPage RecoverPage::sample() {
  RecoverPage p;
  p.action = "/recover";
  p.csrf = "csrf-sample";
  p.email = "alice@example.org";
  p.username = "alice";
  p.error = "The passwords do not match.";
  p.login_url = "/login";
  return p;
}

UpstreamLinkPage UpstreamLinkPage::sample() {
  UpstreamLinkPage p;
  p.action = "/upstream/link/01J0000000000000000000000A";
  p.csrf = "csrf-sample";
  p.provider_name = "Example <SSO>";
  p.account_name = "@alice";
  p.error = "This username is already taken.";
  p.logout_action = "/logout";
  p.username = "alice";
  p.displayname = "Alice <L>";
  p.displayname_optional = true;
  p.email = "alice@example.org";
  p.login_url = "/login";
  return p;
}

RegisterPage RegisterPage::sample() {
  RegisterPage p;
  p.action = "/register?kind=continue_authorization_grant&id=01J0000000000000000000000A";
  p.csrf = "csrf-sample";
  p.username = "alice";
  p.client_name = "Element <X>";
  p.login_url = "/login?kind=continue_authorization_grant&id=01J0000000000000000000000A";
  p.error = "The passwords do not match.";
  p.token_required = true;
  p.token = "tok<en>";
  p.email_required = true;
  p.email = "carol@example.org";
  return p;
}

ConsentPage ConsentPage::sample() {
  ConsentPage p;
  p.action = "/consent/01J0000000000000000000000A";
  p.logout_action = "/logout";
  p.csrf = "csrf-sample";
  p.client_name = "Element \"X\"";
  p.redirect_host = "app.element.io";
  p.username = "alice";
  p.scopes = {"See your profile (OpenID)", "Use your Matrix account"};
  p.device = true;
  p.requester_ip = "192.0.2.1";
  p.requester_user_agent = "curl/8 <script>";
  return p;
}

CompatSsoPage CompatSsoPage::sample() {
  return {"/complete-compat-sso/01J0000000000000000000000A", "/logout", "csrf-sample",
          "app.element.io<x>", "alice"};
}

LinkPage LinkPage::sample() { return {"/link", "csrf-sample", "ABC123", "That code is unknown.", ""}; }

AccountPage AccountPage::sample() {
  AccountPage p;
  p.action = "/account/";
  p.logout_action = "/logout";
  p.csrf = "csrf-sample";
  p.username = "alice";
  p.matrix_id = "@alice:example.org";
  p.emails = {{"01J0000000000000000000000E", "alice@example.org"}};
  p.show_email_change = true;
  p.show_displayname = true;
  p.displayname = "Alice <A>";
  p.notice = "The session was signed out.";
  p.sessions_title = "Signed-in sessions";
  p.sessions = {{"oauth2", "01J0000000000000000000000A", "Element <X>", "ABCDEFGHIJ",
                 "2026-11-24 09:00 UTC", "2026-11-24 09:05 UTC", "192.0.2.1"},
                {"compat", "01J0000000000000000000000B", "Old phone", "", "2026-11-23 08:00 UTC",
                 "", ""}};
  p.show_cross_signing_reset = true;
  p.show_password_change = true;
  p.show_deactivate = true;
  p.deactivate_needs_password = true;
  p.show_upstream = true;
  p.upstream_links = {{"01J0000000000000000000000C", "Example <SSO>", "@alice", true}};
  p.upstream_link_buttons = {
      {"Example <SSO>", "/upstream/authorize/01JQK7DK6VFH62NMW4HS9RKD3R?kind=manage_account", ""}};
  return p;
}

ErrorPage ErrorPage::sample() {
  return {"Invalid request", "The redirect_uri is not registered for this client.",
          "redirect_uri=https://evil.example/<x>"};
}

FormPostPage FormPostPage::sample() {
  return {"https://client.example/cb", {{"code", "abc"}, {"state", "x\"y<z>"}}, "n0nce"};
}

std::string default_templates_dir() {
  std::error_code ec;
  if (std::filesystem::is_directory(GATEHOUSE_TEMPLATES_INSTALL_DIR, ec)) {
    return GATEHOUSE_TEMPLATES_INSTALL_DIR;
  }
  return GATEHOUSE_TEMPLATES_SOURCE_DIR;
}

}  // namespace gatehouse::web

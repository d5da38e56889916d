// The HTML pages of the human resource, rendered from mustache files in the
// templates directory (config `templates.path`; MAS's templates, §9), with
// one typed context and one render function per page, so a page can only be
// rendered with the fields it declares (MAS's crates/templates).
//
// Every value is HTML-escaped by mustache's {{name}}; the only unescaped tag
// is {{{content}}} in base.html, which receives an already rendered page.
// Each context has sample() so a test renders every page (MAS's
// check_render). Thread safety: a loaded Templates is immutable; render
// functions may run on many threads at once.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::web {

// A "Continue with <provider>" button on the login page.
struct UpstreamButton {
  std::string name;   // the provider's human_name
  std::string url;    // upstream/authorize/<id>?<continuation>
  std::string brand;  // brand_name, for styling (may be empty)
};

struct LoginPage {
  std::string action;          // where the form posts (with continuation)
  std::string logout_action;   // POST /logout
  std::string csrf;
  std::string username;        // pre-filled: login_hint or last attempt
  std::string client_name;     // "to continue to …" (empty: no grant)
  std::string signed_in_as;    // shown with a sign-out button
  std::string notice;          // e.g. "You have been signed out."
  std::string error;           // why the last attempt failed
  bool passwords_enabled = true;
  std::string register_url;    // "Create an account" link (empty: registration off)
  std::string account_url;     // "Manage your account" (signed in only)
  std::string recover_url;     // "Forgot your password?" (recovery enabled only)
  std::vector<UpstreamButton> providers;  // upstream_oauth2 sign-in buttons
  static LoginPage sample();
};

// Password registration (prompt=create, or the link on the login page).
struct RegisterPage {
  std::string action;          // where the form posts (with continuation)
  std::string csrf;
  std::string username;        // kept filled after an error
  std::string client_name;     // "to continue to …" (empty: no grant)
  std::string login_url;       // "Already have an account?"
  std::string error;           // why the last attempt failed
  bool token_required = false; // show the registration token field
  std::string token;           // kept filled after an error
  bool email_required = false; // account.password_registration_email_required
  std::string email;           // kept filled after an error
  static RegisterPage sample();
};

// The code mailed to an address (/register/verify, /account/email/{id}).
struct EmailCodePage {
  std::string action;
  std::string csrf;
  std::string email;    // where the code went
  std::string purpose;  // "… to create your account"
  std::string notice;   // e.g. "A new code was sent."
  std::string error;
  std::string back_url;  // start again / back to the account
  static EmailCodePage sample();
};

struct ConsentPage {
  std::string action;
  std::string logout_action;
  std::string csrf;
  std::string client_name;
  std::string redirect_host;   // where the browser will be sent
  std::string username;
  std::vector<std::string> scopes;  // in human words
  // Device authorization (RFC 8628 §5.4): show where the request came from.
  bool device = false;
  std::string requester_ip;
  std::string requester_user_agent;
  static ConsentPage sample();
};

// The legacy m.login.sso confirmation (complete-compat-sso/{id}).
struct CompatSsoPage {
  std::string action;
  std::string logout_action;
  std::string csrf;
  std::string redirect_host;  // where the login token will be sent
  std::string username;
  static CompatSsoPage sample();
};

struct LinkPage {
  std::string action;
  std::string csrf;
  std::string code;
  std::string error;
  std::string done;  // set once the device grant is decided
  static LinkPage sample();
};

// One signed-in device or application on the account page.
struct AccountSessionRow {
  std::string kind;         // "oauth2" / "compat": posted back to end it
  std::string id;           // the session's ULID
  std::string name;         // the application, or the device's name
  std::string device_id;    // empty: no device
  std::string created;      // "2026-11-24 09:00 UTC"
  std::string last_active;  // empty: never used
  std::string last_ip;
  bool current = false;     // this page's own browser: signed out with "Sign out"
};

// /account/ (MSC4191's account_management_uri).
// One of the user's confirmed email addresses (account page).
struct AccountEmailRow {
  std::string id;  // posted back to remove it
  std::string email;
};

// One upstream provider account linked to the user (account page).
struct AccountLinkRow {
  std::string id;             // the link's id, posted back to unlink it
  std::string provider_name;
  std::string account_name;   // as the provider names it, or its subject
  bool can_unlink = false;    // false when it is the user's only way to sign in
};

struct AccountPage {
  std::string action;         // where its forms post
  std::string logout_action;  // POST /logout
  std::string csrf;
  std::string username;
  std::string matrix_id;      // @username:server
  std::vector<AccountEmailRow> emails;  // the user's addresses (confirmed ones)
  bool show_email_change = false;       // account.email_change_allowed: add and remove
  // account.displayname_change_allowed with a homeserver: the form, and the
  // name the homeserver has now.
  bool show_displayname = false;
  std::string displayname;
  std::string notice;         // what the last action did
  std::string error;
  bool show_profile = true;
  bool show_sessions = true;
  std::string sessions_title;  // "Signed-in sessions", "Sign out this device?"
  std::vector<AccountSessionRow> sessions;
  std::string all_sessions_url;  // set when only some sessions are shown
  bool show_cross_signing_reset = false;
  // passwords.enabled, account.password_change_allowed, and the user has a
  // password (not one who only signs in upstream).
  bool show_password_change = false;
  bool show_deactivate = false;             // account.account_deactivation_allowed
  bool deactivate_needs_password = false;   // the user has a password to confirm with
  // Upstream providers are configured: the user's linked accounts and a
  // "Link a … account" button per provider.
  bool show_upstream = false;
  std::vector<AccountLinkRow> upstream_links;
  std::vector<UpstreamButton> upstream_link_buttons;
  static AccountPage sample();
};

// After signing in at an upstream provider (upstream/link/{id}): link that
// account to the signed-in user, or create an account from what the
// provider said.
struct UpstreamLinkPage {
  std::string action;
  std::string csrf;
  std::string provider_name;
  std::string account_name;      // the account at the provider, e.g. "@alice"
  std::string error;
  // Signed in: the link form for this user, and a way out.
  std::string link_to_username;
  std::string logout_action;
  // Not signed in: the new account's form.
  std::string username;
  bool username_locked = false;  // imported with force/require: not editable
  std::string displayname;       // empty: nothing to import
  bool displayname_optional = false;  // suggest: a checkbox, else imported
  std::string email;
  bool email_optional = false;
  std::string login_url;  // "Already have an account?"
  static UpstreamLinkPage sample();
};

// Password recovery by email (/recover and /recover/{token}).
struct RecoverPage {
  enum class Step { kAskEmail, kSent, kNewPassword, kDone };
  Step step = Step::kAskEmail;
  std::string action;
  std::string csrf;
  std::string email;      // typed (kAskEmail after an error, kSent)
  std::string username;   // kNewPassword: whose password this is
  std::string error;
  std::string login_url;
  static RecoverPage sample();
};

struct ErrorPage {
  std::string title;
  std::string message;
  std::string detail;
  static ErrorPage sample();
};

// response_mode=form_post (OAuth 2.0 Form Post Response Mode §2).
struct FormPostPage {
  std::string redirect_uri;
  std::vector<std::pair<std::string, std::string>> params;
  std::string script_nonce;  // the Content-Security-Policy nonce
  static FormPostPage sample();
};

class Templates {
 public:
  // Reads and parses every page from `dir`. A missing file or a mustache
  // syntax error is ErrorCode::kConfig naming the file. With `fallback_dir`,
  // a page missing from `dir` is read from there instead (a customised
  // directory made before a release added a page keeps working); those
  // pages are listed in from_fallback().
  static Result<Templates> load(const std::string& dir, const std::string& fallback_dir = {});

  const std::vector<std::string>& from_fallback() const { return from_fallback_; }

  // Complete HTML documents (base layout around the page).
  std::string render(const LoginPage& page) const;
  std::string render(const RegisterPage& page) const;
  std::string render(const ConsentPage& page) const;
  std::string render(const LinkPage& page) const;
  std::string render(const CompatSsoPage& page) const;
  std::string render(const AccountPage& page) const;
  std::string render(const UpstreamLinkPage& page) const;
  std::string render(const RecoverPage& page) const;
  std::string render(const EmailCodePage& page) const;
  std::string render(const ErrorPage& page) const;
  std::string render(const FormPostPage& page) const;

  // The file names load() requires.
  static const std::vector<std::string>& names();

 private:
  std::string text(std::string_view name) const;
  std::map<std::string, std::string, std::less<>> texts_;
  std::vector<std::string> from_fallback_;
};

// The directory used when `templates.path` is empty: the installed one if
// it exists, else the source tree's (uninstalled builds and tests).
std::string default_templates_dir();

}  // namespace gatehouse::web

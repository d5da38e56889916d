// MAS's check_render: every page renders with its sample context, every
// value is escaped, and a broken template directory is refused at load.
#include "auth/web/templates.h"

#include <filesystem>
#include <fstream>
#include <regex>

#include <doctest/doctest.h>

namespace gatehouse::web {
namespace {

const Templates& loaded() {
  static const Templates templates = Templates::load(default_templates_dir()).value();
  return templates;
}

void check_document(const std::string& html) {
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("</html>") != std::string::npos);
  // Nothing was left unrendered.
  CHECK(html.find("{{") == std::string::npos);
}

TEST_CASE("every page renders with its sample context") {
  const auto& t = loaded();
  for (const auto& html : {t.render(LoginPage::sample()), t.render(RegisterPage::sample()),
                           t.render(ConsentPage::sample()),
                           t.render(LinkPage::sample()), t.render(ErrorPage::sample()),
                           t.render(FormPostPage::sample()), t.render(CompatSsoPage::sample()),
                           t.render(AccountPage::sample()), t.render(UpstreamLinkPage::sample()),
                           t.render(RecoverPage::sample()), t.render(EmailCodePage::sample())}) {
    check_document(html);
  }
}

TEST_CASE("the login page labels its fields, pre-fills the username and escapes values") {
  auto page = LoginPage::sample();
  page.username = "al\"ice<";
  const auto html = loaded().render(page);
  CHECK(html.find("<label for=\"username\">") != std::string::npos);
  CHECK(html.find("<label for=\"password\">") != std::string::npos);
  CHECK(html.find("value=\"al&quot;ice&lt;\"") != std::string::npos);
  CHECK(html.find("Element &lt;X&gt;") != std::string::npos);
  CHECK(html.find("name=\"csrf\" value=\"csrf-sample\"") != std::string::npos);
  page.passwords_enabled = false;
  CHECK(loaded().render(page).find("type=\"password\"") == std::string::npos);
}

TEST_CASE("the registration page keeps what was typed, asks a token only when required") {
  auto page = RegisterPage::sample();
  const auto html = loaded().render(page);
  for (const char* label : {"username", "password", "password_confirm", "token"}) {
    CHECK(html.find(std::string("<label for=\"") + label + "\">") != std::string::npos);
  }
  CHECK(html.find("value=\"alice\"") != std::string::npos);
  CHECK(html.find("value=\"tok&lt;en&gt;\"") != std::string::npos);
  CHECK(html.find("The passwords do not match.") != std::string::npos);
  CHECK(html.find("href=\"/login?kind=continue_authorization_grant&amp;id=") != std::string::npos);
  page.token_required = false;
  CHECK(loaded().render(page).find("name=\"token\"") == std::string::npos);
  auto login = LoginPage::sample();
  CHECK(loaded().render(login).find("href=\"/register\"") != std::string::npos);
  login.register_url.clear();
  CHECK(loaded().render(login).find("Create an account") == std::string::npos);
}

TEST_CASE("empty optional fields hide their blocks") {
  LoginPage page;
  page.csrf = "c";
  const auto html = loaded().render(page);
  CHECK(html.find("role=\"alert\"") == std::string::npos);
  CHECK(html.find("role=\"status\"") == std::string::npos);
  CHECK(html.find("to continue to") == std::string::npos);
  CHECK(html.find("signed in as") == std::string::npos);
  CHECK(html.find("type=\"password\"") != std::string::npos);
  CHECK(loaded().render(ErrorPage{"T", "M", ""}).find("class=\"muted\"") == std::string::npos);
}

TEST_CASE("the consent page shows client, host, scopes, and escapes the user agent") {
  const auto html = loaded().render(ConsentPage::sample());
  CHECK(html.find("Element &quot;X&quot;") != std::string::npos);
  CHECK(html.find("app.element.io") != std::string::npos);
  CHECK(html.find("<li>Use your Matrix account</li>") != std::string::npos);
  CHECK(html.find("curl/8 &lt;script&gt;") != std::string::npos);
  CHECK(html.find("value=\"allow\"") != std::string::npos);
  CHECK(html.find("value=\"deny\"") != std::string::npos);
}

TEST_CASE("the account page lists sessions, each with its own sign-out form") {
  auto page = AccountPage::sample();
  const auto html = loaded().render(page);
  CHECK(html.find("@alice:example.org") != std::string::npos);
  CHECK(html.find("<p>Email: alice@example.org</p>") != std::string::npos);
  CHECK(html.find("name=\"displayname\" value=\"Alice &lt;A&gt;\"") != std::string::npos);
  CHECK(html.find("Element &lt;X&gt;") != std::string::npos);
  CHECK(html.find("<code>ABCDEFGHIJ</code>") != std::string::npos);
  CHECK(html.find("name=\"session\" value=\"01J0000000000000000000000A\"") != std::string::npos);
  CHECK(html.find("name=\"kind\" value=\"compat\"") != std::string::npos);
  CHECK(html.find("value=\"allow_cross_signing_reset\"") != std::string::npos);
  CHECK(html.find("No device or application") == std::string::npos);
  CHECK(html.find("(this browser)") == std::string::npos);
  auto with_current = page;
  with_current.sessions = {{"browser", "01J0000000000000000000000C", "Firefox", "", "2026-11-24 09:00 UTC",
                            "", "", true}};
  const auto current_html = loaded().render(with_current);
  CHECK(current_html.find("Firefox</strong> (this browser)") != std::string::npos);
  CHECK(current_html.find("value=\"end_session\"") == std::string::npos);
  for (const char* label : {"current_password", "new_password", "new_password_confirm",
                            "confirm_matrix_id", "deactivate_password"}) {
    CHECK(html.find(std::string("<label for=\"") + label + "\">") != std::string::npos);
  }
  page.sessions.clear();
  page.show_cross_signing_reset = false;
  page.show_password_change = false;
  page.show_deactivate = false;
  page.show_profile = false;
  const auto empty = loaded().render(page);
  CHECK(empty.find("No device or application is signed in.") != std::string::npos);
  CHECK(empty.find("allow_cross_signing_reset") == std::string::npos);
  CHECK(empty.find("type=\"password\"") == std::string::npos);
  CHECK(empty.find("value=\"deactivate\"") == std::string::npos);
  CHECK(empty.find("@alice:example.org") == std::string::npos);
  auto login = LoginPage::sample();
  login.signed_in_as = "alice";
  CHECK(loaded().render(login).find("<a href=\"/account/\">Manage your account</a>") != std::string::npos);
}

TEST_CASE("the login page has a button per upstream provider, and none without") {
  auto page = LoginPage::sample();
  auto html = loaded().render(page);
  CHECK(html.find("<a class=\"button secondary\" data-brand=\"github\" "
                  "href=\"/upstream/authorize/01JQK7DK6VFH62NMW4HS9RKD3R\">Continue with "
                  "Example &lt;SSO&gt;</a>") != std::string::npos);
  // Passwords off but a provider on: no "disabled" error, just the buttons.
  page.passwords_enabled = false;
  html = loaded().render(page);
  CHECK(html.find("Password sign-in is disabled") == std::string::npos);
  CHECK(html.find("type=\"password\"") == std::string::npos);
  page.providers.clear();
  html = loaded().render(page);
  CHECK(html.find("Continue with") == std::string::npos);
  CHECK(html.find("Password sign-in is disabled") != std::string::npos);
}

TEST_CASE("the upstream page: a registration form, a fixed username read-only, or the link form") {
  auto page = UpstreamLinkPage::sample();
  auto html = loaded().render(page);
  CHECK(html.find("<h1>Continue with Example &lt;SSO&gt;</h1>") != std::string::npos);
  CHECK(html.find("name=\"username\" value=\"alice\" autocomplete") != std::string::npos);
  CHECK(html.find("name=\"import_displayname\" value=\"on\" checked> Use the display name "
                  "<strong>Alice &lt;L&gt;</strong>") != std::string::npos);
  CHECK(html.find("Email address: <strong>alice@example.org</strong>") != std::string::npos);
  CHECK(html.find("value=\"link\"") == std::string::npos);
  page.username_locked = true;
  CHECK(loaded().render(page).find("value=\"alice\" readonly>") != std::string::npos);
  page.link_to_username = "bob";
  html = loaded().render(page);
  CHECK(html.find("<button type=\"submit\" name=\"action\" value=\"link\">Link to bob</button>") !=
        std::string::npos);
  CHECK(html.find("name=\"username\"") == std::string::npos);
}

TEST_CASE("only base.html's content slot is unescaped") {
  std::regex triple("\\{\\{\\{|\\{\\{&");
  for (const auto& name : Templates::names()) {
    std::ifstream in(std::filesystem::path(default_templates_dir()) / name);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto count = std::distance(std::sregex_iterator(text.begin(), text.end(), triple),
                               std::sregex_iterator());
    CHECK_MESSAGE(count == (name == "base.html" ? 1 : 0), name);
  }
}

TEST_CASE("a missing or unparsable template is a config error naming the file") {
  const auto dir = std::filesystem::temp_directory_path() / "gatehouse-templates-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& name : Templates::names()) {
    std::filesystem::copy_file(std::filesystem::path(default_templates_dir()) / name, dir / name);
  }
  CHECK(Templates::load(dir.string()));
  std::ofstream(dir / "login.html") << "{{#open}} never closed";
  auto broken = Templates::load(dir.string());
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == ErrorCode::kConfig);
  CHECK(broken.error().message.find("login.html") != std::string::npos);
  std::filesystem::remove(dir / "login.html");
  CHECK(Templates::load(dir.string()).error().message.find("login.html") != std::string::npos);
  // A page added by a later release, missing from a customised directory:
  // the built-in one is used, and said so.
  auto with_fallback = Templates::load(dir.string(), default_templates_dir());
  REQUIRE(with_fallback);
  CHECK(with_fallback->from_fallback() == std::vector<std::string>{"login.html"});
  CHECK(with_fallback->render(LoginPage::sample()).find("<label for=\"username\">") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gatehouse::web

#include "auth/upstream/provider.h"

namespace gatehouse::auth::upstream {
namespace {

Result<ClaimsTemplate> compile_at(const std::string& text, const std::string& key_path) {
  auto compiled = ClaimsTemplate::compile(text);
  if (!compiled) {
    return fail(ErrorCode::kConfig,
                key_path + ": " + compiled.error().message + " (template \"" + text + "\")");
  }
  return compiled;
}

}  // namespace

std::string UpstreamProvider::name() const {
  if (config.human_name) return *config.human_name;
  if (!config.issuer.empty()) return config.issuer;
  return config.id;
}

Result<std::shared_ptr<const UpstreamProviders>> UpstreamProviders::compile(
    const config::UpstreamOAuth2Config& config) {
  auto out = std::make_shared<UpstreamProviders>();
  for (std::size_t i = 0; i < config.providers.size(); ++i) {
    const auto& c = config.providers[i];
    if (!c.enabled) continue;
    const std::string at = "upstream_oauth2.providers[" + std::to_string(i) + "].";
    const std::string imports = at + "claims_imports.";
    const auto& ci = c.claims_imports;
    GH_TRY(auto subject, compile_at(ci.subject_template, imports + "subject.template"));
    GH_TRY(auto localpart, compile_at(ci.localpart.template_text, imports + "localpart.template"));
    GH_TRY(auto displayname,
           compile_at(ci.displayname.template_text, imports + "displayname.template"));
    GH_TRY(auto email, compile_at(ci.email.template_text, imports + "email.template"));
    UpstreamProvider p{c, std::move(subject), std::move(localpart), std::move(displayname),
                       std::move(email), std::nullopt, {}};
    if (ci.account_name_template) {
      GH_TRY(p.account_name,
             compile_at(*ci.account_name_template, imports + "account_name.template"));
    }
    for (const auto& [name, text] : c.additional_authorization_parameters) {
      GH_TRY(auto t, compile_at(text, at + "additional_authorization_parameters." + name));
      p.authorization_parameters.emplace_back(name, std::move(t));
    }
    out->providers_.push_back(std::move(p));
  }
  return std::shared_ptr<const UpstreamProviders>(std::move(out));
}

const UpstreamProvider* UpstreamProviders::find(std::string_view id) const {
  for (const auto& p : providers_) {
    if (p.id() == id) return &p;
  }
  return nullptr;
}

}  // namespace gatehouse::auth::upstream

// The configured upstream providers, with their templates compiled once at
// start. A template Gatehouse cannot render stops the start with an error
// naming its key, so a login never renders something the operator did not
// write.
// Thread safety: immutable after compile().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/upstream/claims_template.h"
#include "shared/config/upstream_oauth2.h"
#include "shared/core/error.h"

namespace gatehouse::auth::upstream {

struct UpstreamProvider {
  config::UpstreamProviderConfig config;
  ClaimsTemplate subject;
  ClaimsTemplate localpart;
  ClaimsTemplate displayname;
  ClaimsTemplate email;
  std::optional<ClaimsTemplate> account_name;
  std::vector<std::pair<std::string, ClaimsTemplate>> authorization_parameters;

  const std::string& id() const { return config.id; }
  // human_name, else the issuer, else the id: what the pages call it.
  std::string name() const;
};

class UpstreamProviders {
 public:
  // kConfig: "upstream_oauth2.providers[0].claims_imports.localpart.template:
  // <why>". Disabled providers are kept out.
  static Result<std::shared_ptr<const UpstreamProviders>> compile(
      const config::UpstreamOAuth2Config& config);

  // An enabled provider by id; nullptr when unknown or disabled.
  const UpstreamProvider* find(std::string_view id) const;
  const std::vector<UpstreamProvider>& all() const { return providers_; }

 private:
  std::vector<UpstreamProvider> providers_;
};

}  // namespace gatehouse::auth::upstream

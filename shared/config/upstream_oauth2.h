// `upstream_oauth2`: upstream identity providers (MAS:
// crates/config/src/sections/upstream_oauth2.rs). Only what the login
// pages list is read so far: each provider's id, human_name and brand_name
// (the compat GET /login names them in m.login.sso's identity_providers).
// Upstream login itself is not built yet: the provider's other settings
// are reported as unsupported.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct UpstreamProviderConfig {
  std::string id;  // a ULID in MAS; required
  std::optional<std::string> human_name;
  std::optional<std::string> brand_name;  // "google", "github", "apple", ...
};

struct UpstreamOAuth2Config {
  std::vector<UpstreamProviderConfig> providers;  // default none
};

void decode(Section& section, UpstreamOAuth2Config& out);

}  // namespace gatehouse::config

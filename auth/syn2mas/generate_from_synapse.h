// `gatehouse config generate --synapse-config homeserver.yaml`: a new
// config that fits the Synapse server it replaces (MAS's
// adjust_mas_config): its server name and public URL, a password scheme
// that checks its hashes (bcrypt with its pepper) and a newer argon2id one,
// registration as it was, and an upstream provider for each of its OIDC
// providers, named for syn2mas by synapse_idp_id.
#pragma once

#include <string>
#include <vector>

#include "auth/syn2mas/synapse_config.h"
#include "shared/config/generate.h"

namespace gatehouse::auth::syn2mas {

// Fills `options`; returns warnings for what could not be carried over
// (e.g. a Synapse template the upstream templates cannot render).
std::vector<std::string> adapt_generate_options(const SynapseConfig& synapse,
                                                config::GenerateOptions& options);

}  // namespace gatehouse::auth::syn2mas

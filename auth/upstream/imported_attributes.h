// What an upstream sign-in tells about the person: the claims of the ID
// token and of userinfo merged into the template context MAS gives its
// templates (`user`, `id_token_claims`, `userinfo_claims`), and each
// claims_imports attribute rendered from it. Pure functions.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/upstream/provider.h"

namespace gatehouse::auth::upstream {

// `user` is the ID token's claims with userinfo's added over them.
nlohmann::json claims_context(const nlohmann::json& id_token_claims,
                              const nlohmann::json& userinfo_claims);

struct ImportedAttributes {
  std::string subject;                      // never empty (check_id_token)
  std::optional<std::string> localpart;     // nullopt: rendered empty
  std::optional<std::string> displayname;
  std::optional<std::string> email;
  std::optional<std::string> account_name;  // shown, e.g. "@alice"
};

// Renders every template; an attribute rendering empty is nullopt. The
// subject falls back to `sub` if its template renders empty.
ImportedAttributes import_attributes(const UpstreamProvider& provider,
                                     const nlohmann::json& context);

}  // namespace gatehouse::auth::upstream

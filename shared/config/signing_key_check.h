// Checks that secrets.keys can sign what OIDC needs: each PEM loads, and at
// least one key is RSA (RS256 is mandatory for ID tokens, OIDC Core §15.1).
// Kept apart from secrets.cc so that the section decoder stays free of
// OpenSSL.
#pragma once

#include "shared/config/decode.h"
#include "shared/config/secrets.h"

namespace gatehouse::config {

// Records an error on `secrets.keys[i]` for each key that does not load and
// on `secrets.keys` when no key is RSA.
void check_signing_keys(Section& secrets, const SecretsConfig& config);

}  // namespace gatehouse::config

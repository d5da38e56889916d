#include "shared/config/signing_key_check.h"

#include "shared/crypto/signing_key.h"

namespace gatehouse::config {

void check_signing_keys(Section& s, const SecretsConfig& config) {
  if (config.keys.empty()) {
    if (s.has("keys")) {
      s.diag().error(s.path("keys"), "at least one signing key is needed, and one of them RSA");
    }
    return;  // an absent list is already reported by decode()
  }
  bool any_rsa = false;
  bool all_loaded = true;
  for (std::size_t i = 0; i < config.keys.size(); ++i) {
    const SigningKeyConfig& key = config.keys[i];
    if (key.pem.empty()) {  // missing or unreadable: already reported
      all_loaded = false;
      continue;
    }
    auto loaded = crypto::SigningKey::from_pem(key.pem, key.password, key.kid);
    if (!loaded) {
      // The crypto message names the problem (wrong password, unsupported
      // curve...) and never the key material.
      s.diag().error(index_path(s.path("keys"), i), "unusable key: " + loaded.error().message);
      all_loaded = false;
      continue;
    }
    any_rsa = any_rsa || loaded->type() == crypto::KeyType::kRsa;
  }
  if (all_loaded && !any_rsa) {
    s.diag().error(s.path("keys"),
                   "at least one RSA key is needed (OpenID Connect requires RS256); "
                   "`openssl genpkey -algorithm RSA` makes one");
  }
}

}  // namespace gatehouse::config

#include "shared/config/signing_key_check.h"

namespace gatehouse::config {

void check_signing_keys(Section& s, const SecretsConfig& config) {
  if (config.keys.empty() && s.has("keys")) {
    s.diag().error(s.path("keys"), "at least one signing key is needed, and one of them RSA");
  }
  // TODO(config): load each PEM with crypto::SigningKey once it lands and
  // require an RSA key.
}

}  // namespace gatehouse::config

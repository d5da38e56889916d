#include "shared/config/matrix.h"

namespace gatehouse::config {

void decode(Section& s, MatrixConfig& out) {
  std::string kind;
  if (s.get_enum("kind", kind, {"synapse", "synapse_modern", "synapse_legacy", "synapse_read_only"})) {
    if (kind == "synapse_legacy" || kind == "synapse_read_only") {
      s.diag().warning(s.path("kind"), "kind `" + kind +
                                           "` is not supported yet; using `synapse` (the modern "
                                           "MAS API on the homeserver)");
    }
  }
  s.require("homeserver", "the homeserver's server_name, e.g. example.com");
  s.get("homeserver", out.homeserver);
  if (auto secret = s.secret("secret")) {
    if (secret->empty()) {
      s.diag().error(s.path(s.has("secret") ? "secret" : "secret_file"), "must not be empty");
    }
    out.secret = *secret;
  } else if (!s.has("secret_file")) {
    s.require("secret", "a shared secret also set in the homeserver's config");
  }
  s.get_url("endpoint", out.endpoint, /*trailing_slash=*/true);
  s.get("app_service_config_files", out.app_service_config_files);
}

}  // namespace gatehouse::config

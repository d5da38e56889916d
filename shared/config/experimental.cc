#include "shared/config/experimental.h"

namespace gatehouse::config {

void decode(Section& s, ExperimentalConfig& out) {
  s.get_int("access_token_ttl", out.access_token_ttl, 60, 86400);
  s.get_int("compat_token_ttl", out.compat_token_ttl, 60, 86400);
  for (const char* key : {"inactive_session_expiration", "plan_management_iframe_uri",
                          "session_limit"}) {
    s.unsupported(key);
  }
}

}  // namespace gatehouse::config

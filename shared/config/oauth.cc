#include "shared/config/oauth.h"

namespace gatehouse::config {

void decode(Section& s, OAuthConfig& out) {
  s.get("device_code_grant_enabled", out.device_code_grant_enabled);
  s.get("device_code_user_code_auto_fill_enabled", out.device_code_user_code_auto_fill_enabled);
  s.get("dynamic_registration_enabled", out.dynamic_registration_enabled);
  s.get("registration_allowed_hosts", out.registration_allowed_hosts);
  s.get("admin_clients", out.admin_clients);
}

}  // namespace gatehouse::config

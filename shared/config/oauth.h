// `oauth`: switches of the OAuth 2.0 endpoints. MAS: crates/config/src/
// sections/oauth.rs has the two device-code keys; the registration and
// admin-client keys are Gatehouse's (MAS users ask for them; MAS puts admin
// clients in policy data).
#pragma once

#include <string>
#include <vector>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct OAuthConfig {
  // RFC 8628 device authorization (POST /oauth2/device). Default true.
  bool device_code_grant_enabled = true;
  // Send verification_uri_complete (/link?code=...). MAS default false;
  // Gatehouse default true (a QR code then needs no typing).
  bool device_code_user_code_auto_fill_enabled = true;
  // Gatehouse only: RFC 7591 dynamic client registration at
  // POST /oauth2/registration. Default true (Matrix clients need it).
  bool dynamic_registration_enabled = true;
  // Gatehouse only: when non-empty, dynamically registered redirect URIs
  // (and client_uri) must be on one of these hosts or their subdomains;
  // loopback redirect URIs of native clients stay allowed. Default empty.
  std::vector<std::string> registration_allowed_hosts;
  // Gatehouse only: client IDs that may get `urn:mas:admin` through
  // client_credentials (MAS: policy data `admin_clients`). Default empty.
  std::vector<std::string> admin_clients;
};

void decode(Section& section, OAuthConfig& out);

}  // namespace gatehouse::config

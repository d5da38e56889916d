// `experimental`: token lifetimes. MAS's other experimental switches
// (inactive_session_expiration, session_limit, plan_management_iframe_uri)
// are reported as unsupported.
#pragma once

#include "shared/config/decode.h"

namespace gatehouse::config {

struct ExperimentalConfig {
  // Seconds an OAuth access token lives, 60..86400. Default 300.
  int access_token_ttl = 300;
  // Seconds a refreshable compat access token lives, 60..86400. Default 300.
  int compat_token_ttl = 300;
};

void decode(Section& section, ExperimentalConfig& out);

}  // namespace gatehouse::config

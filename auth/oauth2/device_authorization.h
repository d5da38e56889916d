// POST /oauth2/device (RFC 8628 §3.1-3.2): a device asks to be authorized.
// device_code: 32 alphanumerics (only its fingerprint is stored); user_code:
// 6 upper-case alphanumerics typed on /link; expires_in 1200; interval 5;
// verification_uri = public_base + "link", and verification_uri_complete
// unless oauth.device_code_user_code_auto_fill_enabled is false.
#pragma once

#include <nlohmann/json.hpp>

#include "auth/oauth2/context.h"
#include "auth/oauth2/form.h"
#include "auth/oauth2/oauth_error.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::oauth2 {

inline constexpr std::int64_t kDeviceCodeLifetimeS = 1200;
inline constexpr std::int64_t kDevicePollIntervalS = 5;

// Authenticates the client, validates the scope, stores the grant; commits.
OAuthResult<nlohmann::json> handle_device_authorization(const OAuth2Context& context,
                                                        std::string_view authorization_header,
                                                        const Form& form);

void register_device_authorization_route(http::Routes& routes, const OAuth2Context& context);

}  // namespace gatehouse::auth::oauth2

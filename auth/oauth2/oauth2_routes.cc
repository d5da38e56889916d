#include "auth/oauth2/oauth2_routes.h"

#include "auth/oauth2/device_authorization.h"
#include "auth/oauth2/discovery.h"
#include "auth/oauth2/introspection.h"
#include "auth/oauth2/registration.h"
#include "auth/oauth2/revocation.h"
#include "auth/oauth2/token_endpoint.h"

namespace gatehouse::auth::oauth2 {

void register_oauth2_routes(http::Routes& routes, const OAuth2Context& ctx) {
  register_discovery_routes(routes, ctx);
  register_keys_route(routes, ctx);
  register_token_route(routes, ctx);
  register_introspection_route(routes, ctx);
  register_revocation_route(routes, ctx);
  register_registration_route(routes, ctx);
  register_device_authorization_route(routes, ctx);
  // Element Web calls these from its own origin (MAS puts CORS on its API).
  for (const char* path : {"/oauth2/token", "/oauth2/revoke", "/oauth2/registration",
                           "/oauth2/device", "/oauth2/introspect"}) {
    routes.add("oauth", http::Method::kOptions, path,
               [](const httplib::Request&, httplib::Response& res) {
                 res.status = 204;
                 res.set_header("Access-Control-Allow-Origin", "*");
                 res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
                 res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
                 res.set_header("Access-Control-Max-Age", "86400");
               });
  }
}

}  // namespace gatehouse::auth::oauth2

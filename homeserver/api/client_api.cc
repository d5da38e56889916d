#include "homeserver/api/client_api.h"

namespace gatehouse::homeserver::api {

std::vector<std::string> client_paths(const std::string& suffix) {
  return {"/_matrix/client/r0" + suffix, "/_matrix/client/v3" + suffix};
}

void add_client_route(http::Routes& routes, http::Method method,
                      const std::vector<std::string>& paths, ApiHandler handler) {
  for (const auto& path : paths) routes.add("client", method, path, json_handler(handler));
}

ApiResult<introspection::Requester> authenticate_user(const Context& ctx,
                                                      const httplib::Request& req) {
  GH_API_TRY(auto requester, ctx.authenticator.authenticate(req));
  if (requester.from_auth_service) {
    return api_fail(403, "M_FORBIDDEN", "The auth service's secret is not a user's access token");
  }
  return requester;
}

}  // namespace gatehouse::homeserver::api

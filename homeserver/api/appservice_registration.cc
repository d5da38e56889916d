// POST /_matrix/client/{r0,v3}/register for appservices
// (m.login.application_service): the only registration the homeserver does
// itself; people register at the auth service. The username must be in the
// appservice's namespace. Under MSC4190 the appservice then creates the
// user's devices with PUT /devices/{id}.
#include "homeserver/api/client_api.h"
#include "homeserver/storage/user_repository.h"

namespace gatehouse::homeserver::api {

void register_appservice_registration(http::Routes& routes, Context& ctx) {
  add_client_route(
      routes, http::Method::kPost, client_paths("/register"),
      [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
        GH_API_TRY(auto body, parse_json_object(req));
        if (body.value("type", "") != "m.login.application_service") {
          return api_fail(403, "M_FORBIDDEN",
                          "Registration happens at the authentication service");
        }
        GH_API_TRY(auto requester, ctx.authenticator.authenticate(req));
        if (!requester.appservice) {
          return api_fail(401, "M_MISSING_TOKEN", "Appservice token required");
        }
        const std::string localpart = body.value("username", "");
        const std::string user_id = ctx.user_id(localpart);
        if (localpart.empty() || !requester.appservice->may_act_as(user_id, ctx.config.server_name)) {
          return api_fail(400, "M_EXCLUSIVE", "User ID is not in the appservice's namespace");
        }
        GH_API_TRY(auto tx, ctx.db->begin());
        GH_API_TRY(auto existing, storage::users::find(*tx, localpart));
        if (existing) return api_fail(400, "M_USER_IN_USE", "User ID already taken.");
        storage::User user;
        user.localpart = localpart;
        user.created_at = ctx.clock.unix_millis();
        GH_API_TRY_STATUS(storage::users::insert(*tx, user));
        GH_API_TRY_STATUS(tx->commit());
        return Reply{200, {{"user_id", user_id}, {"home_server", ctx.config.server_name}}};
      });
}

}  // namespace gatehouse::homeserver::api

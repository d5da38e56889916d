// GET /_matrix/client/{r0,v3}/account/whoami and /capabilities.
#include "homeserver/api/client_api.h"

namespace gatehouse::homeserver::api {
namespace {

// Password changes belong to the auth service; so do 3PID changes.
nlohmann::json capabilities_document() {
  return {{"capabilities",
           {{"m.change_password", {{"enabled", false}}},
            {"m.3pid_changes", {{"enabled", false}}},
            {"m.set_displayname", {{"enabled", true}}},
            {"m.set_avatar_url", {{"enabled", true}}},
            {"m.room_versions", {{"default", "10"}, {"available", {{"10", "stable"}}}}}}}};
}

}  // namespace

void register_account(http::Routes& routes, Context& ctx) {
  add_client_route(routes, http::Method::kGet, client_paths("/account/whoami"),
                   [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
                     GH_API_TRY(auto requester, authenticate_user(ctx, req));
                     Reply reply;
                     if (requester.token && !requester.token->whoami.empty()) {
                       reply.rendered = requester.token->whoami;
                       return reply;
                     }
                     reply.body = {{"user_id", ctx.user_id(requester.localpart)}, {"is_guest", false}};
                     if (requester.device_id) reply.body["device_id"] = *requester.device_id;
                     return reply;
                   });
  add_client_route(routes, http::Method::kGet, client_paths("/capabilities"),
                   [&ctx, doc = capabilities_document()](const httplib::Request& req,
                                                         const http::PathParams&) -> ApiResult<Reply> {
                     GH_API_TRY_STATUS(authenticate_user(ctx, req));
                     return Reply{200, doc};
                   });
}

}  // namespace gatehouse::homeserver::api

// POST /_gatehouse/v1/invalidate: Gatehouse's extension of the protocol
// (docs/homeserver.md). The auth service calls it when a session ends so
// the homeserver forgets cached introspection results at once:
//   {"token_fingerprints": ["<hex sha256>", ...]}        those tokens
//   {"localpart": "alice", "device_id": "ABCD"}          that device's tokens
//   {"localpart": "alice"}                               all of the user's
// Any combination in one body. Answers 200 {}.
#include "homeserver/provisioning/provisioning.h"
#include "homeserver/provisioning/request.h"

namespace gatehouse::homeserver::provisioning {

void register_invalidate_route(http::Routes& routes, Context& ctx) {
  add_route(routes, http::Method::kPost, "/_gatehouse/v1/invalidate", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) -> api::ApiResult<api::Reply> {
              GH_API_TRY(auto body, api::parse_json_object(req));
              GH_API_TRY(auto fingerprints, optional_strings(body, "token_fingerprints"));
              GH_API_TRY(auto localpart, optional_string(body, "localpart"));
              GH_API_TRY(auto device_id, optional_string(body, "device_id"));
              if (device_id && !localpart) {
                return api::api_fail(400, "M_BAD_JSON", "`device_id` needs `localpart`");
              }
              if (fingerprints) {
                for (const auto& fingerprint : *fingerprints) ctx.cache.erase(fingerprint);
              }
              if (localpart && device_id) {
                ctx.cache.evict_device(*localpart, *device_id);
              } else if (localpart) {
                ctx.cache.evict_user(*localpart);
              }
              return api::Reply{};
            });
}

}  // namespace gatehouse::homeserver::provisioning

// GET /profile/{userId}, GET/PUT /profile/{userId}/displayname and
// /avatar_url. Reading needs no token (Synapse's default,
// require_auth_for_profile_requests: false); writing is for one's own
// profile only.
#include "homeserver/api/client_api.h"
#include "homeserver/storage/user_repository.h"

namespace gatehouse::homeserver::api {
namespace {

namespace users = storage::users;

struct Field {
  const char* name;  // "displayname" or "avatar_url"
  std::size_t max_length;
  Status (*set)(gatehouse::storage::Transaction&, std::string_view, const std::optional<std::string>&);
  std::optional<std::string> storage::Profile::*member;
};

constexpr Field kFields[] = {
    {"displayname", 256, &users::set_displayname, &storage::Profile::displayname},
    {"avatar_url", 1000, &users::set_avatar_url, &storage::Profile::avatar_url},
};

ApiResult<storage::Profile> load_profile(const Context& ctx, std::string_view user_id) {
  auto localpart = ctx.local_localpart(user_id);
  if (!localpart) return api_fail(404, "M_NOT_FOUND", "Profile was not found");
  GH_API_TRY(auto tx, ctx.db->begin(gatehouse::storage::TxMode::kRead));
  GH_API_TRY(auto user, users::find(*tx, *localpart));
  if (!user) return api_fail(404, "M_NOT_FOUND", "Profile was not found");
  GH_API_TRY(auto profile, users::profile(*tx, *localpart));
  return profile;
}

ApiResult<Reply> put_field(Context& ctx, const Field& field, const httplib::Request& req,
                           std::string_view user_id) {
  GH_API_TRY(auto requester, authenticate_user(ctx, req));
  if (user_id != ctx.user_id(requester.localpart)) {
    return api_fail(403, "M_FORBIDDEN", std::string("Cannot set another user's ") + field.name);
  }
  GH_API_TRY(auto body, parse_json_object(req));
  auto value = body.find(field.name);
  if (value == body.end() || !(value->is_string() || value->is_null())) {
    return api_fail(400, "M_MISSING_PARAM", std::string("Missing key '") + field.name + "'");
  }
  std::optional<std::string> text;
  if (value->is_string()) text = value->get<std::string>();
  if (text && text->size() > field.max_length) {
    return api_fail(400, "M_TOO_LARGE", std::string(field.name) + " is too long");
  }
  GH_API_TRY(auto tx, ctx.db->begin());
  GH_API_TRY_STATUS(field.set(*tx, requester.localpart, text));
  GH_API_TRY_STATUS(tx->commit());
  return Reply{};
}

}  // namespace

void register_profile(http::Routes& routes, Context& ctx) {
  add_client_route(routes, http::Method::kGet, client_paths("/profile/{user_id}"),
                   [&ctx](const httplib::Request&, const http::PathParams& params) -> ApiResult<Reply> {
                     GH_API_TRY(auto profile, load_profile(ctx, params.get("user_id")));
                     Reply reply;
                     for (const auto& field : kFields) {
                       if (profile.*field.member) reply.body[field.name] = *(profile.*field.member);
                     }
                     return reply;
                   });
  for (const Field& field : kFields) {
    const auto paths = client_paths(std::string("/profile/{user_id}/") + field.name);
    add_client_route(routes, http::Method::kGet, paths,
                     [&ctx, &field](const httplib::Request&, const http::PathParams& params) -> ApiResult<Reply> {
                       GH_API_TRY(auto profile, load_profile(ctx, params.get("user_id")));
                       Reply reply;
                       if (profile.*field.member) reply.body[field.name] = *(profile.*field.member);
                       return reply;
                     });
    add_client_route(routes, http::Method::kPut, paths,
                     [&ctx, &field](const httplib::Request& req, const http::PathParams& params) {
                       return put_field(ctx, field, req, params.get("user_id"));
                     });
  }
}

}  // namespace gatehouse::homeserver::api

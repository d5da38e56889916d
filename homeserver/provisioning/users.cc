// /_synapse/mas/ user endpoints: query_user, provision_user,
// is_localpart_available, delete_user, reactivate_user, set_displayname,
// unset_displayname, allow_cross_signing_reset.
#include "homeserver/provisioning/provisioning.h"
#include "homeserver/provisioning/request.h"
#include "homeserver/storage/device_repository.h"
#include "homeserver/storage/user_repository.h"

namespace gatehouse::homeserver::provisioning {
namespace {

using api::ApiResult;
using api::Reply;
using nlohmann::json;
namespace users = storage::users;

// Synapse (synapse/rest/synapse/mas/users.py): 10 minutes.
constexpr std::int64_t kCrossSigningResetMs = 10 * 60 * 1000;

ApiResult<std::string> query_localpart(const httplib::Request& req) {
  auto it = req.params.find("localpart");
  if (it == req.params.end() || it->second.empty()) {
    return api::api_fail(400, "M_MISSING_PARAM", "Missing localpart");
  }
  return it->second;
}

json optional_json(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

ApiResult<Reply> query_user(const Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto localpart, query_localpart(req));
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY(auto user, users::find(*tx, localpart));
  if (!user) return api::api_fail(404, "M_NOT_FOUND", "User not found");
  GH_API_TRY(auto profile, users::profile(*tx, localpart));
  return Reply{200, {{"user_id", ctx.user_id(localpart)},
                     {"display_name", optional_json(profile.displayname)},
                     {"avatar_url", optional_json(profile.avatar_url)},
                     {"is_suspended", user->is_suspended},
                     {"is_deactivated", user->deactivated}}};
}

ApiResult<Reply> provision_user(const Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto body, api::parse_json_object(req));
  GH_API_TRY(auto r, parse_provision_user(body));
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY(auto existing, users::find(*tx, r.localpart));
  storage::User user;
  if (existing) {
    user = *existing;
  } else {
    user.localpart = r.localpart;
    user.created_at = ctx.clock.unix_millis();
  }
  if (r.locked) user.locked = *r.locked;
  if (existing) {
    GH_API_TRY_STATUS(users::update_flags(*tx, user));
  } else {
    GH_API_TRY_STATUS(users::insert(*tx, user));
  }
  if (r.set_displayname) GH_API_TRY_STATUS(users::set_displayname(*tx, r.localpart, r.set_displayname));
  if (r.unset_displayname) GH_API_TRY_STATUS(users::set_displayname(*tx, r.localpart, std::nullopt));
  if (r.set_avatar_url) GH_API_TRY_STATUS(users::set_avatar_url(*tx, r.localpart, r.set_avatar_url));
  if (r.unset_avatar_url) GH_API_TRY_STATUS(users::set_avatar_url(*tx, r.localpart, std::nullopt));
  if (r.set_emails || r.unset_emails) {
    GH_API_TRY_STATUS(users::replace_emails(*tx, r.localpart, r.set_emails.value_or(std::vector<std::string>{}),
                                            ctx.clock.unix_millis()));
  }
  GH_API_TRY_STATUS(tx->commit());
  return Reply{existing ? 200 : 201, json::object()};
}

ApiResult<Reply> is_localpart_available(const Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto localpart, query_localpart(req));
  if (!is_valid_localpart(localpart, ctx.config.server_name)) {
    return api::api_fail(400, "M_INVALID_USERNAME", "User ID can only contain characters a-z, 0-9, or '=_-./+' and may not begin with '_'");
  }
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY(auto user, users::find(*tx, localpart));
  if (user) return api::api_fail(400, "M_USER_IN_USE", "User ID already taken.");
  if (ctx.appservices.is_exclusive(ctx.user_id(localpart))) {
    return api::api_fail(400, "M_EXCLUSIVE", "This user ID is reserved by an application service.");
  }
  return Reply{};
}

ApiResult<Reply> delete_user(Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto body, api::parse_json_object(req));
  GH_API_TRY(auto localpart, required_string(body, "localpart"));
  GH_API_TRY(bool erase, optional_bool(body, "erase", false));
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY(auto user, users::find(*tx, localpart));
  if (!user) return api::api_fail(404, "M_NOT_FOUND", "User not found");
  user->deactivated = true;
  GH_API_TRY_STATUS(users::update_flags(*tx, *user));
  // As Synapse's deactivation: devices and third-party IDs go; the profile
  // goes only when the data is erased.
  GH_API_TRY_STATUS(storage::devices::remove_all(*tx, localpart));
  GH_API_TRY_STATUS(users::replace_emails(*tx, localpart, {}, ctx.clock.unix_millis()));
  if (erase) {
    GH_API_TRY_STATUS(users::set_displayname(*tx, localpart, std::nullopt));
    GH_API_TRY_STATUS(users::set_avatar_url(*tx, localpart, std::nullopt));
  }
  GH_API_TRY_STATUS(tx->commit());
  ctx.cache.evict_user(localpart);
  return Reply{};
}

// Applies `change` to an existing user in one transaction.
template <class Change>
ApiResult<Reply> change_user(const Context& ctx, const std::string& localpart, Change change) {
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY_STATUS(require_user(*tx, localpart));
  GH_API_TRY_STATUS(change(*tx));
  GH_API_TRY_STATUS(tx->commit());
  return Reply{};
}

ApiResult<std::string> body_localpart(const httplib::Request& req, json* body_out = nullptr) {
  GH_API_TRY(auto body, api::parse_json_object(req));
  GH_API_TRY(auto localpart, required_string(body, "localpart"));
  if (body_out) *body_out = std::move(body);
  return localpart;
}

}  // namespace

void register_user_routes(http::Routes& routes, Context& ctx) {
  using http::Method;
  add_route(routes, Method::kGet, "/_synapse/mas/query_user", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) { return query_user(ctx, req); });
  add_route(routes, Method::kPost, "/_synapse/mas/provision_user", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) { return provision_user(ctx, req); });
  add_route(routes, Method::kGet, "/_synapse/mas/is_localpart_available", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) {
              return is_localpart_available(ctx, req);
            });
  add_route(routes, Method::kPost, "/_synapse/mas/delete_user", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) { return delete_user(ctx, req); });
  add_route(routes, Method::kPost, "/_synapse/mas/reactivate_user", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
              GH_API_TRY(auto localpart, body_localpart(req));
              return change_user(ctx, localpart, [&](auto& tx) -> Status {
                GH_TRY(auto user, users::find(tx, localpart));
                user->deactivated = false;  // require_user ran first
                return users::update_flags(tx, *user).map([](bool) {});
              });
            });
  add_route(routes, Method::kPost, "/_synapse/mas/set_displayname", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
              json body;
              GH_API_TRY(auto localpart, body_localpart(req, &body));
              GH_API_TRY(auto displayname, required_string(body, "displayname"));
              return change_user(ctx, localpart, [&](auto& tx) {
                return users::set_displayname(tx, localpart, displayname);
              });
            });
  add_route(routes, Method::kPost, "/_synapse/mas/unset_displayname", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
              GH_API_TRY(auto localpart, body_localpart(req));
              return change_user(ctx, localpart, [&](auto& tx) {
                return users::set_displayname(tx, localpart, std::nullopt);
              });
            });
  add_route(routes, Method::kPost, "/_synapse/mas/allow_cross_signing_reset", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
              GH_API_TRY(auto localpart, body_localpart(req));
              return change_user(ctx, localpart, [&](auto& tx) {
                return users::allow_cross_signing_reset(
                    tx, localpart, ctx.clock.unix_millis() + kCrossSigningResetMs);
              });
            });
}

}  // namespace gatehouse::homeserver::provisioning

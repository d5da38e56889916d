#include "auth/compat/compat_routes.h"

#include "shared/http/response.h"

namespace gatehouse::auth::compat {
namespace {

constexpr const char* kResource = "compat";
constexpr const char* kPrefix = "/_matrix/client/{version}";

using JsonHandler = CompatResult<nlohmann::json> (*)(const CompatContext&, const httplib::Request&);

void add_json_route(http::Routes& routes, const CompatContext& ctx, http::Method method,
                    const char* path, JsonHandler handler) {
  routes.add(kResource, method, std::string(kPrefix) + path,
             [&ctx, handler](const httplib::Request& req, httplib::Response& res) {
               auto result = handler(ctx, req);
               if (!result) return write_compat_error(res, result.error());
               http::write_json(res, 200, *result);
             });
}

}  // namespace

void register_compat_routes(http::Routes& routes, const CompatContext& ctx) {
  routes.add(kResource, http::Method::kGet, std::string(kPrefix) + "/login",
             [&ctx](const httplib::Request&, httplib::Response& res) {
               http::write_json(res, 200, login_flows(ctx));
             });
  add_json_route(routes, ctx, http::Method::kPost, "/login", handle_login);
  add_json_route(routes, ctx, http::Method::kPost, "/logout", handle_logout);
  add_json_route(routes, ctx, http::Method::kPost, "/logout/all", handle_logout_all);
  add_json_route(routes, ctx, http::Method::kPost, "/refresh", handle_refresh);
  const auto sso = [&ctx](const httplib::Request& req, httplib::Response& res,
                          const http::PathParams& params) {
    auto location = handle_sso_redirect(ctx, req, params.get("idp_id"));
    if (!location) return write_compat_error(res, location.error());
    res.status = 302;
    res.set_header("Location", *location);
  };
  for (const char* path : {"/login/sso/redirect", "/login/sso/redirect/",
                           "/login/sso/redirect/{idp_id}"}) {
    routes.add(kResource, http::Method::kGet, std::string(kPrefix) + path, http::ParamHandler(sso));
  }
}

}  // namespace gatehouse::auth::compat

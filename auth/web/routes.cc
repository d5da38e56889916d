#include "auth/web/routes.h"

#include <memory>

#include "auth/web/handlers.h"
#include "auth/web/web_context.h"

namespace gatehouse::web {

Status register_web_routes(http::Routes& routes, auth::AppState& state) {
  GH_TRY(std::shared_ptr<const WebContext> ctx, make_web_context(state));
  using http::Method;
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  using Params = const http::PathParams&;
  auto page = [ctx](void (*handler)(const WebContext&, Req, Res)) {
    return http::Handler([ctx, handler](Req req, Res res) { handler(*ctx, req, res); });
  };
  auto grant_page = [ctx](void (*handler)(const WebContext&, Req, Res, std::string_view)) {
    return http::ParamHandler([ctx, handler](Req req, Res res, Params params) {
      handler(*ctx, req, res, params.get("grant_id"));
    });
  };
  auto id_page = [ctx](void (*handler)(const WebContext&, Req, Res, std::string_view)) {
    return http::ParamHandler([ctx, handler](Req req, Res res, Params params) {
      handler(*ctx, req, res, params.get("id"));
    });
  };
  routes.add("human", Method::kGet, "/authorize", page(handle_authorize));
  routes.add("human", Method::kGet, "/login", page(handle_login_page));
  routes.add("human", Method::kPost, "/login", page(handle_login_submit));
  routes.add("human", Method::kGet, "/register", page(handle_register));
  routes.add("human", Method::kPost, "/register", page(handle_register));
  routes.add("human", Method::kPost, "/logout", page(handle_logout));
  routes.add("human", Method::kGet, "/consent/{grant_id}", grant_page(handle_consent));
  routes.add("human", Method::kPost, "/consent/{grant_id}", grant_page(handle_consent));
  routes.add("human", Method::kGet, "/complete-compat-sso/{grant_id}", grant_page(handle_compat_sso));
  routes.add("human", Method::kPost, "/complete-compat-sso/{grant_id}", grant_page(handle_compat_sso));
  routes.add("human", Method::kGet, "/link", page(handle_link));
  routes.add("human", Method::kPost, "/link", page(handle_link));
  routes.add("human", Method::kGet, "/device/{grant_id}", grant_page(handle_device_consent));
  routes.add("human", Method::kPost, "/device/{grant_id}", grant_page(handle_device_consent));
  routes.add("human", Method::kGet, "/oauth2/logout", page(handle_end_session));
  routes.add("human", Method::kGet, "/account", page(handle_account_redirect));
  routes.add("human", Method::kGet, "/.well-known/change-password",
             page(handle_change_password_redirect));
  routes.add("human", Method::kGet, "/account/", page(handle_account));
  routes.add("human", Method::kPost, "/account/", page(handle_account));
  routes.add("human", Method::kGet, "/upstream/authorize/{id}", id_page(handle_upstream_authorize));
  routes.add("human", Method::kGet, "/upstream/callback/{id}", id_page(handle_upstream_callback));
  routes.add("human", Method::kPost, "/upstream/callback/{id}", id_page(handle_upstream_callback));
  routes.add("human", Method::kGet, "/upstream/link/{id}", id_page(handle_upstream_link));
  routes.add("human", Method::kPost, "/upstream/link/{id}", id_page(handle_upstream_link));
  routes.add("human", Method::kGet, "/account/email/{id}", id_page(handle_account_email));
  routes.add("human", Method::kPost, "/account/email/{id}", id_page(handle_account_email));
  routes.add("human", Method::kGet, "/register/verify", page(handle_register_verify));
  routes.add("human", Method::kPost, "/register/verify", page(handle_register_verify));
  routes.add("human", Method::kGet, "/recover", page(handle_recover));
  routes.add("human", Method::kPost, "/recover", page(handle_recover));
  routes.add("human", Method::kGet, "/recover/{id}", id_page(handle_recover_link));
  routes.add("human", Method::kPost, "/recover/{id}", id_page(handle_recover_link));
  routes.add("oauth", Method::kGet, "/oauth2/userinfo", page(handle_userinfo));
  routes.add("oauth", Method::kPost, "/oauth2/userinfo", page(handle_userinfo));
  return ok();
}

}  // namespace gatehouse::web

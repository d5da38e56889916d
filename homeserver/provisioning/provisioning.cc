#include "homeserver/provisioning/provisioning.h"

#include "homeserver/introspection/authenticator.h"
#include "homeserver/storage/user_repository.h"
#include "shared/crypto/constant_time.h"

namespace gatehouse::homeserver::provisioning {

void register_provisioning(http::Routes& routes, Context& ctx) {
  register_user_routes(routes, ctx);
  register_device_routes(routes, ctx);
  register_invalidate_route(routes, ctx);
}

void add_route(http::Routes& routes, http::Method method, const char* path, const Context& ctx,
               api::ApiHandler handler) {
  routes.add("client", method, path,
             api::json_handler([&ctx, handler = std::move(handler)](
                                   const httplib::Request& req,
                                   const http::PathParams& params) -> api::ApiResult<api::Reply> {
               if (auto allowed = require_auth_service(req, ctx); !allowed) {
                 return tl::unexpected(allowed.error());
               }
               return handler(req, params);
             }));
}

api::ApiStatus require_auth_service(const httplib::Request& req, const Context& ctx) {
  const std::string& secret = ctx.config.matrix_authentication_service.secret;
  auto header = req.headers.find("Authorization");
  const std::string_view value = header == req.headers.end() ? "" : std::string_view(header->second);
  if (secret.empty() || !value.starts_with("Bearer ") ||
      !crypto::constant_time_equals(value.substr(7), secret)) {
    return api::api_fail(403, "M_FORBIDDEN", "This endpoint must only be called by MAS");
  }
  return {};
}

api::ApiResult<std::unique_ptr<gatehouse::storage::Transaction>> begin(const Context& ctx) {
  GH_API_TRY(auto tx, ctx.db->begin(gatehouse::storage::TxMode::kWrite));
  return tx;
}

api::ApiStatus require_user(gatehouse::storage::Transaction& tx, std::string_view localpart) {
  GH_API_TRY(auto user, storage::users::find(tx, localpart));
  if (!user) return api::api_fail(404, "M_NOT_FOUND", "User not found");
  return {};
}

bool is_valid_localpart(std::string_view localpart, std::string_view server_name) {
  if (localpart.empty() || localpart[0] == '_') return false;
  if (1 + localpart.size() + 1 + server_name.size() > 255) return false;
  for (char c : localpart) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '=' || c == '-' || c == '/' || c == '+';
    if (!ok) return false;
  }
  return true;
}

}  // namespace gatehouse::homeserver::provisioning

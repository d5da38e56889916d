#include "auth/admin/admin_request.h"

#include <spdlog/spdlog.h>

#include "auth/oauth2/scope.h"
#include "shared/http/response.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_token_repository.h"

namespace gatehouse::auth::admin {
namespace {

constexpr std::string_view kAdminScope = "urn:mas:admin";

AdminError unauthorized(std::string title) { return {401, std::move(title)}; }

}  // namespace

AdminError AdminError::internal(std::string_view what, const Error& error) {
  spdlog::error("admin api: {}: {}", what, error.describe());
  return {error.code == ErrorCode::kUnavailable ? 503 : 500, "Internal server error"};
}

tl::expected<nlohmann::json, AdminError> json_body(const httplib::Request& req) {
  if (req.body.empty()) return nlohmann::json::object();
  auto parsed = nlohmann::json::parse(req.body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return tl::unexpected(AdminError::bad_request("The request body must be a JSON object"));
  }
  return parsed;
}

tl::expected<void, AdminError> check_caller(const AdminContext& ctx, const httplib::Request& req) {
  const std::string authorization = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!std::string_view(authorization).starts_with(kBearer)) {
    return tl::unexpected(unauthorized("Missing or invalid access token"));
  }
  const std::string token(authorization.substr(kBearer.size()));
  auto type = ids::check_token(token);
  if (!type || *type != ids::TokenType::kAccessToken) {
    return tl::unexpected(unauthorized("Missing or invalid access token"));
  }
  auto tx = ctx.db->begin(storage::TxMode::kRead);
  if (!tx) return tl::unexpected(AdminError::internal("begin", tx.error()));
  auto found =
      storage::oauth2_access_tokens::introspect_by_fingerprint(**tx, ids::token_fingerprint(token));
  if (!found) return tl::unexpected(AdminError::internal("find access token", found.error()));
  if (!*found || !(*found)->is_active(ctx.clock->unix_millis())) {
    return tl::unexpected(unauthorized("Missing or invalid access token"));
  }
  const auto scope = oauth2::parse_scope((*found)->scope);
  if (std::find(scope.begin(), scope.end(), kAdminScope) == scope.end()) {
    return tl::unexpected(AdminError{403, "The access token does not have the urn:mas:admin scope"});
  }
  return {};
}

void write_admin_error(httplib::Response& res, const AdminError& error) {
  if (error.status == 401) res.set_header("WWW-Authenticate", "Bearer");
  http::write_jsonapi_error(res, error.status, error.title);
}

void write_admin_reply(httplib::Response& res, const AdminReply& reply) {
  if (!reply.body) {
    res.status = 204;
    return;
  }
  http::write_json(res, reply.status, *reply.body);
}

http::ParamHandler admin_handler(const AdminContext& ctx, storage::TxMode mode,
                                 std::function<AdminResult(const AdminRequest&)> fn) {
  return [&ctx, mode, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res,
                                         const http::PathParams& params) {
    if (auto caller = check_caller(ctx, req); !caller) return write_admin_error(res, caller.error());
    auto tx = ctx.db->begin(mode);
    if (!tx) return write_admin_error(res, AdminError::internal("begin", tx.error()));
    auto reply = fn(AdminRequest{ctx, req, params, **tx, ctx.clock->unix_millis()});
    if (!reply) return write_admin_error(res, reply.error());
    if (auto committed = (*tx)->commit(); !committed) {
      return write_admin_error(res, AdminError::internal("commit", committed.error()));
    }
    if (reply->after_commit) reply->after_commit();
    write_admin_reply(res, *reply);
  };
}

}  // namespace gatehouse::auth::admin

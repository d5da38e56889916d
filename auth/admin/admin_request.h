// One admin API request: the caller checked, a transaction open, and the
// answer as a value (a JSON document or a JSON:API error), so each endpoint
// is a straight function over an AdminRequest.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "auth/admin/admin_api.h"
#include "shared/http/routes.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::admin {

struct AdminError {
  int status = 400;
  std::string title;

  static AdminError bad_request(std::string title) { return {400, std::move(title)}; }
  static AdminError not_found(std::string title) { return {404, std::move(title)}; }
  static AdminError conflict(std::string title) { return {409, std::move(title)}; }
  // Logs `error` (never a secret) and answers 500 (503 when unavailable).
  static AdminError internal(std::string_view what, const Error& error);
};

struct AdminReply {
  int status = 200;
  std::optional<nlohmann::json> body;  // nullopt: 204 No Content
  // Runs once the transaction committed (telling the homeserver).
  std::function<void()> after_commit;
};

using AdminResult = tl::expected<AdminReply, AdminError>;

// A request's JSON object body; an empty body is {}. Errors: not an object.
tl::expected<nlohmann::json, AdminError> json_body(const httplib::Request& req);

struct AdminRequest {
  const AdminContext& ctx;
  const httplib::Request& http;
  const http::PathParams& params;
  storage::Transaction& tx;
  std::int64_t now_ms = 0;

  tl::expected<nlohmann::json, AdminError> body() const { return json_body(http); }
};

// Who may call: an active access token whose scope holds urn:mas:admin.
// 401 without a usable token, 403 without the scope. Reads in a
// transaction of its own.
tl::expected<void, AdminError> check_caller(const AdminContext& ctx, const httplib::Request& req);

// Writes `error` (with WWW-Authenticate on a 401) or `reply`.
void write_admin_error(httplib::Response& res, const AdminError& error);
void write_admin_reply(httplib::Response& res, const AdminReply& reply);

// A route handler: checks the caller, runs `fn` in a transaction of `mode`
// (committed when it succeeds), writes the answer.
http::ParamHandler admin_handler(const AdminContext& ctx, storage::TxMode mode,
                                 std::function<AdminResult(const AdminRequest&)> fn);

}  // namespace gatehouse::auth::admin

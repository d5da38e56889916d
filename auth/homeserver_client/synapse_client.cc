#include "auth/homeserver_client/synapse_client.h"

#include <nlohmann/json.hpp>

#include "auth/homeserver_client/http_call.h"

namespace gatehouse::auth::homeserver_client {
namespace {

using nlohmann::json;

}  // namespace

SynapseClient::SynapseClient(const config::MatrixConfig& matrix, std::chrono::seconds timeout)
    : endpoint_(matrix.endpoint.empty() || matrix.endpoint.back() != '/' ? matrix.endpoint + "/"
                                                                         : matrix.endpoint),
      secret_(matrix.secret),
      client_(endpoint_, "the homeserver", 1 << 20, http::ClientTimeouts{timeout, timeout, timeout}) {}

Result<HttpAnswer> SynapseClient::call(const std::string& method, const std::string& path,
                                       const std::string& json_body) {
  if (!split_url(endpoint_)) return fail(ErrorCode::kConfig, "'" + endpoint_ + "' is not an http(s) URL");
  http::ClientRequest request;
  request.method = method;
  request.path = path;
  request.headers.emplace("Authorization", "Bearer " + secret_);
  if (!json_body.empty()) {
    request.body = json_body;
    request.content_type = "application/json";
  }
  auto answer = client_.send(request);
  if (!answer) {
    return fail(answer.error().code,
                answer.error().message +
                    ": check that the homeserver is running and that matrix.endpoint points at it",
                answer.error().detail);
  }
  return HttpAnswer{answer->status, std::move(answer->body)};
}

Status SynapseClient::post_expecting_success(const std::string& path,
                                             const std::string& json_body) {
  GH_TRY(auto answer, call("POST", path, json_body));
  return expect_success("POST " + path, answer);
}

Result<bool> SynapseClient::provision_user(const ProvisionRequest& r) {
  json body{{"localpart", r.localpart}};
  if (r.display_name) body["set_displayname"] = *r.display_name;
  if (r.unset_display_name) body["unset_displayname"] = true;
  if (r.emails) body["set_emails"] = *r.emails;
  if (r.locked) body["locked"] = *r.locked;
  GH_TRY(auto answer, call("POST", "_synapse/mas/provision_user", body.dump()));
  GH_TRY_STATUS(expect_success("POST _synapse/mas/provision_user", answer));
  return answer.status == 201;
}

Result<bool> SynapseClient::is_localpart_available(const std::string& localpart) {
  GH_TRY(auto answer, call("GET",
                           "_synapse/mas/is_localpart_available?localpart=" +
                               httplib::detail::encode_query_param(localpart),
                           ""));
  if (answer.status == 200) return true;
  // Taken (M_USER_IN_USE), invalid or exclusive to an appservice: not free.
  if (answer.status == 400 && answer.body.find("\"M_") != std::string::npos) return false;
  GH_TRY_STATUS(expect_success("GET _synapse/mas/is_localpart_available", answer));
  return false;
}

Status SynapseClient::upsert_device(const DeviceRequest& r) {
  json body{{"localpart", r.localpart}, {"device_id", r.device_id}};
  if (r.display_name) body["display_name"] = *r.display_name;
  return post_expecting_success("_synapse/mas/upsert_device", body.dump());
}

Status SynapseClient::delete_device(const std::string& localpart, const std::string& device_id) {
  return post_expecting_success("_synapse/mas/delete_device",
                                json({{"localpart", localpart}, {"device_id", device_id}}).dump());
}

Status SynapseClient::sync_devices(const std::string& localpart,
                                   const std::vector<std::string>& device_ids) {
  return post_expecting_success("_synapse/mas/sync_devices",
                                json({{"localpart", localpart}, {"devices", device_ids}}).dump());
}

Status SynapseClient::delete_user(const std::string& localpart, bool erase) {
  return post_expecting_success("_synapse/mas/delete_user",
                                json({{"localpart", localpart}, {"erase", erase}}).dump());
}

Status SynapseClient::reactivate_user(const std::string& localpart) {
  return post_expecting_success("_synapse/mas/reactivate_user",
                                json({{"localpart", localpart}}).dump());
}

Status SynapseClient::set_displayname(const std::string& localpart, const std::string& name) {
  return post_expecting_success("_synapse/mas/set_displayname",
                                json({{"localpart", localpart}, {"displayname", name}}).dump());
}

Status SynapseClient::unset_displayname(const std::string& localpart) {
  return post_expecting_success("_synapse/mas/unset_displayname",
                                json({{"localpart", localpart}}).dump());
}

Result<std::optional<std::string>> SynapseClient::display_name(const std::string& localpart) {
  GH_TRY(auto answer, call("GET",
                           "_synapse/mas/query_user?localpart=" +
                               httplib::detail::encode_query_param(localpart),
                           ""));
  if (answer.status == 404) return std::optional<std::string>{};
  GH_TRY_STATUS(expect_success("GET _synapse/mas/query_user", answer));
  auto body = json::parse(answer.body, nullptr, false);
  if (body.is_object() && body.contains("display_name") && body["display_name"].is_string()) {
    return std::optional<std::string>(body["display_name"].get<std::string>());
  }
  return std::optional<std::string>{};
}

Status SynapseClient::allow_cross_signing_reset(const std::string& localpart) {
  return post_expecting_success("_synapse/mas/allow_cross_signing_reset",
                                json({{"localpart", localpart}}).dump());
}

Status SynapseClient::invalidate(const std::string& localpart,
                                 const std::optional<std::string>& device_id) {
  json body{{"localpart", localpart}};
  if (device_id) body["device_id"] = *device_id;
  GH_TRY(auto answer, call("POST", "_gatehouse/v1/invalidate", body.dump()));
  // A real Synapse lacks the extension; its cache expires on its own.
  if (answer.status == 404) return ok();
  return expect_success("POST _gatehouse/v1/invalidate", answer);
}

}  // namespace gatehouse::auth::homeserver_client

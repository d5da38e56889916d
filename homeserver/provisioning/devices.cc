// /_synapse/mas/ device endpoints: upsert_device, update_device_display_name,
// delete_device, sync_devices. Removals evict the devices' cached tokens
// after the commit.
#include "homeserver/provisioning/provisioning.h"
#include "homeserver/provisioning/request.h"
#include "homeserver/storage/device_repository.h"

namespace gatehouse::homeserver::provisioning {
namespace {

using api::ApiResult;
using api::Reply;
namespace devices = storage::devices;

struct DeviceBody {
  std::string localpart;
  std::string device_id;
  nlohmann::json body;
};

ApiResult<DeviceBody> parse_device_body(const httplib::Request& req) {
  DeviceBody d;
  GH_API_TRY(d.body, api::parse_json_object(req));
  GH_API_TRY(d.localpart, required_string(d.body, "localpart"));
  GH_API_TRY(d.device_id, required_string(d.body, "device_id"));
  if (d.device_id.empty() || d.device_id.size() > 255) {
    return api::api_fail(400, "M_INVALID_PARAM", "Invalid device ID");
  }
  return d;
}

ApiResult<Reply> upsert_device(const Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto d, parse_device_body(req));
  GH_API_TRY(auto display_name, optional_string(d.body, "display_name"));
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY_STATUS(require_user(*tx, d.localpart));
  storage::Device device;
  device.localpart = d.localpart;
  device.device_id = d.device_id;
  device.display_name = display_name;
  device.created_at = ctx.clock.unix_millis();
  GH_API_TRY(bool inserted, devices::upsert(*tx, device));
  GH_API_TRY_STATUS(tx->commit());
  return Reply{inserted ? 201 : 200, nlohmann::json::object()};
}

ApiResult<Reply> update_device_display_name(const Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto d, parse_device_body(req));
  GH_API_TRY(auto display_name, required_string(d.body, "display_name"));
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY_STATUS(require_user(*tx, d.localpart));
  GH_API_TRY(bool found, devices::set_display_name(*tx, d.localpart, d.device_id, display_name));
  if (!found) return api::api_fail(404, "M_NOT_FOUND", "Device not found");
  GH_API_TRY_STATUS(tx->commit());
  return Reply{};
}

ApiResult<Reply> delete_device(Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto d, parse_device_body(req));
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY_STATUS(require_user(*tx, d.localpart));
  GH_API_TRY_STATUS(devices::remove(*tx, d.localpart, d.device_id));
  GH_API_TRY_STATUS(tx->commit());
  ctx.cache.evict_device(d.localpart, d.device_id);
  return Reply{204, nullptr};
}

ApiResult<Reply> sync_devices(Context& ctx, const httplib::Request& req) {
  GH_API_TRY(auto body, api::parse_json_object(req));
  GH_API_TRY(auto localpart, required_string(body, "localpart"));
  GH_API_TRY(auto wanted, optional_strings(body, "devices"));
  if (!wanted) return api::api_fail(400, "M_BAD_JSON", "`devices` is required");
  GH_API_TRY(auto tx, begin(ctx));
  GH_API_TRY_STATUS(require_user(*tx, localpart));
  GH_API_TRY(auto result, devices::sync(*tx, localpart, *wanted, ctx.clock.unix_millis()));
  GH_API_TRY_STATUS(tx->commit());
  for (const auto& id : result.removed) ctx.cache.evict_device(localpart, id);
  return Reply{};
}

}  // namespace

void register_device_routes(http::Routes& routes, Context& ctx) {
  using http::Method;
  add_route(routes, Method::kPost, "/_synapse/mas/upsert_device", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) { return upsert_device(ctx, req); });
  add_route(routes, Method::kPost, "/_synapse/mas/update_device_display_name", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) {
              return update_device_display_name(ctx, req);
            });
  add_route(routes, Method::kPost, "/_synapse/mas/delete_device", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) { return delete_device(ctx, req); });
  add_route(routes, Method::kPost, "/_synapse/mas/sync_devices", ctx,
            [&ctx](const httplib::Request& req, const http::PathParams&) { return sync_devices(ctx, req); });
}

}  // namespace gatehouse::homeserver::provisioning

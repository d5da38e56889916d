// GET /devices, GET/PUT/DELETE /devices/{deviceId}, POST /delete_devices.
// Under auth delegation a user deletes devices through the auth service's
// account page, so Synapse answers DELETE with 404 M_UNRECOGNIZED; only an
// appservice with MSC4190 manages its users' devices here (PUT creates,
// DELETE removes and evicts cached tokens).
#include "homeserver/api/client_api.h"
#include "homeserver/storage/device_repository.h"

namespace gatehouse::homeserver::api {
namespace {

namespace devices = storage::devices;
using introspection::Requester;

nlohmann::json render(const storage::Device& d) {
  return {{"device_id", d.device_id},
          {"display_name", d.display_name ? nlohmann::json(*d.display_name) : nlohmann::json(nullptr)},
          {"last_seen_ip", nullptr},
          {"last_seen_ts", d.last_seen ? nlohmann::json(*d.last_seen) : nlohmann::json(nullptr)}};
}

bool msc4190(const Requester& r) { return r.appservice && r.appservice->msc4190; }

ApiResult<Reply> unrecognized() { return api_fail(404, "M_UNRECOGNIZED", "Unrecognized request"); }

ApiResult<Reply> put_device(Context& ctx, const httplib::Request& req, const std::string& device_id) {
  GH_API_TRY(auto requester, authenticate_user(ctx, req));
  GH_API_TRY(auto body, parse_json_object(req));
  std::optional<std::string> display_name;
  if (auto it = body.find("display_name"); it != body.end() && it->is_string()) {
    display_name = it->get<std::string>();
  }
  GH_API_TRY(auto tx, ctx.db->begin());
  GH_API_TRY(auto existing, devices::find(*tx, requester.localpart, device_id));
  if (!existing && !msc4190(requester)) return api_fail(404, "M_NOT_FOUND", "Unknown device");
  int status = 200;
  if (existing) {
    GH_API_TRY_STATUS(devices::set_display_name(*tx, requester.localpart, device_id, display_name));
  } else {
    storage::Device device;
    device.localpart = requester.localpart;
    device.device_id = device_id;
    device.display_name = display_name;
    device.created_at = ctx.clock.unix_millis();
    GH_API_TRY_STATUS(devices::upsert(*tx, device));
    status = 201;
  }
  GH_API_TRY_STATUS(tx->commit());
  return Reply{status, nlohmann::json::object()};
}

ApiResult<Reply> delete_devices(Context& ctx, const Requester& requester,
                                const std::vector<std::string>& ids) {
  GH_API_TRY(auto tx, ctx.db->begin());
  for (const auto& id : ids) GH_API_TRY_STATUS(devices::remove(*tx, requester.localpart, id));
  GH_API_TRY_STATUS(tx->commit());
  for (const auto& id : ids) ctx.cache.evict_device(requester.localpart, id);
  return Reply{};
}

}  // namespace

void register_devices(http::Routes& routes, Context& ctx) {
  add_client_route(routes, http::Method::kGet, client_paths("/devices"),
                   [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
                     GH_API_TRY(auto requester, authenticate_user(ctx, req));
                     GH_API_TRY(auto tx, ctx.db->begin(gatehouse::storage::TxMode::kRead));
                     GH_API_TRY(auto list, devices::list(*tx, requester.localpart));
                     nlohmann::json out = nlohmann::json::array();
                     for (const auto& d : list) out.push_back(render(d));
                     return Reply{200, {{"devices", out}}};
                   });
  add_client_route(routes, http::Method::kGet, client_paths("/devices/{device_id}"),
                   [&ctx](const httplib::Request& req, const http::PathParams& params) -> ApiResult<Reply> {
                     GH_API_TRY(auto requester, authenticate_user(ctx, req));
                     GH_API_TRY(auto tx, ctx.db->begin(gatehouse::storage::TxMode::kRead));
                     GH_API_TRY(auto device, devices::find(*tx, requester.localpart, params.get("device_id")));
                     if (!device || device->hidden) return api_fail(404, "M_NOT_FOUND", "No device found");
                     return Reply{200, render(*device)};
                   });
  add_client_route(routes, http::Method::kPut, client_paths("/devices/{device_id}"),
                   [&ctx](const httplib::Request& req, const http::PathParams& params) {
                     return put_device(ctx, req, std::string(params.get("device_id")));
                   });
  add_client_route(routes, http::Method::kDelete, client_paths("/devices/{device_id}"),
                   [&ctx](const httplib::Request& req, const http::PathParams& params) -> ApiResult<Reply> {
                     GH_API_TRY(auto requester, authenticate_user(ctx, req));
                     if (!msc4190(requester)) return unrecognized();
                     return delete_devices(ctx, requester, {std::string(params.get("device_id"))});
                   });
  add_client_route(routes, http::Method::kPost, client_paths("/delete_devices"),
                   [&ctx](const httplib::Request& req, const http::PathParams&) -> ApiResult<Reply> {
                     GH_API_TRY(auto requester, authenticate_user(ctx, req));
                     if (!msc4190(requester)) return unrecognized();
                     GH_API_TRY(auto body, parse_json_object(req));
                     std::vector<std::string> ids;
                     for (const auto& id : body.value("devices", nlohmann::json::array())) {
                       if (id.is_string()) ids.push_back(id.get<std::string>());
                     }
                     return delete_devices(ctx, requester, ids);
                   });
}

}  // namespace gatehouse::homeserver::api

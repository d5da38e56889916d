// Discovery for clients (synapse/rest/client/auth_metadata.py and
// synapse/rest/well_known.py): the well-known file and MSC2965's
// auth_metadata / auth_issuer, built from the auth service's
// /.well-known/openid-configuration, fetched once and kept (retried on the
// next request while it fails).
#include <mutex>

#include "homeserver/api/client_api.h"
#include "shared/core/log.h"
#include "shared/http/response.h"

namespace gatehouse::homeserver::api {
namespace {

constexpr const char* kCacheControl =
    "public, max-age=600, s-maxage=3600, stale-while-revalidate=600";

class MetadataCache {
 public:
  explicit MetadataCache(Context& ctx) : ctx_(ctx) {}

  // The discovery document, or 503 while the auth service cannot give it.
  ApiResult<nlohmann::json> get() {
    {
      std::lock_guard lock(mutex_);
      if (document_) return *document_;
    }
    http::ClientRequest request;
    request.path = ".well-known/openid-configuration";
    request.headers = {{"Accept", "application/json"}};
    auto res = ctx_.auth_service.send(request);
    if (!res || res->status != 200) {
      spdlog::warn("cannot fetch the auth service's discovery document: {}",
                   res ? "HTTP " + std::to_string(res->status) : res.error().describe());
      return api_fail(503, "M_UNKNOWN", "Unable to fetch the auth service's metadata");
    }
    auto doc = nlohmann::json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("issuer")) {
      return api_fail(503, "M_UNKNOWN", "The auth service's metadata is not valid");
    }
    std::lock_guard lock(mutex_);
    document_ = doc;
    return doc;
  }

 private:
  Context& ctx_;
  std::mutex mutex_;
  std::optional<nlohmann::json> document_;
};

void add_discovery_route(http::Routes& routes, const std::string& path,
                         std::shared_ptr<MetadataCache> cache, bool enabled,
                         std::function<nlohmann::json(const nlohmann::json&)> render) {
  routes.add("client", http::Method::kGet, path,
             [cache, enabled, render](const httplib::Request&, httplib::Response& res) {
               if (!enabled) {
                 return write_error(res, {404, "M_NOT_FOUND",
                                          "OIDC discovery has not been configured on this homeserver"});
               }
               auto doc = cache->get();
               if (!doc) return write_error(res, doc.error());
               res.set_header("Cache-Control", kCacheControl);
               http::write_json(res, 200, render(*doc));
             });
}

}  // namespace

void register_discovery(http::Routes& routes, Context& ctx) {
  auto cache = std::make_shared<MetadataCache>(ctx);
  const bool enabled = ctx.config.matrix_authentication_service.enabled;
  const auto whole = [](const nlohmann::json& doc) { return doc; };
  add_discovery_route(routes, "/_matrix/client/v1/auth_metadata", cache, enabled, whole);
  add_discovery_route(routes, "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata", cache,
                      enabled, whole);
  add_discovery_route(routes, "/_matrix/client/unstable/org.matrix.msc2965/auth_issuer", cache,
                      enabled, [](const nlohmann::json& doc) {
                        return nlohmann::json{{"issuer", doc["issuer"]}};
                      });

  routes.add("client", http::Method::kGet, "/.well-known/matrix/client",
             [&ctx, cache](const httplib::Request&, httplib::Response& res) {
               nlohmann::json body = {{"m.homeserver", {{"base_url", ctx.config.public_baseurl}}}};
               // Without the auth service's metadata the file still names the
               // homeserver; clients then discover auth through auth_metadata.
               if (auto doc = cache->get()) {
                 nlohmann::json auth = {{"issuer", (*doc)["issuer"]}};
                 if (doc->contains("account_management_uri")) {
                   auth["account"] = (*doc)["account_management_uri"];
                 }
                 body["org.matrix.msc2965.authentication"] = auth;
               }
               res.set_header("Access-Control-Allow-Origin", "*");
               http::write_json(res, 200, body);
             });
}

}  // namespace gatehouse::homeserver::api

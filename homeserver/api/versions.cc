#include "homeserver/api/versions.h"

#include "shared/http/response.h"

namespace gatehouse::homeserver::api {

nlohmann::json versions_document() {
  nlohmann::json versions = {"r0.0.1", "r0.1.0", "r0.2.0", "r0.3.0", "r0.4.0", "r0.5.0",
                             "r0.6.0", "r0.6.1"};
  for (int minor = 1; minor <= 15; ++minor) versions.push_back("v1." + std::to_string(minor));
  return {{"versions", versions}, {"unstable_features", nlohmann::json::object()}};
}

void register_versions(http::Routes& routes) {
  routes.add("client", http::Method::kGet, "/_matrix/client/versions",
             [body = versions_document().dump()](const httplib::Request&, httplib::Response& res) {
               http::write_json_text(res, 200, body);
             });
}

}  // namespace gatehouse::homeserver::api

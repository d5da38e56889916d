#include "shared/http/health.h"

#include "shared/core/log.h"
#include "shared/http/response.h"
#include "shared/http/routes.h"

namespace gatehouse::http {

void register_health(Routes& routes, HealthCheck check) {
  routes.add("health", Method::kGet, "/health",
             [check = std::move(check)](const httplib::Request&, httplib::Response& res) {
               Status status = check ? check() : ok();
               if (status) {
                 write_json_text(res, 200, R"({"status":"ok"})");
               } else {
                 // The message only: details may name hosts or SQL states.
                 spdlog::warn("health check failed: {}", status.error().describe());
                 write_json(res, 503, {{"status", "unavailable"}, {"error", status.error().message}});
               }
               res.set_header("Cache-Control", "no-store");
             });
}

}  // namespace gatehouse::http

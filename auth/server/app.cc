#include "auth/server/app.h"

#include <spdlog/spdlog.h>

#include "auth/web/routes.h"
#include "shared/http/health.h"

namespace gatehouse::auth {
namespace {

void register_database_gauges(AppState& state) {
  state.metrics.add_gauge(
      "db_pool_connections", "Database connections by state (open, in_use, max).",
      [db = state.db] {
        auto stats = db->pool_stats();
        return std::vector<http::Metrics::Sample>{
            {{{"state", "open"}}, static_cast<double>(stats.open)},
            {{{"state", "in_use"}}, static_cast<double>(stats.in_use)},
            {{{"state", "max"}}, static_cast<double>(stats.max)},
        };
      });
}

}  // namespace

Status register_routes(http::Routes& routes, AppState& state) {
  // /health answers 200 only once the database does.
  http::register_health(routes, [db = state.db] { return db->ping(); });
  http::register_metrics(routes, state.metrics);
  register_database_gauges(state);
  if (auto web = web::register_web_routes(routes, state); !web) {
    // Logged here too: a caller that ignores the Status still leaves a trace.
    spdlog::error("cannot serve the web pages: {}", web.error().describe());
    return web;
  }
  return ok();
}

}  // namespace gatehouse::auth

#include "auth/server/app.h"

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

void register_routes(http::Routes& routes, AppState& state) {
  // /health answers 200 only once the database does.
  http::register_health(routes, [db = state.db] { return db->ping(); });
  http::register_metrics(routes, state.metrics);
  register_database_gauges(state);
}

}  // namespace gatehouse::auth

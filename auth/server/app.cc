#include "auth/server/app.h"

#include <spdlog/spdlog.h>

#include "auth/accounts/accounts_config.h"
#include "auth/admin/admin_api.h"
#include "auth/compat/compat_routes.h"
#include "auth/web/routes.h"
#include "auth/oauth2/client_sync.h"
#include "auth/oauth2/oauth2_routes.h"
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

// The OAuth context, and the static clients of the config synced into the
// database (as MAS at start; pruning only by `gatehouse config sync --prune`).
Status prepare_oauth2(AppState& state) {
  if (!state.oauth2) {
    GH_TRY(state.oauth2, oauth2::make_oauth2_context(state.config, state.db, state.clock));
  }
  if (!state.oauth2->homeserver) state.oauth2->homeserver = state.homeserver;
  GH_TRY(auto tx, state.db->begin(storage::TxMode::kWrite));
  GH_TRY(auto lines, oauth2::sync_static_clients(*tx, state.config.clients,
                                                 state.oauth2->encrypter.get(), *state.clock, {}));
  GH_TRY_STATUS(tx->commit());
  for (const auto& line : lines) {
    if (!line.starts_with("unchanged")) spdlog::info("{}", line);
  }
  return ok();
}

}  // namespace

Status register_routes(http::Routes& routes, AppState& state) {
  // /health answers 200 only once the database does.
  http::register_health(routes, [db = state.db] { return db->ping(); });
  http::register_metrics(routes, state.metrics);
  register_database_gauges(state);
  if (auto prepared = prepare_oauth2(state); !prepared) {
    spdlog::error("cannot serve OAuth 2.0: {}", prepared.error().describe());
    return prepared;
  }
  oauth2::register_oauth2_routes(routes, *state.oauth2);
  if (!state.login_limits) {
    state.login_limits = accounts::login_rate_limits_from_config(state.config.rate_limiting, *state.clock);
  }
  auto compat = compat::make_compat_context(
      state.config, {state.db, state.clock, state.homeserver, state.login_limits});
  if (!compat) {
    spdlog::error("cannot serve the legacy Matrix login API: {}", compat.error().describe());
    return tl::unexpected(compat.error());
  }
  state.compat = std::move(*compat);
  compat::register_compat_routes(routes, *state.compat);
  auto admin = admin::make_admin_context(state.config, state.db, state.clock, state.homeserver);
  if (!admin) {
    spdlog::error("cannot serve the admin API: {}", admin.error().describe());
    return tl::unexpected(admin.error());
  }
  state.admin = std::move(*admin);
  admin::register_admin_routes(routes, *state.admin);
  if (auto web = web::register_web_routes(routes, state); !web) {
    // Logged here too: a caller that ignores the Status still leaves a trace.
    spdlog::error("cannot serve the web pages: {}", web.error().describe());
    return web;
  }
  return ok();
}

}  // namespace gatehouse::auth

// The running auth service: what it holds (config, database, clock,
// metrics), built once by `gatehouse server` and shared read-only by every
// request handler, and the one place that lists which routes it serves.
#pragma once

#include <memory>

#include "auth/accounts/rate_limiter.h"
#include "auth/admin/admin_api.h"
#include "auth/compat/compat_context.h"
#include "auth/homeserver_client/homeserver_client.h"
#include "auth/oauth2/context.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/http/metrics.h"
#include "shared/http/routes.h"
#include "shared/storage/database.h"

namespace gatehouse::auth {

struct AppState {
  config::Config config;
  std::shared_ptr<storage::Database> db;
  std::shared_ptr<const Clock> clock;
  http::Metrics metrics;
  // The homeserver's provisioning API, shared by the request handlers (devices
  // at login, invalidation) and the job worker. Null: none (tests).
  std::shared_ptr<homeserver_client::HomeserverClient> homeserver;
  // The OAuth 2.0 endpoints' keys, encrypter, documents; built by
  // register_routes when not set (tests may set their own).
  std::shared_ptr<oauth2::OAuth2Context> oauth2;
  // `rate_limiting.login`, shared by every password login (the web form and
  // compat /login), so one entry point cannot add to the other's attempts.
  // Built by register_routes when not set.
  std::shared_ptr<accounts::LoginRateLimits> login_limits;
  // The legacy Matrix login API's context; built by register_routes.
  std::shared_ptr<compat::CompatContext> compat;
  // The admin API's context; built by register_routes.
  std::shared_ptr<admin::AdminContext> admin;
};

// Registers every route of the auth service (each area registers its own
// under its listener resource) and the metrics gauges that read `state`.
// `state` must outlive the routes. An error (kConfig: templates, keys)
// means the service cannot run: the caller must not start the server.
Status register_routes(http::Routes& routes, AppState& state);

}  // namespace gatehouse::auth

// The admin API: MAS's `/api/admin/v1` (JSON:API-like documents, errors as
// {"errors": [{"title": ...}]}), served on listeners with the `adminapi`
// resource. Callers present an OAuth 2.0 access token with the
// `urn:mas:admin` scope: a user's (one who may request admin) or an
// `oauth.admin_clients` client's from client_credentials.
//
// Served so far (docs/admin-api.md): site-config and version; users (list,
// get, by username, create, set-password, set-admin, lock, unlock,
// deactivate, reactivate); user emails; registration tokens; OAuth 2.0,
// compat and browser sessions (list, get, finish); upstream links and
// providers; OAuth 2.0 clients (list, get).
#pragma once

#include <memory>

#include "auth/accounts/password_manager.h"
#include "auth/homeserver_client/homeserver_client.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/http/routes.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::admin {

struct AdminContext {
  const config::Config& config;
  std::shared_ptr<storage::Database> db;
  std::shared_ptr<const Clock> clock;
  // The homeserver's provisioning API; null when none is configured.
  std::shared_ptr<homeserver_client::HomeserverClient> homeserver;
  accounts::PasswordManager passwords;
};

// Errors: kConfig (password schemes).
Result<std::unique_ptr<AdminContext>> make_admin_context(
    const config::Config& config, std::shared_ptr<storage::Database> db,
    std::shared_ptr<const Clock> clock,
    std::shared_ptr<homeserver_client::HomeserverClient> homeserver);

void register_admin_routes(http::Routes& routes, const AdminContext& ctx);

}  // namespace gatehouse::auth::admin

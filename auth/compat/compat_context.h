// What the legacy login endpoints share, built once at server start by
// make_compat_context(): the config, database, clock, the homeserver client
// (devices), the password checker and the login rate limits (the SAME
// limiter object as the web login form's, so the two entry points cannot be
// used to double the attempts), and the appservice registrations of
// `matrix.app_service_config_files`.
//
// Thread safety: immutable after creation except the rate limiters and the
// ULID generator, which are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <httplib.h>

#include "auth/accounts/password_manager.h"
#include "auth/accounts/rate_limiter.h"
#include "auth/homeserver_client/homeserver_client.h"
#include "shared/appservice/registry.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/http/cidr.h"
#include "shared/ids/ulid.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::compat {

struct CompatContext {
  const config::Config& config;  // outlives the context (AppState's)
  std::shared_ptr<storage::Database> db;
  std::shared_ptr<const Clock> clock;
  // Null: no homeserver (unit tests); devices are then left to the job.
  std::shared_ptr<homeserver_client::HomeserverClient> homeserver;
  accounts::PasswordManager passwords;
  std::shared_ptr<accounts::LoginRateLimits> login_limits;
  appservice::Registry appservices;
  http::TrustedProxies proxies;
  std::unique_ptr<ids::UlidGenerator> ulids = std::make_unique<ids::UlidGenerator>();

  std::string new_id() const { return ulids->next(*clock).to_string(); }
  std::int64_t now_ms() const { return clock->unix_millis(); }
  std::string client_ip(const httplib::Request& req) const;
  // "@<localpart>:<matrix.homeserver>".
  std::string user_id(std::string_view localpart) const;
};

struct CompatDeps {
  std::shared_ptr<storage::Database> db;
  std::shared_ptr<const Clock> clock;
  std::shared_ptr<homeserver_client::HomeserverClient> homeserver;  // may be null
  std::shared_ptr<accounts::LoginRateLimits> login_limits;          // required
};

// kConfig errors name the setting: password schemes, trusted proxies, an
// unreadable or invalid appservice registration file.
Result<std::unique_ptr<CompatContext>> make_compat_context(const config::Config& config,
                                                           CompatDeps deps);

}  // namespace gatehouse::auth::compat

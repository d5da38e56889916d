// Everything a homeserver handler needs, built once at startup and shared
// by every route: config, clock, database, appservices, the auth-service
// client, the token cache and the authenticator over them.
//
// Thread safety: immutable after make_context(), apart from the cache and
// the pooled client, which are thread-safe themselves.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "shared/appservice/registry.h"
#include "shared/http/http_client.h"
#include "homeserver/introspection/authenticator.h"
#include "homeserver/introspection/introspector.h"
#include "homeserver/introspection/last_seen.h"
#include "homeserver/introspection/token_cache.h"
#include "shared/config/homeserver_config.h"
#include "shared/core/clock.h"
#include "shared/storage/database.h"

namespace gatehouse::homeserver {

struct Context {
  Context(const config::HomeserverConfig& config, const Clock& clock,
          std::shared_ptr<gatehouse::storage::Database> db, appservice::Registry appservices);

  // "@localpart:server_name".
  std::string user_id(std::string_view localpart) const;
  // The localpart of a user ID on this server, or nullopt (another server,
  // not a user ID).
  std::optional<std::string> local_localpart(std::string_view user_id) const;

  const config::HomeserverConfig& config;
  const Clock& clock;
  std::shared_ptr<gatehouse::storage::Database> db;
  appservice::Registry appservices;
  http::HttpClient auth_service;
  introspection::TokenCache cache;
  introspection::LastSeenRecorder last_seen;
  introspection::HttpIntrospector introspector;
  introspection::Authenticator authenticator;
};

// Loads the appservice registrations and assembles the context. kConfig
// when a registration file is wrong.
Result<std::unique_ptr<Context>> make_context(const config::HomeserverConfig& config,
                                              const Clock& clock,
                                              std::shared_ptr<gatehouse::storage::Database> db);

}  // namespace gatehouse::homeserver

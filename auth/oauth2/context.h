// What the OAuth 2.0 endpoints share, built once at server start and read by
// every request: URLs, keys, the secret encrypter, pre-rendered documents,
// the jwks_uri fetcher, token lifetimes. Thread safety: immutable after
// make_oauth2_context() except the ULID generator, the client cache and the
// fetcher's cache, which are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "auth/homeserver_client/homeserver_client.h"
#include "auth/oauth2/client_cache.h"
#include "auth/oauth2/jwks_fetcher.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/crypto/encryption.h"
#include "shared/crypto/keystore.h"
#include "shared/ids/ulid.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::oauth2 {

struct OAuth2Context {
  std::shared_ptr<storage::Database> db;
  std::shared_ptr<const Clock> clock;
  std::shared_ptr<const crypto::Keystore> keystore;
  std::shared_ptr<const crypto::Encrypter> encrypter;  // null when secrets.encryption is unset
  std::shared_ptr<JwksFetcher> jwks_fetcher;
  // The homeserver's provisioning API (devices at login, invalidation when
  // sessions end); null when none is configured (unit tests).
  std::shared_ptr<homeserver_client::HomeserverClient> homeserver;
  // IDs of sessions, tokens, grants (monotonic, thread-safe).
  std::unique_ptr<ids::UlidGenerator> ulids = std::make_unique<ids::UlidGenerator>();
  // Clients read recently, for client authentication (thread-safe).
  std::shared_ptr<ClientCache> clients = std::make_shared<ClientCache>();

  std::string issuer;      // http.issuer, exactly as configured
  std::string public_base; // http.public_base, ending in "/"
  std::string token_endpoint;  // public_base + "oauth2/token"
  std::string matrix_secret;   // the homeserver's introspection bearer
  std::int64_t access_token_ttl_s = 300;
  config::OAuthConfig oauth;
  bool password_registration_enabled = false;  // prompt=create in discovery

  // Pre-rendered at start (performance: served as is).
  std::string openid_configuration;  // /.well-known/openid-configuration
  std::string oauth_metadata;        // /.well-known/oauth-authorization-server

  std::string new_id() const { return ulids->next(*clock).to_string(); }
};

// Builds the context: signing keys from secrets.keys, the Encrypter, the
// discovery documents. kConfig/kCrypto errors name the bad setting.
Result<std::shared_ptr<OAuth2Context>> make_oauth2_context(const config::Config& config,
                                                           std::shared_ptr<storage::Database> db,
                                                           std::shared_ptr<const Clock> clock);

// An absolute URL of this service: public_base + path ("oauth2/token").
std::string endpoint_url(const OAuth2Context& context, std::string_view path);

}  // namespace gatehouse::auth::oauth2

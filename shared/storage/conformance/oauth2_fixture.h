// Shared setup for the OAuth 2.0 conformance cases: a migrated database with
// one client, one user and one browser session (rows inserted directly, so
// these cases do not depend on the accounts repositories).
#pragma once

#include <memory>

#include "shared/core/clock.h"
#include "shared/storage/conformance/backend.h"
#include "shared/storage/migrations.h"
#include "shared/storage/model/oauth2_session.h"
#include "shared/storage/model/oauth2_token.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::storage::conformance {

inline constexpr const char* kFixtureClient = "01HCL1ENT0000000000000000A";
inline constexpr const char* kFixtureUser = "01HUSER0000000000000000000";
inline constexpr const char* kFixtureUserSession = "01HUSERSESS000000000000000";

inline std::unique_ptr<TestDatabase> oauth2_database() {
  auto t = fresh_database();
  FakeClock clock;
  GH_REQUIRE_OK(Migrator::builtin(t->db().dialect()).migrate(t->db(), clock));
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  OAuth2Client client;
  client.id = kFixtureClient;
  client.client_auth_method = "none";
  client.created_at = client.updated_at = 1;
  GH_REQUIRE_OK(oauth2_clients::upsert(**tx, client));
  GH_REQUIRE_OK((*tx)->execute(
      "INSERT INTO users (id, username, created_at) VALUES ($1, 'alice', 1)", {kFixtureUser}));
  GH_REQUIRE_OK((*tx)->execute(
      "INSERT INTO user_sessions (id, user_id, created_at) VALUES ($1, $2, 1)",
      {kFixtureUserSession, kFixtureUser}));
  GH_REQUIRE_OK((*tx)->commit());
  return t;
}

inline OAuth2Session fixture_session(std::string id) {
  OAuth2Session s;
  s.id = std::move(id);
  s.client_id = kFixtureClient;
  s.user_id = kFixtureUser;
  s.user_session_id = kFixtureUserSession;
  s.scope = "openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ";
  s.device_id = "ABCDEFGHIJ";
  s.created_at = 1'000;
  return s;
}

// An access token of `session_id`, created at 2 s, valid for 300 s.
inline OAuth2AccessToken fixture_access_token(std::string id, std::string session_id,
                                              std::string fingerprint) {
  OAuth2AccessToken t;
  t.id = std::move(id);
  t.session_id = std::move(session_id);
  t.token_fingerprint = std::move(fingerprint);
  t.created_at = 2'000;
  t.expires_at = 302'000;
  return t;
}

}  // namespace gatehouse::storage::conformance

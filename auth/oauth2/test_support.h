// Test fixture for auth/oauth2 unit tests: an OAuth2Context over a migrated
// in-memory SQLite database with a FakeClock, a fresh RSA key, an
// Encrypter, a fake jwks_uri fetcher, and helpers to add clients and users.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "auth/oauth2/context.h"
#include "shared/crypto/key_generation.h"
#include "shared/storage/migrations.h"
#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::auth::oauth2::testing {

class FakeJwksFetcher final : public JwksFetcher {
 public:
  std::map<std::string, nlohmann::json> documents;
  int fetches = 0;
  Result<nlohmann::json> fetch(const std::string& uri) override {
    ++fetches;
    auto it = documents.find(uri);
    if (it == documents.end()) return fail(ErrorCode::kUnavailable, "no such document");
    return it->second;
  }
};

struct Fixture {
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  std::shared_ptr<FakeJwksFetcher> fetcher = std::make_shared<FakeJwksFetcher>();
  std::shared_ptr<OAuth2Context> ctx;

  Fixture() {
    auto db = storage::open_database(storage::Options{.uri = "sqlite::memory:"});
    REQUIRE(db);
    REQUIRE(storage::Migrator::builtin((*db)->dialect()).migrate(**db, *clock));
    config::Config config;
    static const std::string pem = *crypto::generate_rsa_private_key_pem();
    config.secrets.keys.push_back({"test-key", pem, ""});
    config.secrets.encryption_key = std::string(32, '\x42');
    config.http.issuer = "https://auth.example/";
    config.http.public_base = "https://auth.example/";
    config.matrix.secret = "homeserver-shared-secret";
    auto made = make_oauth2_context(config, *db, clock);
    REQUIRE(made);
    ctx = *made;
    ctx->jwks_fetcher = fetcher;
  }

  // Stores a client; `secret` is encrypted as config sync does.
  storage::OAuth2Client add_client(std::string id, std::string method, std::string secret = {}) {
    storage::OAuth2Client c;
    c.id = std::move(id);
    c.client_auth_method = std::move(method);
    if (!secret.empty()) c.encrypted_client_secret = *ctx->encrypter->encrypt(secret);
    c.redirect_uris = {"https://app.example/cb"};
    c.grant_types = {"authorization_code", "refresh_token", "client_credentials",
                     "urn:ietf:params:oauth:grant-type:device_code"};
    c.created_at = c.updated_at = 1;
    return put(c);
  }

  storage::OAuth2Client put(storage::OAuth2Client c) {
    auto tx = ctx->db->begin();
    REQUIRE(tx);
    REQUIRE(storage::oauth2_clients::upsert(**tx, c));
    REQUIRE((*tx)->commit());
    return c;
  }

  void exec(std::string_view sql, const storage::Params& params) {
    auto tx = ctx->db->begin();
    REQUIRE(tx);
    auto r = (*tx)->execute(sql, params);
    if (!r) FAIL(r.error().describe());
    REQUIRE((*tx)->commit());
  }
};

}  // namespace gatehouse::auth::oauth2::testing

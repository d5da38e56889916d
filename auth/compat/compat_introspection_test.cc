// Compat token introspection over a real (in-memory SQLite) database.
#include "auth/compat/compat_introspection.h"

#include <doctest/doctest.h>

#include "shared/core/clock.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_token_repository.h"
#include "shared/storage/test_memory_database.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {
namespace {

struct Fixture {
  FakeClock clock;
  std::shared_ptr<storage::Database> db;
  const std::string access = ids::generate_token(ids::TokenType::kCompatAccessToken);
  const std::string refresh = ids::generate_token(ids::TokenType::kCompatRefreshToken);
  const std::string imported = "syt_YWxpY2U_abcdefghijklmnopqrst_1a2b3c";

  Fixture() {
    db = storage::testing::migrated_memory_database(clock);
    auto tx = db->begin();
    REQUIRE(tx);
    storage::User alice{"01HUSER0000000000000000000", "alice", 1};
    REQUIRE(storage::users::add(**tx, alice));
    storage::CompatSession s;
    s.id = "01HCOMPAT00000000000000001";
    s.user_id = alice.id;
    s.device_id = "DEVICEAAAA";
    s.is_synapse_admin = true;
    s.created_at = 1'000;
    REQUIRE(storage::compat_sessions::add(**tx, s));
    REQUIRE(storage::compat_access_tokens::add(
        **tx, {"01HCAT00000000000000000001", s.id, ids::token_fingerprint(access), 1'000, 601'000}));
    REQUIRE(storage::compat_access_tokens::add(
        **tx, {"01HCAT00000000000000000002", s.id, ids::token_fingerprint(imported), 1'000, std::nullopt}));
    REQUIRE(storage::compat_refresh_tokens::add(
        **tx, {"01HCRT00000000000000000001", s.id, ids::token_fingerprint(refresh),
               "01HCAT00000000000000000001", 1'000, std::nullopt}));
    REQUIRE((*tx)->commit());
  }

  nlohmann::json introspect(const std::string& token, std::int64_t now_ms = 2'000,
                            std::optional<std::string_view> hint = std::nullopt,
                            bool device_id = false) {
    auto type = ids::check_token(token);
    REQUIRE(type);
    REQUIRE(is_compat_token(*type));
    auto tx = db->begin(storage::TxMode::kRead);
    REQUIRE(tx);
    auto answer = introspect_compat_token(**tx, *db, now_ms, token, *type, hint, device_id);
    REQUIRE(answer);
    return *answer;
  }

  std::optional<std::int64_t> last_active() {
    auto tx = db->begin(storage::TxMode::kRead);
    REQUIRE(tx);
    auto s = storage::compat_sessions::find(**tx, "01HCOMPAT00000000000000001");
    REQUIRE(s);
    return (*s)->last_active_at;
  }
};

}  // namespace

TEST_CASE("an active compat access token: MAS's fields, both scope forms, admin, no jti") {
  Fixture f;
  auto out = f.introspect(f.access);
  CHECK(out["active"] == true);
  CHECK(out["client_id"] == "legacy");
  CHECK(out["username"] == "alice");
  CHECK(out["sub"] == "01HUSER0000000000000000000");
  CHECK(out["token_type"] == "access_token");
  CHECK(out["scope"] ==
        "urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:* "
        "urn:matrix:client:device:DEVICEAAAA urn:matrix:org.matrix.msc2967.client:device:DEVICEAAAA "
        "urn:synapse:admin:*");
  CHECK(out["exp"] == 601);
  CHECK(out["expires_in"] == 599);
  CHECK(!out.contains("jti"));
  CHECK(!out.contains("device_id"));

  auto with_device = f.introspect(f.access, 2'000, std::nullopt, /*device_id=*/true);
  CHECK(with_device["device_id"] == "DEVICEAAAA");
  CHECK(with_device["scope"] == "urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:* urn:synapse:admin:*");
}

TEST_CASE("an imported syt_ token works like mct_ and never expires; refresh tokens answer too") {
  Fixture f;
  auto out = f.introspect(f.imported, 10'000'000);
  CHECK(out["active"] == true);
  CHECK(!out.contains("exp"));
  auto refresh = f.introspect(f.refresh);
  CHECK(refresh["active"] == true);
  CHECK(refresh["token_type"] == "refresh_token");
}

TEST_CASE("inactive: expired, wrong hint, unknown, consumed refresh, finished session, locked user") {
  Fixture f;
  CHECK(f.introspect(f.access, 601'000)["active"] == false);
  CHECK(f.introspect(f.access, 2'000, "refresh_token")["active"] == false);
  CHECK(f.introspect(f.refresh, 2'000, "access_token")["active"] == false);
  CHECK(f.introspect(ids::generate_token(ids::TokenType::kCompatAccessToken)) == nlohmann::json{{"active", false}});
  {
    auto tx = f.db->begin();
    REQUIRE(tx);
    REQUIRE(storage::compat_refresh_tokens::consume(**tx, "01HCRT00000000000000000001", 3'000));
    REQUIRE((*tx)->commit());
  }
  CHECK(f.introspect(f.refresh)["active"] == false);
  {
    auto tx = f.db->begin();
    REQUIRE(tx);
    REQUIRE(storage::users::set_locked_at(**tx, "01HUSER0000000000000000000", 3'000));
    REQUIRE((*tx)->commit());
  }
  CHECK(f.introspect(f.imported)["active"] == false);
  {
    auto tx = f.db->begin();
    REQUIRE(tx);
    REQUIRE(storage::users::set_locked_at(**tx, "01HUSER0000000000000000000", std::nullopt));
    REQUIRE(storage::compat_sessions::finish(**tx, "01HCOMPAT00000000000000001", 4'000));
    REQUIRE((*tx)->commit());
  }
  CHECK(f.introspect(f.imported)["active"] == false);
}

TEST_CASE("activity is recorded on first use, then at most once a minute") {
  Fixture f;
  CHECK(!f.last_active());
  f.introspect(f.access, 2'000);
  CHECK(f.last_active() == 2'000);
  f.introspect(f.access, 50'000);
  CHECK(f.last_active() == 2'000);
  f.introspect(f.access, 62'000);
  CHECK(f.last_active() == 62'000);
}

}  // namespace gatehouse::auth::compat

// Conformance: the oauth2_clients repository over the real migration.
#include "shared/core/clock.h"
#include "shared/storage/conformance/backend.h"
#include "shared/storage/migrations.h"
#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::storage::conformance {

namespace {

std::unique_ptr<TestDatabase> migrated_database() {
  auto t = fresh_database();
  FakeClock clock;
  GH_REQUIRE_OK(Migrator::builtin(t->db().dialect()).migrate(t->db(), clock));
  return t;
}

OAuth2Client sample(std::string id, bool is_static) {
  OAuth2Client c;
  c.id = std::move(id);
  c.is_static = is_static;
  c.client_auth_method = "client_secret_basic";
  c.encrypted_client_secret = "ciphertext-not-a-secret";
  c.redirect_uris = {"https://app.example/cb", "http://127.0.0.1/callback?x=\"1\""};
  c.grant_types = {"authorization_code", "refresh_token"};
  c.client_name = "Element \xE2\x9C\x93";
  c.created_at = 1'700'000'000'000;
  c.updated_at = 1'700'000'000'000;
  return c;
}

}  // namespace

TEST_CASE("conformance: oauth2_clients upsert, find, list, remove") {
  auto t = migrated_database();
  const OAuth2Client a = sample("01HZZZZZZZZZZZZZZZZZZZZZZA", true);
  OAuth2Client b = sample("01HZZZZZZZZZZZZZZZZZZZZZZB", false);
  b.client_auth_method = "none";
  b.encrypted_client_secret.reset();
  b.jwks = R"({"keys":[]})";
  b.redirect_uris.clear();

  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  GH_REQUIRE_OK(oauth2_clients::upsert(**tx, a));
  GH_REQUIRE_OK(oauth2_clients::upsert(**tx, b));
  GH_REQUIRE_OK((*tx)->commit());

  auto rtx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(rtx);
  auto found = oauth2_clients::find(**rtx, a.id);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == a);
  auto found_b = oauth2_clients::find(**rtx, b.id);
  GH_REQUIRE_OK(found_b);
  CHECK(**found_b == b);

  auto missing = oauth2_clients::find(**rtx, "01HNOTHERE0000000000000000");
  GH_REQUIRE_OK(missing);
  CHECK(!missing->has_value());

  auto all = oauth2_clients::list(**rtx);
  GH_REQUIRE_OK(all);
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].id == a.id);
  auto statics = oauth2_clients::list(**rtx, /*only_static=*/true);
  GH_REQUIRE_OK(statics);
  REQUIRE(statics->size() == 1);
  CHECK((*statics)[0].id == a.id);
  auto dynamic = oauth2_clients::list_page(**rtx, false, "", 10);
  GH_REQUIRE_OK(dynamic);
  REQUIRE(dynamic->size() == 1);
  CHECK((*dynamic)[0].id == b.id);
  auto after_a = oauth2_clients::list_page(**rtx, std::nullopt, a.id, 10);
  GH_REQUIRE_OK(after_a);
  REQUIRE(after_a->size() == 1);
  CHECK(*oauth2_clients::count(**rtx, std::nullopt) == 2);
  CHECK(*oauth2_clients::count(**rtx, true) == 1);
  rtx->reset();

  auto dtx = t->db().begin();
  GH_REQUIRE_OK(dtx);
  auto removed = oauth2_clients::remove(**dtx, a.id);
  GH_REQUIRE_OK(removed);
  CHECK(*removed);
  auto again = oauth2_clients::remove(**dtx, a.id);
  GH_REQUIRE_OK(again);
  CHECK(!*again);
  GH_REQUIRE_OK((*dtx)->commit());
}

TEST_CASE("conformance: oauth2_clients upsert replaces fields but keeps created_at") {
  auto t = migrated_database();
  OAuth2Client c = sample("01HZZZZZZZZZZZZZZZZZZZZZZC", true);
  {
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK(oauth2_clients::upsert(**tx, c));
    GH_REQUIRE_OK((*tx)->commit());
  }
  OAuth2Client changed = c;
  changed.created_at = c.created_at + 5'000;
  changed.updated_at = c.updated_at + 5'000;
  changed.redirect_uris = {"https://new.example/cb"};
  changed.client_name.reset();
  changed.jwks_uri = "https://new.example/jwks";
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  GH_REQUIRE_OK(oauth2_clients::upsert(**tx, changed));
  auto found = oauth2_clients::find(**tx, c.id);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  OAuth2Client expected = changed;
  expected.created_at = c.created_at;
  CHECK(**found == expected);
  auto all = oauth2_clients::list(**tx);
  GH_REQUIRE_OK(all);
  CHECK(all->size() == 1);
}

}  // namespace gatehouse::storage::conformance

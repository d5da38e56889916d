// Conformance: the Migrator on every backend, with the built-in steps and
// with a small list of its own.
#include <thread>

#include "shared/core/clock.h"
#include "shared/storage/conformance/backend.h"
#include "shared/storage/migrations.h"

namespace gatehouse::storage::conformance {

namespace {

std::vector<Migration> two_steps() {
  return {
      {1, "first", "CREATE TABLE m_one (id TEXT PRIMARY KEY); CREATE TABLE m_two (id TEXT)"},
      {2, "second", "INSERT INTO m_one (id) VALUES ('seed')"},
  };
}

std::vector<std::string> ids(const std::vector<MigrationInfo>& infos) {
  std::vector<std::string> out;
  for (const auto& i : infos) out.push_back(i.id());
  return out;
}

}  // namespace

TEST_CASE("conformance: migrations apply once, in order, and are idempotent") {
  auto t = fresh_database();
  FakeClock clock(1'234);
  Migrator migrator(two_steps());

  auto pending = migrator.pending(t->db());
  GH_REQUIRE_OK(pending);
  CHECK(ids(*pending) == std::vector<std::string>{"0001_first", "0002_second"});

  auto applied = migrator.migrate(t->db(), clock);
  GH_REQUIRE_OK(applied);
  CHECK(ids(*applied) == std::vector<std::string>{"0001_first", "0002_second"});

  auto again = migrator.migrate(t->db(), clock);
  GH_REQUIRE_OK(again);
  CHECK(again->empty());
  auto none = migrator.pending(t->db());
  GH_REQUIRE_OK(none);
  CHECK(none->empty());

  auto tx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  auto seeded = (*tx)->query("SELECT id FROM m_one");
  GH_REQUIRE_OK(seeded);
  CHECK(seeded->size() == 1);  // step 2 ran exactly once
  auto recorded = (*tx)->query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  GH_REQUIRE_OK(recorded);
  REQUIRE(recorded->size() == 2);
  CHECK(*(*recorded)[1].get_text("name") == "second");
  CHECK(*(*recorded)[1].get_int("applied_at") == 1'234);
}

TEST_CASE("conformance: pending lists only the steps a database lacks") {
  auto t = fresh_database();
  FakeClock clock;
  auto steps = two_steps();
  GH_REQUIRE_OK(Migrator({steps[0]}).migrate(t->db(), clock));
  auto pending = Migrator(steps).pending(t->db());
  GH_REQUIRE_OK(pending);
  CHECK(ids(*pending) == std::vector<std::string>{"0002_second"});
}

TEST_CASE("conformance: a database migrated by a newer Gatehouse is refused") {
  auto t = fresh_database();
  FakeClock clock;
  auto steps = two_steps();
  GH_REQUIRE_OK(Migrator(steps).migrate(t->db(), clock));
  Migrator older({steps[0]});
  auto pending = older.pending(t->db());
  REQUIRE(!pending);
  CHECK(pending.error().code == ErrorCode::kConfig);
  CHECK(pending.error().message.find("0002_second") != std::string::npos);
  CHECK(pending.error().message.find("newer") != std::string::npos);
  auto migrate = older.migrate(t->db(), clock);
  REQUIRE(!migrate);
  CHECK(migrate.error().code == ErrorCode::kConfig);
}

TEST_CASE("conformance: a failing step rolls back and stops, earlier steps stay") {
  auto t = fresh_database();
  FakeClock clock;
  auto steps = two_steps();
  steps.push_back({3, "broken", "CREATE TABLE m_three (id TEXT); THIS IS NOT SQL"});
  auto result = Migrator(steps).migrate(t->db(), clock);
  REQUIRE(!result);
  CHECK(result.error().message.find("0003_broken") != std::string::npos);
  auto pending = Migrator(steps).pending(t->db());
  GH_REQUIRE_OK(pending);
  CHECK(ids(*pending) == std::vector<std::string>{"0003_broken"});
  auto tx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  CHECK(!(*tx)->query("SELECT * FROM m_three"));  // DDL rolled back too
}

TEST_CASE("conformance: the built-in migrations apply on an empty database") {
  auto t = fresh_database();
  FakeClock clock;
  auto migrator = Migrator::builtin(t->db().dialect());
  CHECK(!builtin_migrations(t->db().dialect()).empty());
  auto applied = migrator.migrate(t->db(), clock);
  GH_REQUIRE_OK(applied);
  REQUIRE(!applied->empty());
  CHECK(applied->front().id() == "0001_oauth2_clients");
  auto pending = migrator.pending(t->db());
  GH_REQUIRE_OK(pending);
  CHECK(pending->empty());
}

TEST_CASE("conformance: sessions without a user or browser session stay out of those indexes") {
  auto t = fresh_database();
  FakeClock clock;
  GH_REQUIRE_OK(Migrator::builtin(t->db().dialect()).migrate(t->db(), clock));
  auto tx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  const std::string_view definition =
      t->db().dialect() == Dialect::kSqlite
          ? "SELECT sql AS definition FROM sqlite_master WHERE type = 'index' AND name = $1"
          : "SELECT indexdef AS definition FROM pg_indexes WHERE indexname = $1";
  for (const char* index : {"oauth2_sessions_user_id", "oauth2_sessions_user_session_id"}) {
    CAPTURE(index);
    auto row = (*tx)->query_one(definition, {Value(index)});
    GH_REQUIRE_OK(row);
    REQUIRE(*row);
    const std::string sql = (*row)->get_text("definition").value();
    CHECK(sql.find("IS NOT NULL") != std::string::npos);
  }
}

TEST_CASE("conformance: both dialects ship the same migration steps") {
  const auto& sqlite = builtin_migrations(Dialect::kSqlite);
  const auto& postgres = builtin_migrations(Dialect::kPostgres);
  REQUIRE(sqlite.size() == postgres.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) CHECK(sqlite[i].id() == postgres[i].id());
}

TEST_CASE("conformance: concurrent migrators apply each step once") {
  auto t = fresh_database();
  FakeClock clock;
  Options options;
  options.max_connections = 4;
  auto second = open_database([&] {
    Options o = options;
    o.uri = t->uri();
    return o;
  }());
  GH_REQUIRE_OK(second);
  Migrator migrator(two_steps());
  Result<std::vector<MigrationInfo>> a, b;
  std::thread other([&] { b = migrator.migrate(**second, clock); });
  a = migrator.migrate(t->db(), clock);
  other.join();
  GH_REQUIRE_OK(a);
  GH_REQUIRE_OK(b);
  CHECK(a->size() + b->size() == 2);
  auto tx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  auto seeded = (*tx)->query("SELECT id FROM m_one");
  GH_REQUIRE_OK(seeded);
  CHECK(seeded->size() == 1);
}

}  // namespace gatehouse::storage::conformance

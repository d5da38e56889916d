// Conformance: values, transactions and errors behave the same on every backend.
#include <chrono>
#include <limits>
#include <thread>

#include "shared/storage/conformance/backend.h"

namespace gatehouse::storage::conformance {

namespace {

// A table with a column per value kind, in the dialect's DDL.
void create_kv(Database& db) {
  auto tx = db.begin();
  GH_REQUIRE_OK(tx);
  const bool pg = db.dialect() == Dialect::kPostgres;
  GH_REQUIRE_OK((*tx)->execute_script(
      pg ? "CREATE TABLE kv (k TEXT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, b BOOLEAN, "
           "t TEXT, bl BYTEA)"
         : "CREATE TABLE kv (k TEXT PRIMARY KEY, i BIGINT, d REAL, b INTEGER, t TEXT, bl BLOB)"));
  GH_REQUIRE_OK((*tx)->commit());
}

std::int64_t count_kv(Database& db) {
  auto tx = db.begin(TxMode::kRead);
  REQUIRE(tx);
  auto row = (*tx)->query_one("SELECT COUNT(*) AS n FROM kv");
  REQUIRE(row);
  REQUIRE(row->has_value());
  auto n = (*row)->get_int("n");
  REQUIRE(n);
  return *n;
}

}  // namespace

TEST_CASE("conformance: every Value type round-trips") {
  auto t = fresh_database();
  create_kv(t->db());
  const std::string unicode = "h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x94\x91";  // héllo ✓ 🔑
  const Blob blob{std::string("\0\x01\xFFz\0", 5)};
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();

  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  auto& x = **tx;
  GH_REQUIRE_OK(x.execute("INSERT INTO kv (k, i, d, b, t, bl) VALUES ($1, $2, $3, $4, $5, $6)",
                          {"full", big, 0.1, true, unicode, blob}));
  GH_REQUIRE_OK(x.execute("INSERT INTO kv (k, i, d, b, t, bl) VALUES ($1, $2, $3, $4, $5, $6)",
                          {"min", small, -2.5e300, false, "", Blob{}}));
  GH_REQUIRE_OK(x.execute("INSERT INTO kv (k, i, d, b, t, bl) VALUES ($1, $2, $3, $4, $5, $6)",
                          {"nulls", nullptr, nullptr, nullptr, std::optional<std::string>{}, Value()}));
  GH_REQUIRE_OK(x.commit());

  auto rtx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(rtx);
  auto full = (*rtx)->query_one("SELECT * FROM kv WHERE k = $1", {"full"});
  GH_REQUIRE_OK(full);
  REQUIRE(full->has_value());
  const Row& r = **full;
  CHECK(*r.get_int("i") == big);
  CHECK(*r.get_double("d") == 0.1);
  CHECK(*r.get_bool("b") == true);
  CHECK(*r.get_text("t") == unicode);
  CHECK(*r.get_blob("bl") == blob);

  auto min = (*rtx)->query_one("SELECT * FROM kv WHERE k = $1", {"min"});
  GH_REQUIRE_OK(min);
  CHECK(*(*min)->get_int("i") == small);
  CHECK(*(*min)->get_double("d") == -2.5e300);
  CHECK(*(*min)->get_bool("b") == false);
  CHECK(*(*min)->get_text("t") == "");
  CHECK((*min)->get_blob("bl")->bytes.empty());

  auto nulls = (*rtx)->query_one("SELECT * FROM kv WHERE k = $1", {"nulls"});
  GH_REQUIRE_OK(nulls);
  const Row& n = **nulls;
  CHECK(n.find("i")->is_null());
  CHECK(*n.get_optional_text("t") == std::nullopt);
  CHECK(*n.get_optional_int("i") == std::nullopt);
  CHECK(*n.get_optional_bool("b") == std::nullopt);
  CHECK(*n.get_optional_blob("bl") == std::nullopt);
  // A plain getter on NULL, a missing column and a wrong type are errors, not throws.
  CHECK(n.get_text("t").error().code == ErrorCode::kDatabase);
  CHECK(n.get_text("nope").error().code == ErrorCode::kDatabase);
  CHECK(r.get_int("t").error().code == ErrorCode::kDatabase);
}

TEST_CASE("conformance: text with a NUL byte is refused, not truncated") {
  auto t = fresh_database();
  create_kv(t->db());
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  auto r = (*tx)->execute("INSERT INTO kv (k, t) VALUES ($1, $2)", {"a", std::string("x\0y", 3)});
  REQUIRE(!r);
  CHECK(r.error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("conformance: a transaction destroyed without commit rolls back") {
  auto t = fresh_database();
  create_kv(t->db());
  {
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"gone"}));
  }
  CHECK(count_kv(t->db()) == 0);
  {
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"gone"}));
    GH_REQUIRE_OK((*tx)->rollback());
    CHECK(!(*tx)->execute("SELECT 1"));  // finished
  }
  CHECK(count_kv(t->db()) == 0);
  CHECK(t->db().pool_stats().in_use == 0);
}

TEST_CASE("conformance: committed work is visible to later transactions, uncommitted is not") {
  auto t = fresh_database();
  create_kv(t->db());
  auto writer = t->db().begin();
  GH_REQUIRE_OK(writer);
  auto affected = (*writer)->execute("INSERT INTO kv (k) VALUES ($1), ($2)", {"a", "b"});
  GH_REQUIRE_OK(affected);
  CHECK(*affected == 2);
  CHECK(count_kv(t->db()) == 0);  // another connection does not see it yet
  GH_REQUIRE_OK((*writer)->commit());
  CHECK(count_kv(t->db()) == 2);

  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  auto updated = (*tx)->execute("UPDATE kv SET i = $1 WHERE k = $2", {7, "a"});
  GH_REQUIRE_OK(updated);
  CHECK(*updated == 1);
  GH_REQUIRE_OK((*tx)->commit());
  CHECK(!(*tx)->commit());  // a finished transaction cannot commit twice
}

TEST_CASE("conformance: a unique violation is kConflict and poisons the transaction") {
  auto t = fresh_database();
  create_kv(t->db());
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"dup"}));
  auto again = (*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"dup"});
  REQUIRE(!again);
  CHECK(again.error().code == ErrorCode::kConflict);
  // Same on every dialect: after an error only rollback makes sense.
  CHECK(!(*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"other"}));
  auto committed = (*tx)->commit();
  CHECK(!committed);
  CHECK(count_kv(t->db()) == 0);
}

TEST_CASE("conformance: deferred writes run in order, before the next statement or at commit") {
  auto t = fresh_database();
  create_kv(t->db());
  {
    // The only write, deferred (on PostgreSQL one autocommit statement).
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute_deferred("INSERT INTO kv (k, i) VALUES ($1, $2)", {"alone", 1}));
    CHECK(count_kv(t->db()) == 0);  // not sent yet
    GH_REQUIRE_OK((*tx)->commit());
    CHECK(count_kv(t->db()) == 1);
    CHECK(!(*tx)->commit());
  }
  {
    // A later statement of the transaction sees them, in order.
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute_deferred("INSERT INTO kv (k, i) VALUES ($1, $2)", {"first", 1}));
    GH_REQUIRE_OK((*tx)->execute_deferred("UPDATE kv SET i = $2 WHERE k = $1", {"first", 2}));
    auto row = (*tx)->query_one("SELECT i FROM kv WHERE k = $1", {"first"});
    GH_REQUIRE_OK(row);
    REQUIRE(row->has_value());
    CHECK(*(*row)->get_int("i") == 2);
    GH_REQUIRE_OK((*tx)->commit());
  }
  {
    // Rolled back with the rest.
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"undone"}));
    GH_REQUIRE_OK((*tx)->execute_deferred("INSERT INTO kv (k) VALUES ($1)", {"undone too"}));
    GH_REQUIRE_OK((*tx)->rollback());
  }
  CHECK(count_kv(t->db()) == 2);
  CHECK(t->db().pool_stats().in_use == 0);
}

TEST_CASE("conformance: a failing deferred write is reported by commit and nothing is kept") {
  auto t = fresh_database();
  create_kv(t->db());
  {
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"taken"}));
    GH_REQUIRE_OK((*tx)->commit());
  }
  {
    // Alone: the autocommit path on PostgreSQL.
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute_deferred("INSERT INTO kv (k) VALUES ($1)", {"taken"}));
    auto committed = (*tx)->commit();
    REQUIRE(!committed);
    CHECK(committed.error().code == ErrorCode::kConflict);
  }
  {
    // After another write: inside the transaction, which is rolled back.
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"lost"}));
    GH_REQUIRE_OK((*tx)->execute_deferred("INSERT INTO kv (k) VALUES ($1)", {"taken"}));
    auto committed = (*tx)->commit();
    REQUIRE(!committed);
    CHECK(committed.error().code == ErrorCode::kConflict);
  }
  CHECK(count_kv(t->db()) == 1);
  CHECK(t->db().pool_stats().in_use == 0);
}

TEST_CASE("conformance: a write transaction that has sent nothing holds up no other writer") {
  auto t = fresh_database(Options{.sqlite_busy_timeout_ms = 300});
  create_kv(t->db());
  auto idle = t->db().begin(TxMode::kWrite);  // begun, nothing sent yet
  GH_REQUIRE_OK(idle);
  {
    // On SQLite this used to wait for the writers' turn until the timeout.
    auto other = t->db().begin(TxMode::kWrite);
    GH_REQUIRE_OK(other);
    GH_REQUIRE_OK((*other)->execute("INSERT INTO kv (k) VALUES ($1)", {"other"}));
    GH_REQUIRE_OK((*other)->commit());
  }
  GH_REQUIRE_OK((*idle)->execute("INSERT INTO kv (k) VALUES ($1)", {"idle"}));
  GH_REQUIRE_OK((*idle)->commit());
  CHECK(count_kv(t->db()) == 2);

  // Deferred writes committed while another transaction writes: both land.
  auto writing = t->db().begin(TxMode::kWrite);
  GH_REQUIRE_OK(writing);
  GH_REQUIRE_OK((*writing)->execute("INSERT INTO kv (k) VALUES ($1)", {"writing"}));
  Status deferred_commit = ok();
  std::thread deferred([&] {
    auto tx = t->db().begin(TxMode::kWrite);
    if (!tx) {
      deferred_commit = fail(tx.error());
      return;
    }
    deferred_commit = (*tx)->execute_deferred("INSERT INTO kv (k) VALUES ($1)", {"deferred"});
    if (deferred_commit) deferred_commit = (*tx)->commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  GH_REQUIRE_OK((*writing)->commit());
  deferred.join();
  GH_REQUIRE_OK(deferred_commit);
  CHECK(count_kv(t->db()) == 4);
}

TEST_CASE("conformance: a syntax error is kDatabase with the library message in detail") {
  auto t = fresh_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  auto r = (*tx)->query("SELEKT 1");
  REQUIRE(!r);
  CHECK(r.error().code == ErrorCode::kDatabase);
  CHECK(!r.error().detail.empty());
}

TEST_CASE("conformance: parameters are data, never SQL") {
  auto t = fresh_database();
  create_kv(t->db());
  const std::string evil = "x'); DROP TABLE kv; --";
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k, t) VALUES ($1, $2)", {evil, "$1 '$2' ?1"}));
  GH_REQUIRE_OK((*tx)->commit());
  CHECK(count_kv(t->db()) == 1);
  auto rtx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(rtx);
  // A $n reused, and '$1' inside a literal that must stay text.
  auto row = (*rtx)->query_one("SELECT k, t, '$1' AS lit FROM kv WHERE k = $1 AND k = $1", {evil});
  GH_REQUIRE_OK(row);
  REQUIRE(row->has_value());
  CHECK(*(*row)->get_text("k") == evil);
  CHECK(*(*row)->get_text("t") == "$1 '$2' ?1");
  CHECK(*(*row)->get_text("lit") == "$1");
}

TEST_CASE("conformance: query_one gives nullopt for no row and an error for two") {
  auto t = fresh_database();
  create_kv(t->db());
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  auto none = (*tx)->query_one("SELECT k FROM kv WHERE k = $1", {"missing"});
  GH_REQUIRE_OK(none);
  CHECK(!none->has_value());
  GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ('a'), ('b')"));
  auto two = (*tx)->query_one("SELECT k FROM kv");
  REQUIRE(!two);
  CHECK(two.error().code == ErrorCode::kDatabase);
}

TEST_CASE("conformance: ILIKE matches case-insensitively on every dialect") {
  auto t = fresh_database();
  create_kv(t->db());
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k) VALUES ($1)", {"Alice"}));
  auto rows = (*tx)->query("SELECT k FROM kv WHERE k ILIKE $1", {"alI%"});
  GH_REQUIRE_OK(rows);
  CHECK(rows->size() == 1);
}

TEST_CASE("conformance: ping and pool stats") {
  Options options;
  options.max_connections = 3;
  auto t = fresh_database(options);
  GH_REQUIRE_OK(t->db().ping());
  const PoolStats stats = t->db().pool_stats();
  CHECK(stats.max == 3);
  CHECK(stats.in_use == 0);
  CHECK(stats.open >= 1);
  CHECK(stats.open <= 3);
  auto tx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  CHECK(t->db().pool_stats().in_use == 1);
}

// PostgreSQL defers a read transaction's BEGIN until a statement needs it
// (postgres/pg_database.cc); a write inside a read transaction must still be
// undone by its rollback, and one committed must stay.
TEST_CASE("conformance: a read transaction that writes stays atomic") {
  auto t = fresh_database();
  create_kv(t->db());
  {
    auto tx = t->db().begin(TxMode::kRead);
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->query("SELECT COUNT(*) AS n FROM kv"));
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k, i) VALUES ($1, $2)", {"undone", 1}));
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k, i) VALUES ($1, $2)", {"undone too", 2}));
    GH_REQUIRE_OK((*tx)->rollback());
  }
  CHECK(count_kv(t->db()) == 0);
  {
    auto tx = t->db().begin(TxMode::kRead);
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->query("SELECT COUNT(*) AS n FROM kv"));
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO kv (k, i) VALUES ($1, $2)", {"kept", 1}));
    GH_REQUIRE_OK((*tx)->commit());
  }
  CHECK(count_kv(t->db()) == 1);
  // A read that only reads commits and rolls back cleanly, and can be reused.
  for (int i = 0; i < 2; ++i) {
    auto tx = t->db().begin(TxMode::kRead);
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->query("SELECT k FROM kv WHERE k = $1", {"kept"}));
    GH_REQUIRE_OK(i == 0 ? (*tx)->commit() : (*tx)->rollback());
  }
}

}  // namespace gatehouse::storage::conformance

#include "shared/storage/dialect.h"

#include <doctest/doctest.h>

namespace gatehouse::storage {

TEST_CASE("dialect: PostgreSQL SQL is sent unchanged to PostgreSQL") {
  const std::string sql = "SELECT * FROM t WHERE a = $1 AND b ILIKE $2";
  CHECK(dialect::rewrite_sql(Dialect::kPostgres, sql) == sql);
}

TEST_CASE("dialect: SQLite gets numbered ?NNN placeholders and LIKE") {
  CHECK(dialect::rewrite_sql(Dialect::kSqlite, "SELECT a FROM t WHERE a = $1 AND b = $12 OR c = $1") ==
        "SELECT a FROM t WHERE a = ?1 AND b = ?12 OR c = ?1");
  CHECK(dialect::rewrite_sql(Dialect::kSqlite, "WHERE name ilike $1") == "WHERE name LIKE ?1");
  // Not a keyword when part of an identifier.
  CHECK(dialect::rewrite_sql(Dialect::kSqlite, "SELECT is_ilike_x FROM t") == "SELECT is_ilike_x FROM t");
}

TEST_CASE("dialect: literals, quoted identifiers and comments are left alone") {
  CHECK(dialect::rewrite_sql(Dialect::kSqlite, "SELECT '$1 it''s ILIKE', \"$2\" -- $3\n, $4 /* $5 */") ==
        "SELECT '$1 it''s ILIKE', \"$2\" -- $3\n, ?4 /* $5 */");
  CHECK(dialect::rewrite_sql(Dialect::kSqlite, "SELECT 'unterminated $1") == "SELECT 'unterminated $1");
}

TEST_CASE("dialect: plain SELECTs may run before a read transaction's BEGIN") {
  CHECK(dialect::is_plain_select("SELECT a FROM t WHERE b = $1"));
  CHECK(dialect::is_plain_select("  (select 1)"));
  CHECK_FALSE(dialect::is_plain_select("SELECT a FROM t FOR UPDATE SKIP LOCKED"));
  CHECK_FALSE(dialect::is_plain_select("select a from t for share"));
  CHECK_FALSE(dialect::is_plain_select("SELECT pg_advisory_xact_lock(1)"));
  CHECK_FALSE(dialect::is_plain_select("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x"));
  CHECK_FALSE(dialect::is_plain_select("UPDATE t SET a = 1"));
  CHECK_FALSE(dialect::is_plain_select(""));
}

TEST_CASE("dialect: booleans bind as 0/1 on SQLite only") {
  CHECK(dialect::bind_value(Dialect::kSqlite, Value(true)) == Value(1));
  CHECK(dialect::bind_value(Dialect::kSqlite, Value(false)) == Value(0));
  CHECK(dialect::bind_value(Dialect::kPostgres, Value(true)) == Value(true));
  CHECK(dialect::bind_value(Dialect::kSqlite, Value("t")) == Value("t"));
}

TEST_CASE("dialect: transaction modes") {
  CHECK(dialect::begin_statement(Dialect::kSqlite, TxMode::kRead) == "BEGIN DEFERRED");
  CHECK(dialect::begin_statement(Dialect::kSqlite, TxMode::kWrite) == "BEGIN IMMEDIATE");
  CHECK(dialect::begin_statement(Dialect::kPostgres, TxMode::kSerializable).find("SERIALIZABLE") !=
        std::string_view::npos);
  CHECK(!dialect::migration_lock_statement(Dialect::kSqlite));
  CHECK(dialect::migration_lock_statement(Dialect::kPostgres)->find("pg_advisory_xact_lock") !=
        std::string_view::npos);
}

TEST_CASE("value: construction picks the intended type") {
  CHECK(Value("text").as_text() != nullptr);  // never bool
  CHECK(Value(std::uint32_t{7}).as_int() != nullptr);
  CHECK(Value(std::optional<int>{}).is_null());
  CHECK(*Value(std::optional<std::string>{"x"}).as_text() == "x");
  CHECK(Value(false).as_bool() != nullptr);
  CHECK(Value(1.5).as_double() != nullptr);
}

}  // namespace gatehouse::storage

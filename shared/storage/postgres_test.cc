// Runs the storage conformance suite on PostgreSQL, one fresh database per
// case (CREATE DATABASE gh_test_<random>, dropped afterwards), plus database
// auto-creation. Needs GATEHOUSE_TEST_POSTGRES_URI, a superuser URI to a
// running server; tests/support/with-postgres starts one and sets it.
#include <cstdlib>
#include <random>

#include <pqxx/pqxx>

#include "shared/storage/conformance/backend.h"
#include "shared/storage/postgres/pg_uri.h"

namespace gatehouse::storage::conformance {

namespace {

postgres::PgUri admin_uri() {
  const char* env = std::getenv("GATEHOUSE_TEST_POSTGRES_URI");
  if (env == nullptr || *env == '\0') {
    FAIL("set GATEHOUSE_TEST_POSTGRES_URI or run under tests/support/with-postgres");
  }
  auto uri = postgres::parse_pg_uri(env);
  if (!uri) FAIL("GATEHOUSE_TEST_POSTGRES_URI is not a postgresql:// URI");
  return *uri;
}

std::string random_suffix() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (int i = 0; i < 12; ++i) out += kAlphabet[rng() % 36];
  return out;
}

// Statements that cannot run in a transaction (CREATE/DROP DATABASE, roles).
// Returns the error message, empty on success.
std::string try_admin_exec(const std::string& sql) {
  try {
    pqxx::connection conn(admin_uri().with_database("postgres").to_string());
    pqxx::nontransaction work(conn);
    work.exec(sql);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

void admin_exec(const std::string& sql) {
  if (std::string error = try_admin_exec(sql); !error.empty()) {
    FAIL("admin statement failed: " << sql << ": " << error);
  }
}

// FILE_COPY (PostgreSQL 15+) copies template1 in ~0.1 s instead of ~0.5 s
// through the WAL: it checkpoints, which costs nothing with fsync off.
void create_test_database(const std::string& name) {
  if (try_admin_exec("CREATE DATABASE " + name + " STRATEGY FILE_COPY").empty()) return;
  admin_exec("CREATE DATABASE " + name);
}

bool database_exists(const std::string& name) {
  pqxx::connection conn(admin_uri().with_database("postgres").to_string());
  pqxx::nontransaction work(conn);
  return !work.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).empty();
}

// Drops a database when the test ends, even when a REQUIRE fails.
struct DropDatabase {
  std::string name;
  ~DropDatabase() {
    try {
      pqxx::connection conn(admin_uri().with_database("postgres").to_string());
      pqxx::nontransaction work(conn);
      work.exec("DROP DATABASE IF EXISTS " + conn.quote_name(name) + " WITH (FORCE)");
    } catch (...) {
      // Best effort: the harness deletes the whole server at the end anyway.
    }
  }
};

class PgTestDatabase final : public TestDatabase {
 public:
  explicit PgTestDatabase(const Options& base) : drop_{"gh_test_" + random_suffix()} {
    create_test_database(drop_.name);
    Options options = base;
    options.uri = uri_ = admin_uri().with_database(drop_.name).to_string();
    auto db = open_database(options);
    GH_REQUIRE_OK(db);
    db_ = *db;
  }
  ~PgTestDatabase() override { db_.reset(); }  // close the pool before drop_ runs

 private:
  DropDatabase drop_;
};

// `postgresql://user:password@host:port` for another role on the same server.
std::string authority_as(const std::string& user, const std::string& password) {
  const std::string& full = admin_uri().scheme_and_authority;
  const std::size_t start = full.find("://") + 3;
  const std::size_t at = full.rfind('@');
  const std::string host = full.substr(at == std::string::npos || at < start ? start : at + 1);
  return full.substr(0, start) + user + ":" + password + "@" + host;
}

}  // namespace

std::unique_ptr<TestDatabase> fresh_database(const Options& base) {
  return std::make_unique<PgTestDatabase>(base);
}

TEST_CASE("postgres: open_database creates a missing database when the role may") {
  DropDatabase cleanup{"gh_auto_" + random_suffix()};
  REQUIRE(!database_exists(cleanup.name));
  auto db = open_database(Options{.uri = admin_uri().with_database(cleanup.name).to_string()});
  GH_REQUIRE_OK(db);
  CHECK((*db)->dialect() == Dialect::kPostgres);
  GH_REQUIRE_OK((*db)->ping());
  CHECK(database_exists(cleanup.name));
}

TEST_CASE("postgres: without CREATEDB the error gives the exact CREATE DATABASE") {
  const std::string role = "gh_role_" + random_suffix();
  const std::string password = "pw" + random_suffix();
  const std::string missing = "gh_missing_" + random_suffix();
  admin_exec("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD '" + password + "'");
  struct DropRole {
    std::string role;
    ~DropRole() {
      try {
        admin_exec("DROP ROLE IF EXISTS " + role);
      } catch (...) {
      }
    }
  } drop_role{role};

  auto db = open_database(Options{.uri = authority_as(role, password) + "/" + missing});
  REQUIRE(!db);
  CHECK(db.error().code == ErrorCode::kConfig);
  const std::string expected = "CREATE DATABASE \"" + missing + "\" OWNER \"" + role + "\";";
  CHECK(db.error().message.find(expected) != std::string::npos);
  CHECK(db.error().describe().find(password) == std::string::npos);
  CHECK(!database_exists(missing));
}

TEST_CASE("postgres: an unreachable server is kUnavailable without the password") {
  Options options;
  options.uri = "postgresql://someone:s3cret-value@127.0.0.1:1/gatehouse";
  options.connect_timeout = std::chrono::seconds(2);
  auto db = open_database(options);
  REQUIRE(!db);
  CHECK(db.error().code == ErrorCode::kUnavailable);
  CHECK(db.error().describe().find("s3cret-value") == std::string::npos);
}

}  // namespace gatehouse::storage::conformance

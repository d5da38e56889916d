// Runs the storage conformance suite on SQLite (a file in a fresh temporary
// directory per case), plus the SQLite-only behaviour of open_database.
#include <cstdlib>
#include <filesystem>

#include "shared/storage/conformance/backend.h"

namespace gatehouse::storage::conformance {

namespace {

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "gh-sqlite-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

class SqliteTestDatabase final : public TestDatabase {
 public:
  explicit SqliteTestDatabase(const Options& base) : dir_(make_temp_dir()) {
    Options options = base;
    options.uri = uri_ = "sqlite:" + (dir_ / "gatehouse.db").string();
    auto db = open_database(options);
    GH_REQUIRE_OK(db);
    db_ = *db;
  }
  ~SqliteTestDatabase() override {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace

std::unique_ptr<TestDatabase> fresh_database(const Options& base) {
  return std::make_unique<SqliteTestDatabase>(base);
}

TEST_CASE("sqlite: open_database accepts sqlite:, sqlite:// and sqlite::memory:") {
  const auto dir = make_temp_dir();
  for (const std::string uri : {"sqlite:" + (dir / "a.db").string(),
                                "sqlite://" + (dir / "b.db").string(), std::string("sqlite::memory:")}) {
    CAPTURE(uri);
    auto db = open_database(Options{.uri = uri});
    GH_REQUIRE_OK(db);
    CHECK((*db)->dialect() == Dialect::kSqlite);
    GH_REQUIRE_OK((*db)->ping());
  }
  CHECK(std::filesystem::exists(dir / "a.db"));
  CHECK(std::filesystem::exists(dir / "b.db"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("sqlite: an in-memory database is one connection that keeps its data") {
  auto db = open_database(Options{.uri = "sqlite::memory:", .max_connections = 8});
  GH_REQUIRE_OK(db);
  CHECK((*db)->pool_stats().max == 1);
  {
    auto tx = (*db)->begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute("CREATE TABLE t (x INTEGER)"));
    GH_REQUIRE_OK((*tx)->commit());
  }
  auto tx = (*db)->begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  GH_REQUIRE_OK((*tx)->query("SELECT x FROM t"));
}

TEST_CASE("sqlite: a missing parent directory is a kConfig error naming it") {
  auto db = open_database(Options{.uri = "sqlite:/nonexistent-gh-dir/sub/gatehouse.db"});
  REQUIRE(!db);
  CHECK(db.error().code == ErrorCode::kConfig);
  CHECK(db.error().message.find("/nonexistent-gh-dir/sub") != std::string::npos);
}

TEST_CASE("sqlite: foreign keys are enforced and the journal is WAL") {
  auto t = fresh_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  auto mode = (*tx)->query_one("PRAGMA journal_mode");
  GH_REQUIRE_OK(mode);
  CHECK(*(*mode)->get_text("journal_mode") == "wal");
  GH_REQUIRE_OK((*tx)->execute_script(
      "CREATE TABLE parent (id TEXT PRIMARY KEY);"
      "CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parent (id));"));
  auto orphan = (*tx)->execute("INSERT INTO child (id, parent_id) VALUES ($1, $2)", {"c", "nope"});
  REQUIRE(!orphan);
  CHECK(orphan.error().code == ErrorCode::kDatabase);
}

TEST_CASE("open_database: an unknown scheme is kConfig and the password is redacted") {
  auto db = open_database(Options{.uri = "mysql://root:hunter2@localhost/x"});
  REQUIRE(!db);
  CHECK(db.error().code == ErrorCode::kConfig);
  CHECK(db.error().describe().find("hunter2") == std::string::npos);
}

}  // namespace gatehouse::storage::conformance

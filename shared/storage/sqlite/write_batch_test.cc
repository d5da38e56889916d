#include "shared/storage/sqlite/write_batch.h"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace gatehouse::storage::sqlite {
namespace {

using namespace std::chrono_literals;

// A database file in a fresh directory, a one-connection writer pool, and a
// reader connection to check what is committed.
struct Fixture {
  std::filesystem::path dir;
  std::shared_ptr<WriteBatch::Pool> writers;
  std::unique_ptr<Connection> reader;
  std::shared_ptr<WriteBatch> batch;

  Fixture() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gh-batch-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
    const std::string path = (dir / "t.db").string();
    writers = WriteBatch::Pool::create(1, 5000ms, [path] { return connect(path, 5000); });
    auto r = connect(path, 5000);
    REQUIRE(r);
    reader = std::move(*r);
    reader->db->exec("CREATE TABLE t (v INTEGER PRIMARY KEY)");
    batch = std::make_shared<WriteBatch>(writers, "BEGIN IMMEDIATE", 2000ms, [](int) {});
  }
  ~Fixture() {
    batch.reset();
    reader.reset();
    writers.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::int64_t count() { return query_on(*reader, "SELECT count(*) AS n FROM t", {})[0].get_int("n").value(); }
  std::unique_ptr<WriteBatch::Writer> begin() {
    auto w = batch->begin();
    REQUIRE(w);
    return std::move(*w);
  }
  void insert(WriteBatch::Writer& w, int v) { execute_on(w.connection(), "INSERT INTO t (v) VALUES ($1)", {Value(v)}); }
  // A run() job inserting `v`.
  Status run_insert(int v) {
    return batch->run([v](Connection& c) -> Status {
      try {
        execute_on(c, "INSERT INTO t (v) VALUES ($1)", {Value(v)});
        return ok();
      } catch (const std::exception& e) {
        return fail(to_error(e, "insert"));
      }
    });
  }
  void wait_for_queued(int n) {
    for (int i = 0; i < 2000 && batch->stats().queued < n; ++i) std::this_thread::sleep_for(1ms);
    REQUIRE(batch->stats().queued == n);
  }
  void wait_for_waiters(int n) {
    for (int i = 0; i < 2000 && batch->stats().waiting < n; ++i) std::this_thread::sleep_for(1ms);
    REQUIRE(batch->stats().waiting == n);
  }
};

TEST_CASE("write batch: a lone writer commits at once, and its work is visible when commit returns") {
  Fixture f;
  auto w = f.begin();
  f.insert(*w, 1);
  CHECK(f.count() == 0);
  REQUIRE(w->commit());
  CHECK(f.count() == 1);
  CHECK(f.batch->stats().commits == 1);
}

TEST_CASE("write batch: a writer that others wait for hands its work on; one COMMIT covers both") {
  Fixture f;
  auto first = f.begin();
  f.insert(*first, 1);
  std::thread second_thread([&] {
    auto second = f.begin();  // waits for the turn
    f.insert(*second, 2);
    CHECK(second->commit());
  });
  f.wait_for_waiters(1);
  REQUIRE(first->commit());  // returns once the second writer committed the batch
  CHECK(f.count() == 2);
  second_thread.join();
  const auto stats = f.batch->stats();
  CHECK(stats.commits == 1);
  CHECK(stats.writers == 2);
}

TEST_CASE("write batch: a rollback undoes only its own writer's work") {
  Fixture f;
  auto first = f.begin();
  f.insert(*first, 1);
  std::thread second_thread([&] {
    auto second = f.begin();
    f.insert(*second, 2);
    CHECK(second->rollback());
  });
  f.wait_for_waiters(1);
  REQUIRE(first->commit());
  second_thread.join();
  CHECK(f.count() == 1);
  CHECK(query_on(*f.reader, "SELECT v FROM t", {})[0].get_int("v").value() == 1);
}

TEST_CASE("write batch: a writer sees the uncommitted work of the earlier writers of its batch") {
  Fixture f;
  auto first = f.begin();
  f.insert(*first, 7);
  std::int64_t seen = -1;
  std::thread second_thread([&] {
    auto second = f.begin();
    seen = query_on(second->connection(), "SELECT count(*) AS n FROM t WHERE v = 7", {})[0].get_int("n").value();
    CHECK(second->commit());
  });
  f.wait_for_waiters(1);
  REQUIRE(first->commit());
  second_thread.join();
  CHECK(seen == 1);
}

TEST_CASE("write batch: a failed statement poisons nothing else; a second writer's work commits") {
  Fixture f;
  auto first = f.begin();
  f.insert(*first, 1);
  CHECK_THROWS(f.insert(*first, 1));  // unique violation: the statement fails, the savepoint stays
  REQUIRE(first->rollback());
  auto second = f.begin();
  f.insert(*second, 1);
  REQUIRE(second->commit());
  CHECK(f.count() == 1);
}

TEST_CASE("write batch: a writer keeps its batch alive after the last other owner lets go") {
  Fixture f;
  auto w = f.begin();
  f.insert(*w, 1);
  f.batch.reset();  // the Database is gone; its transaction is not
  REQUIRE(w->commit());
  CHECK(f.count() == 1);
}

TEST_CASE("write batch: a job nobody takes up within the timeout is kUnavailable and never runs") {
  Fixture f;
  auto quick = std::make_shared<WriteBatch>(f.writers, "BEGIN IMMEDIATE", 50ms, [](int) {});
  auto held = quick->begin();
  REQUIRE(held);
  f.insert(**held, 1);
  Status late = quick->run([](Connection& c) -> Status {
    execute_on(c, "INSERT INTO t (v) VALUES (2)", {});
    return ok();
  });
  REQUIRE_FALSE(late);
  CHECK(late.error().code == ErrorCode::kUnavailable);
  CHECK(quick->stats().queued == 0);
  REQUIRE((*held)->commit());
  CHECK(f.count() == 1);
}

TEST_CASE("write batch: no turn within the timeout is kUnavailable") {
  Fixture f;
  auto quick = std::make_shared<WriteBatch>(f.writers, "BEGIN IMMEDIATE", 50ms, [](int) {});
  auto held = quick->begin();
  REQUIRE(held);
  auto refused = quick->begin();
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kUnavailable);
  REQUIRE((*held)->commit());
}

TEST_CASE("write batch: a lone job commits at once, and its work is visible when run returns") {
  Fixture f;
  REQUIRE(f.run_insert(1));
  CHECK(f.count() == 1);
  CHECK(f.batch->stats().commits == 1);
  CHECK(f.batch->stats().queued == 0);
}

TEST_CASE("write batch: jobs queued while a writer holds the turn join its batch; one COMMIT covers all") {
  Fixture f;
  auto writer = f.begin();
  f.insert(*writer, 1);
  std::thread a([&] { CHECK(f.run_insert(2)); });
  std::thread b([&] { CHECK(f.run_insert(3)); });
  f.wait_for_queued(2);  // they wait: the turn is taken
  CHECK(f.count() == 0);
  REQUIRE(writer->commit());
  a.join();
  b.join();
  CHECK(f.count() == 3);
  const auto stats = f.batch->stats();
  CHECK(stats.commits == 1);
  CHECK(stats.writers == 3);
  CHECK(stats.queued == 0);
}

TEST_CASE("write batch: a failing job fails alone; the others of its batch commit, once") {
  Fixture f;
  auto writer = f.begin();
  f.insert(*writer, 1);
  // Queued together, they run in one savepoint; the duplicate undoes it and
  // they run again one by one: the first must not be inserted twice.
  std::thread before([&] { CHECK(f.run_insert(2)); });
  f.wait_for_queued(1);
  Status duplicate = ok();
  std::thread failing([&] { duplicate = f.run_insert(1); });  // the writer's row: unique violation
  f.wait_for_queued(2);
  std::thread after([&] { CHECK(f.run_insert(3)); });
  f.wait_for_queued(3);
  REQUIRE(writer->commit());
  before.join();
  failing.join();
  after.join();
  REQUIRE_FALSE(duplicate);
  INFO(duplicate.error().describe());
  CHECK(duplicate.error().describe().find("UNIQUE") != std::string::npos);
  CHECK(f.count() == 3);
  CHECK(f.batch->stats().commits == 1);
}

TEST_CASE("write batch: a failing job in a batch of jobs alone fails alone; the others commit, once") {
  Fixture f;
  REQUIRE(f.run_insert(5));
  auto writer = f.begin();
  f.insert(*writer, 1);
  std::thread before([&] { CHECK(f.run_insert(2)); });
  f.wait_for_queued(1);
  Status duplicate = ok();
  std::thread failing([&] { duplicate = f.run_insert(5); });
  f.wait_for_queued(2);
  std::thread after([&] { CHECK(f.run_insert(3)); });
  f.wait_for_queued(3);
  // The writer gives up: the jobs are the batch's only work, and run with
  // no savepoint until the duplicate makes them start over one by one.
  REQUIRE(writer->rollback());
  before.join();
  failing.join();
  after.join();
  REQUIRE_FALSE(duplicate);
  CHECK(duplicate.error().describe().find("UNIQUE") != std::string::npos);
  CHECK(f.count() == 3);  // 5, 2, 3
}

TEST_CASE("write batch: jobs queued behind a writer that rolls back still commit") {
  Fixture f;
  auto writer = f.begin();
  f.insert(*writer, 1);
  std::thread a([&] { CHECK(f.run_insert(2)); });
  f.wait_for_queued(1);
  REQUIRE(writer->rollback());  // nobody else wants the turn: the job runs now
  a.join();
  CHECK(f.count() == 1);
  CHECK(query_on(*f.reader, "SELECT v FROM t", {})[0].get_int("v").value() == 2);
}

TEST_CASE("write batch: many threads of jobs and writers; every job commits exactly once") {
  Fixture f;
  constexpr int kThreads = 8, kEach = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&f, t] {
      for (int i = 0; i < kEach; ++i) {
        const int v = t * kEach + i;
        if (i % 5 == 0) {  // an interactive writer now and then
          auto w = f.batch->begin();
          CHECK(w);
          if (!w) continue;
          f.insert(**w, v);
          CHECK((*w)->commit());
        } else {
          CHECK(f.run_insert(v));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(f.count() == kThreads * kEach);
  const auto stats = f.batch->stats();
  CHECK(stats.writers == kThreads * kEach);
  CHECK(stats.queued == 0);
  CHECK(stats.waiting == 0);
}

}  // namespace
}  // namespace gatehouse::storage::sqlite

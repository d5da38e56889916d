// Conformance: one Database shared by several threads, and a full pool.
#include <thread>
#include <vector>

#include "shared/storage/conformance/backend.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: concurrent writers lose no update") {
  Options options;
  options.max_connections = 4;
  auto t = fresh_database(options);
  {
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK((*tx)->execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)"));
    GH_REQUIRE_OK((*tx)->execute("INSERT INTO counter (id, n) VALUES (1, 0)"));
    GH_REQUIRE_OK((*tx)->commit());
  }
  constexpr int kThreads = 4;
  constexpr int kIncrements = 50;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kIncrements; ++k) {
        auto tx = t->db().begin(TxMode::kWrite);
        if (!tx || !(*tx)->execute("UPDATE counter SET n = n + 1 WHERE id = $1", {1}) ||
            !(*tx)->commit()) {
          ++failures[i];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) CHECK(f == 0);
  auto tx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  auto row = (*tx)->query_one("SELECT n FROM counter WHERE id = 1");
  GH_REQUIRE_OK(row);
  CHECK(*(*row)->get_int("n") == kThreads * kIncrements);
  CHECK(t->db().pool_stats().open <= 4);
}

TEST_CASE("conformance: an exhausted pool answers kUnavailable, then recovers") {
  Options options;
  options.max_connections = 2;
  options.acquire_timeout = std::chrono::milliseconds(50);
  auto t = fresh_database(options);
  auto first = t->db().begin(TxMode::kRead);
  auto second = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(first);
  GH_REQUIRE_OK(second);
  PoolStats stats = t->db().pool_stats();
  CHECK(stats.open == 2);
  CHECK(stats.in_use == 2);
  CHECK(stats.max == 2);

  auto third = t->db().begin(TxMode::kRead);
  REQUIRE(!third);
  CHECK(third.error().code == ErrorCode::kUnavailable);
  CHECK(t->db().ping().error().code == ErrorCode::kUnavailable);

  first->reset();  // rolls back and returns its connection
  auto fourth = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(fourth);
  CHECK(t->db().pool_stats().open == 2);
}

TEST_CASE("conformance: a waiting begin() gets the connection another thread returns") {
  Options options;
  options.max_connections = 1;
  auto t = fresh_database(options);  // default acquire_timeout: 30 s, never reached here
  auto held = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(held);
  Result<std::unique_ptr<Transaction>> waited = fail(ErrorCode::kInternal, "not run");
  std::thread waiter([&] { waited = t->db().begin(TxMode::kRead); });
  held->reset();  // whether before or after the waiter blocks, it must get it
  waiter.join();
  GH_REQUIRE_OK(waited);
  CHECK(t->db().pool_stats().in_use == 1);
}

}  // namespace gatehouse::storage::conformance

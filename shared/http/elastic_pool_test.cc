#include "shared/http/elastic_pool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

using gatehouse::http::ElasticPool;

TEST_CASE("elastic pool: threads start only as work needs them, up to the limit") {
  ElasticPool pool(3);
  CHECK(pool.threads() == 0);

  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  int running = 0;
  std::atomic<int> done{0};
  auto blocking = [&] {
    std::unique_lock lock(m);
    ++running;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    ++done;
  };
  auto wait_running = [&](int n) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, std::chrono::seconds(10), [&] { return running == n; });
  };

  pool.enqueue(blocking);
  REQUIRE(wait_running(1));
  CHECK(pool.threads() == 1);
  pool.enqueue(blocking);
  pool.enqueue(blocking);
  REQUIRE(wait_running(3));
  CHECK(pool.threads() == 3);
  pool.enqueue(blocking);  // over the limit: queued, no fourth thread
  CHECK(pool.threads() == 3);
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  REQUIRE(wait_running(4));  // the queued job ran once a thread was free
  pool.shutdown();
  CHECK(done == 4);
  CHECK(pool.threads() == 0);
}

TEST_CASE("elastic pool: a free thread is reused; shutdown finishes queued work") {
  ElasticPool pool(8);
  std::atomic<int> done{0};
  for (int i = 0; i < 50; ++i) {
    pool.enqueue([&] { ++done; });
    // One at a time, each after the last thread is waiting again: one
    // thread suffices.
    while (done < i + 1 || pool.idle() != pool.threads()) std::this_thread::yield();
  }
  CHECK(pool.threads() == 1);
  for (int i = 0; i < 20; ++i) pool.enqueue([&] { ++done; });
  pool.shutdown();
  CHECK(done == 70);
  pool.shutdown();  // idempotent
}

#include "auth/accounts/rate_limiter.h"

#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace gatehouse::accounts {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("a bucket allows `burst` attempts, then says when to retry") {
  FakeClock clock;
  RateLimiter limiter(LoginRateLimits::kDefaultPerIp, clock);  // 3 / 0.05
  for (int i = 0; i < 3; ++i) CHECK(limiter.check("203.0.113.7").allowed);
  auto denied = limiter.check("203.0.113.7");
  CHECK_FALSE(denied.allowed);
  CHECK(denied.retry_after == milliseconds(20'000));  // one token per 20 s

  clock.advance(seconds(5));
  CHECK(limiter.check("203.0.113.7").retry_after == milliseconds(15'000));
  clock.advance(seconds(15));
  CHECK(limiter.check("203.0.113.7").allowed);
  CHECK_FALSE(limiter.check("203.0.113.7").allowed);
  // Other keys are untouched.
  CHECK(limiter.check("198.51.100.1").allowed);
}

TEST_CASE("a denied attempt consumes nothing, and refill stops at burst") {
  FakeClock clock;
  RateLimiter limiter({2, 1}, clock);
  CHECK(limiter.check("k").allowed);
  CHECK(limiter.check("k").allowed);
  for (int i = 0; i < 5; ++i) CHECK_FALSE(limiter.check("k").allowed);
  clock.advance(seconds(1));
  CHECK(limiter.check("k").allowed);

  clock.advance(seconds(3600));
  CHECK(limiter.check("k").allowed);
  CHECK(limiter.check("k").allowed);
  CHECK_FALSE(limiter.check("k").allowed);
}

TEST_CASE("retry_after is rounded up and never zero when denied") {
  FakeClock clock;
  RateLimiter limiter({1, 3}, clock);  // a token every 333.3 ms
  CHECK(limiter.check("k").allowed);
  auto denied = limiter.check("k");
  CHECK_FALSE(denied.allowed);
  CHECK(denied.retry_after == milliseconds(334));
  clock.advance(milliseconds(333));
  auto almost = limiter.check("k");
  CHECK_FALSE(almost.allowed);
  CHECK(almost.retry_after == milliseconds(1));
}

TEST_CASE("a clock stepping back does not refill or drain") {
  FakeClock clock;
  RateLimiter limiter({1, 1}, clock);
  CHECK(limiter.check("k").allowed);
  clock.advance(milliseconds(-10'000));
  CHECK_FALSE(limiter.check("k").allowed);
}

TEST_CASE("memory stays bounded: full buckets go first, then the fullest") {
  FakeClock clock;
  RateLimiter limiter({2, 1}, clock, /*max_keys=*/10);
  for (int i = 0; i < 10; ++i) CHECK(limiter.check("old" + std::to_string(i)).allowed);
  CHECK(limiter.size() == 10);
  clock.advance(seconds(5));  // every bucket is full again
  CHECK(limiter.check("new").allowed);
  CHECK(limiter.size() == 1);

  // Fill the map with restricted keys; "hot" is empty, the others have 1 token.
  CHECK(limiter.check("hot").allowed);
  CHECK(limiter.check("hot").allowed);
  for (int i = 0; limiter.size() < 10; ++i) CHECK(limiter.check("k" + std::to_string(i)).allowed);
  for (int i = 0; i < 50; ++i) limiter.check("flood" + std::to_string(i));
  CHECK(limiter.size() <= 10);
  // The exhausted bucket was kept: the flood did not reset it.
  CHECK_FALSE(limiter.check("hot").allowed);
}

TEST_CASE("concurrent checks never hand out more than burst") {
  FakeClock clock;
  RateLimiter limiter({100, 1}, clock);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i)
        if (limiter.check("shared").allowed) ++allowed;
    });
  for (auto& thread : threads) thread.join();
  CHECK(allowed == 100);
}

TEST_CASE("login limits check the IP first, then the account") {
  FakeClock clock;
  LoginRateLimits limits({2, 0.01}, {3, 0.01}, clock);
  CHECK(limits.check("192.0.2.1", "alice").allowed);
  CHECK(limits.check("192.0.2.1", "alice").allowed);
  // The IP is exhausted: denied, and alice's tokens are not spent.
  CHECK_FALSE(limits.check("192.0.2.1", "alice").allowed);
  CHECK_FALSE(limits.check("192.0.2.1", "alice").allowed);
  CHECK(limits.check("192.0.2.2", "alice").allowed);
  // alice has now used 3 from two IPs: the account limit denies a third IP.
  auto denied = limits.check("192.0.2.3", "alice");
  CHECK_FALSE(denied.allowed);
  CHECK(denied.retry_after == milliseconds(100'000));
  CHECK(limits.check("192.0.2.4", "bob").allowed);
}

}  // namespace
}  // namespace gatehouse::accounts

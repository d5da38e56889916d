#include "homeserver/introspection/token_cache.h"

#include <doctest/doctest.h>

using namespace gatehouse;
using namespace gatehouse::homeserver::introspection;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const CachedToken> token(const char* localpart, const char* device) {
  auto t = std::make_shared<CachedToken>();
  t->localpart = localpart;
  t->device_id = device;
  return t;
}

}  // namespace

TEST_CASE("token cache: entries expire at min(expires_in, max ttl)") {
  FakeClock clock;
  TokenCache cache(clock, 100, 120s);
  cache.insert("aa", token("alice", "A"), std::nullopt, cache.epoch());
  cache.insert("bb", token("alice", "B"), 30, cache.epoch());
  REQUIRE(cache.find("aa"));
  REQUIRE(cache.find("bb"));
  clock.advance(29'999ms);
  CHECK(cache.find("bb"));
  clock.advance(1ms);
  CHECK_FALSE(cache.find("bb"));
  CHECK(cache.find("aa"));
  clock.advance(90'000ms);
  CHECK_FALSE(cache.find("aa"));
  CHECK(cache.size() == 0);
}

TEST_CASE("token cache: a ttl of 0 disables it") {
  FakeClock clock;
  TokenCache cache(clock, 100, 0s);
  cache.insert("aa", token("alice", "A"), std::nullopt, cache.epoch());
  CHECK_FALSE(cache.find("aa"));
}

TEST_CASE("token cache: bounded, least recently used goes first") {
  FakeClock clock;
  TokenCache cache(clock, 2, 120s, /*shards=*/1);
  cache.insert("aa", token("alice", "A"), std::nullopt, cache.epoch());
  cache.insert("bb", token("alice", "B"), std::nullopt, cache.epoch());
  REQUIRE(cache.find("aa"));  // bb is now the least recently used
  cache.insert("cc", token("bob", "C"), std::nullopt, cache.epoch());
  CHECK(cache.size() == 2);
  CHECK(cache.find("aa"));
  CHECK_FALSE(cache.find("bb"));
  CHECK(cache.find("cc"));
}

TEST_CASE("token cache: eviction by device, by user and by fingerprint") {
  FakeClock clock;
  TokenCache cache(clock, 100, 120s);
  cache.insert("a1", token("alice", "A"), std::nullopt, cache.epoch());
  cache.insert("a2", token("alice", "A"), std::nullopt, cache.epoch());
  cache.insert("b1", token("alice", "B"), std::nullopt, cache.epoch());
  cache.insert("c1", token("bob", "A"), std::nullopt, cache.epoch());
  cache.evict_device("alice", "A");
  CHECK_FALSE(cache.find("a1"));
  CHECK_FALSE(cache.find("a2"));
  CHECK(cache.find("b1"));
  CHECK(cache.find("c1"));  // same device ID, other user
  cache.evict_user("alice");
  CHECK_FALSE(cache.find("b1"));
  CHECK(cache.find("c1"));
  cache.erase("c1");
  CHECK_FALSE(cache.find("c1"));
  CHECK(cache.size() == 0);
}

TEST_CASE("token cache: an insert racing an eviction is refused") {
  FakeClock clock;
  TokenCache cache(clock, 100, 120s);
  const auto before = cache.epoch();  // read before introspecting
  cache.evict_device("alice", "A");   // the device goes meanwhile
  cache.insert("a1", token("alice", "A"), std::nullopt, before);
  CHECK_FALSE(cache.find("a1"));
  cache.insert("a1", token("alice", "A"), std::nullopt, cache.epoch());
  CHECK(cache.find("a1"));
}

// The last_seen recorder: one write per device per minute, batched, only
// forward; tokens without a device are not recorded.
#include "homeserver/introspection/last_seen.h"

#include <doctest/doctest.h>

#include <thread>

#include "homeserver/storage/device_repository.h"
#include "homeserver/storage/migrations.h"
#include "homeserver/storage/user_repository.h"

using namespace gatehouse;
using namespace gatehouse::homeserver;
using namespace gatehouse::homeserver::introspection;
using namespace std::chrono_literals;

namespace {

struct LastSeenFixture {
  FakeClock clock;
  std::shared_ptr<gatehouse::storage::Database> db;

  LastSeenFixture() {
    clock.set_unix_millis(1'000'000);
    auto opened = gatehouse::storage::open_database({.uri = "sqlite::memory:"});
    REQUIRE(opened);
    db = *opened;
    gatehouse::storage::Migrator migrator(homeserver::storage::migrations(db->dialect()));
    REQUIRE(migrator.migrate(*db, clock));
    auto tx = db->begin();
    REQUIRE(tx);
    homeserver::storage::User alice;
    alice.localpart = "alice";
    REQUIRE(homeserver::storage::users::insert(**tx, alice));
    for (const char* id : {"D1", "D2"}) {
      homeserver::storage::Device d;
      d.localpart = "alice";
      d.device_id = id;
      REQUIRE(homeserver::storage::devices::upsert(**tx, d));
    }
    REQUIRE((*tx)->commit());
  }

  std::optional<std::int64_t> last_seen(const char* device) {
    auto tx = db->begin(gatehouse::storage::TxMode::kRead);
    REQUIRE(tx);
    auto d = homeserver::storage::devices::find(**tx, "alice", device);
    REQUIRE(d);
    REQUIRE(d->has_value());
    return (*d)->last_seen;
  }
};

std::shared_ptr<CachedToken> device_token(const char* device) {
  auto t = std::make_shared<CachedToken>();
  t->localpart = "alice";
  if (device) t->device_id = device;
  return t;
}

}  // namespace

TEST_CASE("last_seen: marked in memory, written by flush, once a minute per device") {
  LastSeenFixture f;
  LastSeenRecorder recorder(f.db, f.clock, 0ms);  // no thread: flushed by hand
  auto a = device_token("D1");
  auto b = device_token("D1");  // a second token of the same device
  recorder.seen(*a);
  CHECK(!f.last_seen("D1"));  // nothing written on the request path
  REQUIRE(recorder.flush());
  CHECK(f.last_seen("D1") == 1'000'000);

  f.clock.advance(30s);
  recorder.seen(*a);
  recorder.seen(*b);  // its own mark is fresh, the device's is not stale yet
  REQUIRE(recorder.flush());
  CHECK(f.last_seen("D1") == 1'000'000);

  f.clock.advance(31s);
  recorder.seen(*b);
  REQUIRE(recorder.flush());
  CHECK(f.last_seen("D1") == 1'061'000);
  CHECK(!f.last_seen("D2"));

  recorder.seen(*device_token(nullptr));  // no device: nothing to record
  REQUIRE(recorder.flush());
}

TEST_CASE("last_seen: the thread flushes on its own, and the destructor flushes the rest") {
  LastSeenFixture f;
  {
    LastSeenRecorder recorder(f.db, f.clock, 10ms);
    recorder.seen(*device_token("D2"));
    for (int i = 0; i < 500 && !f.last_seen("D2"); ++i) std::this_thread::sleep_for(10ms);
    CHECK(f.last_seen("D2") == 1'000'000);
    f.clock.advance(61s);
    recorder.seen(*device_token("D1"));
  }
  CHECK(f.last_seen("D1") == 1'061'000);
}

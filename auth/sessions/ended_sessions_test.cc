// EndedSessions: what is noted inside the transaction is announced once,
// per user, after it: each device once, the whole user when asked (then no
// per-device call), sessions without a user skipped, a sync-devices job.
#include "auth/sessions/ended_sessions.h"

#include <doctest/doctest.h>

#include <utility>

#include "auth/jobs/job_kinds.h"
#include "shared/storage/test_memory_database.h"
#include "shared/storage/queue_job_repository.h"

namespace gatehouse::auth::sessions {
namespace {

// Records invalidate() calls; every other call succeeds and does nothing.
class InvalidationRecorder final : public homeserver_client::HomeserverClient {
 public:
  Result<bool> provision_user(const homeserver_client::ProvisionRequest&) override { return true; }
  Result<bool> is_localpart_available(const std::string&) override { return true; }
  Status upsert_device(const homeserver_client::DeviceRequest&) override { return ok(); }
  Status delete_device(const std::string&, const std::string&) override { return ok(); }
  Status sync_devices(const std::string&, const std::vector<std::string>&) override { return ok(); }
  Status delete_user(const std::string&, bool) override { return ok(); }
  Status reactivate_user(const std::string&) override { return ok(); }
  Status set_displayname(const std::string&, const std::string&) override { return ok(); }
  Status unset_displayname(const std::string&) override { return ok(); }
  Status allow_cross_signing_reset(const std::string&) override { return ok(); }
  Result<std::optional<std::string>> display_name(const std::string&) override { return std::nullopt; }
  Status invalidate(const std::string& localpart,
                    const std::optional<std::string>& device_id) override {
    calls.emplace_back(localpart, device_id);
    return ok();
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> calls;
};

struct EndedFixture {
  FakeClock clock;
  std::shared_ptr<storage::Database> db;
  InvalidationRecorder homeserver;

  EndedFixture() {
    db = storage::testing::migrated_memory_database(clock);
    auto tx = db->begin();
    REQUIRE(tx);
    REQUIRE((*tx)->execute("INSERT INTO users (id, username, created_at) VALUES ($1, 'alice', 1)",
                           {"01HUSER0000000000000000000"}));
    REQUIRE((*tx)->commit());
  }

  storage::OAuth2Session session(std::optional<std::string> user, std::optional<std::string> device) {
    storage::OAuth2Session s;
    s.user_id = std::move(user);
    s.device_id = std::move(device);
    return s;
  }

  std::size_t sync_jobs() {
    auto tx = db->begin(storage::TxMode::kRead);
    REQUIRE(tx);
    auto jobs = storage::queue_jobs::list(**tx, jobs::kSyncDevices);
    REQUIRE(jobs);
    return jobs->size();
  }
};

using Call = std::pair<std::string, std::optional<std::string>>;

}  // namespace

TEST_CASE("ended sessions: each device once, after the caller's commit") {
  EndedFixture f;
  EndedSessions ended;
  auto tx = f.db->begin();
  REQUIRE(tx);
  const std::string alice = "01HUSER0000000000000000000";
  REQUIRE(ended.note(**tx, f.session(alice, "D1")));
  REQUIRE(ended.note(**tx, std::vector{f.session(alice, "D2"), f.session(alice, "D1")}));
  REQUIRE(ended.note(**tx, f.session(std::nullopt, std::nullopt)));  // client_credentials
  REQUIRE(ended.note_user(**tx, "01HNOBODY00000000000000000"));      // unknown: skipped
  REQUIRE((*tx)->commit());
  CHECK(f.homeserver.calls.empty());  // nothing is told while noting
  ended.announce(&f.homeserver, *f.db, f.clock);
  CHECK(f.homeserver.calls == std::vector<Call>{{"alice", "D1"}, {"alice", "D2"}});
  CHECK(f.sync_jobs() == 1);
}

TEST_CASE("ended sessions: the whole user replaces the per-device calls") {
  EndedFixture f;
  EndedSessions ended;
  CHECK(ended.empty());
  auto tx = f.db->begin();
  REQUIRE(tx);
  REQUIRE(ended.note(**tx, f.session("01HUSER0000000000000000000", "D1")));
  REQUIRE(ended.note_user(**tx, "01HUSER0000000000000000000"));
  REQUIRE((*tx)->commit());
  CHECK(!ended.empty());
  ended.announce(&f.homeserver, *f.db, f.clock);
  CHECK(f.homeserver.calls == std::vector<Call>{{"alice", std::nullopt}});
  // No homeserver configured: only the job.
  ended.announce(nullptr, *f.db, f.clock);
  CHECK(f.sync_jobs() == 2);
}

}  // namespace gatehouse::auth::sessions

// The worker over a real (in-memory SQLite) queue, the fake homeserver and a
// FakeClock: retry schedule, give-up, completion.
#include "auth/jobs/worker.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "auth/accounts/account_service.h"
#include "auth/homeserver_client/fake_homeserver_client.h"
#include "auth/jobs/job_kinds.h"
#include "auth/jobs/live_devices.h"
#include "auth/jobs/schedule.h"
#include "auth/sessions/device_sync.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/queue_job_repository.h"
#include "shared/storage/test_memory_database.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::jobs {
namespace {

using std::chrono::milliseconds;

struct Fixture {
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  std::shared_ptr<storage::Database> db;
  std::shared_ptr<homeserver_client::FakeHomeserverClient> hs =
      std::make_shared<homeserver_client::FakeHomeserverClient>();
  std::unique_ptr<Worker> worker;
  std::string user_id;

  Fixture() {
    db = storage::testing::migrated_memory_database(*clock);
    worker = std::make_unique<Worker>(db, hs, clock);
    // register_user records the provision-user job, as `manage register-user` does.
    auto tx = db->begin();
    REQUIRE(tx);
    accounts::NewUser alice;
    alice.username = "alice";
    alice.emails = {"alice@example.org"};
    alice.display_name = "Alice";
    auto user = accounts::register_user(**tx, *clock, "example.org", alice);
    REQUIRE(user);
    user_id = user->id;
    REQUIRE((*tx)->commit());
  }

  storage::QueueJob only_job(std::string_view kind = kProvisionUser) {
    auto tx = db->begin(storage::TxMode::kRead);
    REQUIRE(tx);
    auto jobs = storage::queue_jobs::list(**tx, kind);
    REQUIRE(jobs);
    REQUIRE(jobs->size() == 1);
    return jobs->front();
  }
};

}  // namespace

TEST_CASE("worker: a due job runs and is marked completed") {
  Fixture f;
  auto ran = f.worker->run_once();
  REQUIRE(ran);
  CHECK(*ran == true);
  auto user = f.hs->user("alice");
  REQUIRE(user);
  CHECK(user->display_name == std::optional<std::string>("Alice"));
  CHECK(user->emails == std::vector<std::string>{"alice@example.org"});
  auto job = f.only_job();
  CHECK(job.status == storage::JobStatus::kCompleted);
  CHECK(job.attempts == 1);
  CHECK(job.completed_at == std::optional<std::int64_t>(f.clock->unix_millis()));
  CHECK(*f.worker->run_once() == false);  // nothing left
}

TEST_CASE("worker: failures back off 5 s × 2^n, then succeed when the homeserver returns") {
  Fixture f;
  f.hs->set_failure(Error{ErrorCode::kUnavailable, "cannot reach the homeserver", ""});
  const std::int64_t start = f.clock->unix_millis();
  REQUIRE(*f.worker->run_once() == true);
  auto job = f.only_job();
  CHECK(job.status == storage::JobStatus::kScheduled);
  CHECK(job.attempts == 1);
  CHECK(job.scheduled_at == start + 5000);
  CHECK(job.last_error->find("cannot reach the homeserver") != std::string::npos);

  // Not due before its time.
  f.clock->advance(milliseconds(4999));
  CHECK(*f.worker->run_once() == false);
  f.clock->advance(milliseconds(1));
  REQUIRE(*f.worker->run_once() == true);
  job = f.only_job();
  CHECK(job.attempts == 2);
  CHECK(job.scheduled_at == f.clock->unix_millis() + 10000);

  f.hs->set_failure(std::nullopt);
  f.clock->advance(milliseconds(10000));
  REQUIRE(*f.worker->run_once() == true);
  job = f.only_job();
  CHECK(job.status == storage::JobStatus::kCompleted);
  CHECK(job.attempts == 3);
  CHECK(f.hs->user("alice").has_value());
}

TEST_CASE("worker: gives up after 10 attempts with the last error stored") {
  Fixture f;
  f.hs->set_failure(Error{ErrorCode::kUnavailable, "down", ""});
  for (int attempt = 1; attempt <= 10; ++attempt) {
    REQUIRE(*f.worker->run_once() == true);
    f.clock->advance(backoff_delay(WorkerOptions{}, attempt));
  }
  auto job = f.only_job();
  CHECK(job.status == storage::JobStatus::kFailed);
  CHECK(job.attempts == 10);
  CHECK(job.last_error->find("down") != std::string::npos);
  f.clock->advance(std::chrono::hours(24 * 365));
  CHECK(*f.worker->run_once() == false);
  CHECK(f.hs->calls() == 10);
}

TEST_CASE("worker: backoff delays are 5 s × 2^(n-1)") {
  WorkerOptions o;
  CHECK(backoff_delay(o, 1) == milliseconds(5000));
  CHECK(backoff_delay(o, 2) == milliseconds(10000));
  CHECK(backoff_delay(o, 9) == milliseconds(5000 * 256));
}

TEST_CASE("worker: deactivate, reactivate and sync-devices jobs reach the homeserver") {
  Fixture f;
  REQUIRE(*f.worker->run_once() == true);  // provision first
  int n = 0;
  auto schedule = [&](std::string_view kind, nlohmann::json payload) {
    auto tx = f.db->begin();
    REQUIRE(tx);
    storage::QueueJob job;
    job.id = "01J00000000000000000000JB" + std::to_string(++n);
    job.queue_name = kind;
    job.payload = payload.dump();
    job.scheduled_at = f.clock->unix_millis();
    job.created_at = job.scheduled_at;
    REQUIRE(storage::queue_jobs::schedule(**tx, job));
    REQUIRE((*tx)->commit());
  };
  REQUIRE(f.hs->upsert_device({.localpart = "alice", .device_id = "OLD"}));
  schedule(kSyncDevices, {{"user_id", f.user_id}});
  REQUIRE(*f.worker->run_once() == true);
  CHECK(f.hs->user("alice")->devices.empty());  // no active sessions
  schedule(kDeactivateUser, {{"user_id", f.user_id}, {"erase", true}});
  REQUIRE(*f.worker->run_once() == true);
  CHECK(f.hs->user("alice")->deactivated);
  CHECK(f.hs->user("alice")->erased);
  schedule(kReactivateUser, {{"user_id", f.user_id}});
  REQUIRE(*f.worker->run_once() == true);
  CHECK(!f.hs->user("alice")->deactivated);
}

TEST_CASE("worker: the thread runs due jobs and stops promptly") {
  Fixture f;
  f.worker->start();
  // Waits on the condition (the job's status), not on time.
  for (;;) {
    if (f.only_job().status == storage::JobStatus::kCompleted) break;
    std::this_thread::yield();
  }
  f.worker->stop();
  CHECK(f.hs->user("alice").has_value());
}

namespace {

constexpr const char* kClient = "01HCL1ENT0000000000000000A";

template <typename F>
void in_tx(Fixture& f, F&& change) {
  auto tx = f.db->begin();
  REQUIRE(tx);
  REQUIRE(change(**tx));
  REQUIRE((*tx)->commit());
}

void add_client(Fixture& f) {
  storage::OAuth2Client client;
  client.id = kClient;
  client.client_auth_method = "none";
  in_tx(f, [&](storage::Transaction& tx) { return storage::oauth2_clients::upsert(tx, client); });
}

void add_session(Fixture& f, const std::string& id, std::optional<std::string> device,
                 bool finished) {
  storage::OAuth2Session s;
  s.id = id;
  s.client_id = kClient;
  s.user_id = f.user_id;
  s.scope = "urn:matrix:client:api:*";
  s.device_id = std::move(device);
  s.created_at = 1;
  in_tx(f, [&](storage::Transaction& tx) -> Status {
    GH_TRY_STATUS(storage::oauth2_sessions::add(tx, s));
    if (finished) GH_TRY_STATUS(storage::oauth2_sessions::finish(tx, id, 2));
    return ok();
  });
}

}  // namespace

TEST_CASE("worker: sync-devices keeps exactly the devices of live sessions") {
  Fixture f;
  REQUIRE(*f.worker->run_once() == true);  // provision first
  add_client(f);
  add_session(f, "01HSESS0000000000000000001", "LIVEDEVICE1", false);
  add_session(f, "01HSESS0000000000000000002", "LIVEDEVICE1", false);  // same device twice
  add_session(f, "01HSESS0000000000000000003", "ENDEDDEVICE", true);
  add_session(f, "01HSESS0000000000000000004", std::nullopt, false);
  add_session(f, "01HSESS0000000000000000005", "LIVEDEVICE0", false);
  storage::CompatSession compat;  // a device logged in through /login
  compat.id = "01HCSESS000000000000000001";
  compat.user_id = f.user_id;
  compat.device_id = "COMPATDEVICE";
  in_tx(f, [&](storage::Transaction& tx) { return storage::compat_sessions::add(tx, compat); });
  {
    auto tx = f.db->begin(storage::TxMode::kRead);
    REQUIRE(tx);
    auto devices = live_devices(**tx, f.user_id);
    REQUIRE(devices);
    CHECK(*devices == std::vector<std::string>{"COMPATDEVICE", "LIVEDEVICE0", "LIVEDEVICE1"});
  }
  REQUIRE(f.hs->upsert_device({.localpart = "alice", .device_id = "ENDEDDEVICE"}));
  in_tx(f, [&](storage::Transaction& tx) {
    return sessions::schedule_sync_devices(tx, *f.clock, f.user_id);
  });
  REQUIRE(*f.worker->run_once() == true);
  const auto alice = f.hs->user("alice");
  REQUIRE(alice);
  const auto& devices = alice->devices;
  CHECK(devices.size() == 3);
  CHECK(devices.count("COMPATDEVICE") == 1);
  CHECK(devices.count("LIVEDEVICE0") == 1);
  CHECK(devices.count("LIVEDEVICE1") == 1);
  CHECK(devices.count("ENDEDDEVICE") == 0);
}

TEST_CASE("worker: deactivation and reactivation jobs scheduled by jobs/schedule.h") {
  Fixture f;
  REQUIRE(*f.worker->run_once() == true);  // provision first
  in_tx(f, [&](storage::Transaction& tx) {
    return schedule_deactivation(tx, *f.clock, f.user_id, /*erase=*/false);
  });
  REQUIRE(*f.worker->run_once() == true);
  CHECK(f.hs->user("alice")->deactivated);
  CHECK(!f.hs->user("alice")->erased);
  in_tx(f, [&](storage::Transaction& tx) { return schedule_reactivation(tx, *f.clock, f.user_id); });
  REQUIRE(*f.worker->run_once() == true);
  CHECK(!f.hs->user("alice")->deactivated);
  CHECK(*f.worker->run_once() == false);  // nothing else was queued
}

TEST_CASE("worker: a deleted user is erased by localpart; syncing its devices is nothing to do") {
  Fixture f;
  REQUIRE(*f.worker->run_once() == true);  // provision first
  in_tx(f, [&](storage::Transaction& tx) -> Status {
    GH_TRY_STATUS(storage::users::remove(tx, f.user_id));
    GH_TRY_STATUS(sessions::schedule_sync_devices(tx, *f.clock, f.user_id));
    return schedule_deactivation(tx, *f.clock, f.user_id, /*erase=*/true, "alice");
  });
  REQUIRE(*f.worker->run_once() == true);
  REQUIRE(*f.worker->run_once() == true);
  CHECK(f.hs->user("alice")->deactivated);
  CHECK(f.hs->user("alice")->erased);
  for (auto kind : {kSyncDevices, kDeactivateUser}) {
    CHECK(f.only_job(kind).status == storage::JobStatus::kCompleted);
  }
}

}  // namespace gatehouse::auth::jobs

// The worker over a real (in-memory SQLite) queue, the fake homeserver and a
// FakeClock: retry schedule, give-up, completion.
#include "auth/jobs/worker.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "auth/accounts/account_service.h"
#include "auth/homeserver_client/fake_homeserver_client.h"
#include "auth/jobs/job_kinds.h"
#include "shared/storage/migrations.h"
#include "shared/storage/queue_job_repository.h"

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
    auto opened = storage::open_database({.uri = "sqlite::memory:"});
    REQUIRE(opened);
    db = *opened;
    REQUIRE(storage::Migrator::builtin(db->dialect()).migrate(*db, *clock));
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

}  // namespace gatehouse::auth::jobs

// Conformance: queue_jobs.
#include "shared/storage/conformance/accounts_fixture.h"
#include "shared/storage/queue_job_repository.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: queue jobs schedule, find, list by queue") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  QueueJob a;
  a.id = "01HZZZZZZZZZZZZZZZZZZZJOB1";
  a.queue_name = "provision-user";
  a.payload = R"({"user_id":"01HZZZZZZZZZZZZZZZZZZALICE"})";
  a.scheduled_at = 10;
  a.created_at = 10;
  QueueJob b = a;
  b.id = "01HZZZZZZZZZZZZZZZZZZZJOB2";
  b.status = JobStatus::kFailed;
  b.attempts = 3;
  b.last_error = "homeserver unreachable";
  b.completed_at = 20;
  QueueJob other = a;
  other.id = "01HZZZZZZZZZZZZZZZZZZZJOB3";
  other.queue_name = "other";
  for (const auto* j : {&a, &b, &other}) GH_REQUIRE_OK(queue_jobs::schedule(*tx, *j));
  GH_REQUIRE_OK(tx->commit());

  tx = begin_tx(*t, TxMode::kRead);
  CHECK(**queue_jobs::find(*tx, b.id) == b);
  CHECK(!queue_jobs::find(*tx, "01HNOTHERE0000000000000000")->has_value());
  auto listed = queue_jobs::list(*tx, "provision-user");
  GH_REQUIRE_OK(listed);
  REQUIRE(listed->size() == 2);
  CHECK((*listed)[0] == a);
  CHECK((*listed)[1] == b);
}

}  // namespace gatehouse::storage::conformance

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: queue jobs are claimed once, in order, and leases expire") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  QueueJob due;
  due.id = "01HZZZZZZZZZZZZZZZZZZZJOB1";
  due.queue_name = "provision-user";
  due.scheduled_at = 100;
  due.created_at = 100;
  QueueJob later = due;
  later.id = "01HZZZZZZZZZZZZZZZZZZZJOB2";
  later.scheduled_at = 500;
  QueueJob other = due;
  other.id = "01HZZZZZZZZZZZZZZZZZZZJOB3";
  other.queue_name = "other";
  other.scheduled_at = 50;
  for (const auto* j : {&due, &later, &other}) GH_REQUIRE_OK(queue_jobs::schedule(*tx, *j));
  GH_REQUIRE_OK(tx->commit());

  tx = begin_tx(*t);
  auto first = queue_jobs::claim_next(*tx, 200, 100, {"provision-user"});
  GH_REQUIRE_OK(first);
  REQUIRE(first->has_value());
  CHECK((*first)->id == due.id);
  CHECK((*first)->status == JobStatus::kRunning);
  CHECK((*first)->scheduled_at == 300);
  // Claimed: not due again before its lease ends; `later` is not due yet.
  auto none = queue_jobs::claim_next(*tx, 200, 100, {"provision-user"});
  GH_REQUIRE_OK(none);
  CHECK(!none->has_value());
  GH_REQUIRE_OK(tx->commit());

  tx = begin_tx(*t);
  // After the lease, a crashed worker's job is claimed again.
  auto again = queue_jobs::claim_next(*tx, 400, 100, {"provision-user"});
  GH_REQUIRE_OK(again);
  REQUIRE(again->has_value());
  CHECK((*again)->id == due.id);
  CHECK(*queue_jobs::retry_later(*tx, due.id, 1, 5000, "homeserver down") == true);
  CHECK(*queue_jobs::complete(*tx, later.id, 1, 600) == true);
  CHECK(*queue_jobs::fail_permanently(*tx, other.id, 10, 700, "gave up") == true);
  GH_REQUIRE_OK(tx->commit());

  tx = begin_tx(*t, TxMode::kRead);
  auto retried = **queue_jobs::find(*tx, due.id);
  CHECK(retried.status == JobStatus::kScheduled);
  CHECK(retried.attempts == 1);
  CHECK(retried.scheduled_at == 5000);
  CHECK(retried.last_error == std::optional<std::string>("homeserver down"));
  auto done = **queue_jobs::find(*tx, later.id);
  CHECK(done.status == JobStatus::kCompleted);
  CHECK(done.completed_at == std::optional<std::int64_t>(600));
  auto failed = **queue_jobs::find(*tx, other.id);
  CHECK(failed.status == JobStatus::kFailed);
  CHECK(failed.last_error == std::optional<std::string>("gave up"));
  // Any queue when none is named; completed and failed jobs are never claimed.
  tx = begin_tx(*t);
  auto any = queue_jobs::claim_next(*tx, 10'000, 1000);
  GH_REQUIRE_OK(any);
  REQUIRE(any->has_value());
  CHECK((*any)->id == due.id);
  CHECK(!queue_jobs::claim_next(*tx, 10'000, 1000)->has_value());
}

}  // namespace gatehouse::storage::conformance

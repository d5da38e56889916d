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

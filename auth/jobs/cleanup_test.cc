// Cleanup deletes finished or expired rows older than a week, and only
// those.
#include "auth/jobs/cleanup.h"

#include <doctest/doctest.h>

#include "shared/storage/test_memory_database.h"

namespace gatehouse::auth::jobs {
namespace {

std::int64_t count(storage::Database& db, const std::string& table) {
  auto tx = db.begin(storage::TxMode::kRead);
  REQUIRE(tx.has_value());
  auto row = (*tx)->query_one("SELECT COUNT(*) AS n FROM " + table, {});
  REQUIRE(row.has_value());
  return *(**row).get_int("n");
}

}  // namespace

TEST_CASE("cleanup: finished or expired rows older than a week go, the rest stays") {
  FakeClock clock;
  auto db = storage::testing::migrated_memory_database(clock);
  const std::int64_t now = 1'800'000'000'000;
  const std::int64_t old = now - kKeepFinishedMs - 1;
  const std::int64_t recent = now - 1000;
  {
    auto tx = db->begin(storage::TxMode::kWrite);
    REQUIRE(tx.has_value());
    auto& x = **tx;
    auto run = [&](const std::string& sql, const storage::Params& params) {
      auto done = x.execute(sql, params);
      REQUIRE_MESSAGE(done.has_value(), (done ? "" : done.error().describe()));
    };
    run("INSERT INTO users (id, username, created_at) VALUES ('U1', 'alice', 1)", {});
    run("INSERT INTO user_emails (id, user_id, email, created_at) VALUES ('E1', 'U1', 'a@x.org', 1)", {});
    const char* job = "INSERT INTO queue_jobs (id, queue_name, status, scheduled_at, created_at, completed_at) "
                      "VALUES ($1, 'send-email', $2, 1, 1, $3)";
    run(job, {"J-old-done", "completed", old});
    run(job, {"J-old-failed", "failed", old});
    run(job, {"J-recent-done", "completed", recent});
    run(job, {"J-waiting", "scheduled", std::optional<std::int64_t>()});
    const char* trip = "INSERT INTO upstream_oauth_sessions (id, provider_id, state, nonce, continuation, created_at) "
                       "VALUES ($1, 'P', $1, 'n', '', $2)";
    run(trip, {"T-old", old});
    run(trip, {"T-recent", recent});
    const char* link = "INSERT INTO upstream_oauth_links (id, provider_id, subject, user_id, created_at) "
                       "VALUES ($1, 'P', $1, $2, $3)";
    run(link, {"L-old-orphan", std::optional<std::string>(), old});
    run(link, {"L-old-linked", "U1", old});
    const char* ticket = "INSERT INTO user_recovery_tickets (id, user_id, user_email_id, token_fingerprint, created_at, expires_at) "
                         "VALUES ($1, 'U1', 'E1', $1, 1, $2)";
    run(ticket, {"R-old", old});
    run(ticket, {"R-recent", recent});
    REQUIRE((*tx)->commit().has_value());
  }
  auto deleted = clean_up(*db, now);
  REQUIRE(deleted.has_value());
  CHECK(*deleted == 5);
  CHECK(count(*db, "queue_jobs") == 2);
  CHECK(count(*db, "upstream_oauth_sessions") == 1);
  CHECK(count(*db, "upstream_oauth_links") == 1);
  CHECK(count(*db, "user_recovery_tickets") == 1);
  auto again = clean_up(*db, now);
  REQUIRE(again.has_value());
  CHECK(*again == 0);
}

}  // namespace gatehouse::auth::jobs

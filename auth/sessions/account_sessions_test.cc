// The account page's sessions: both kinds listed newest first with the
// client's name; only the user's own live session can be ended, and ending
// one notes its device for the homeserver. Deactivating an account ends
// them all and schedules the homeserver's job, once.
#include "auth/sessions/account_sessions.h"

#include <doctest/doctest.h>

#include "auth/jobs/job_kinds.h"
#include "auth/sessions/account_status.h"
#include "shared/storage/browser_session_repository.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/test_memory_database.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/queue_job_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::sessions {
namespace {

constexpr const char* kAlice = "01HUSER00000000000000ALICE";
constexpr const char* kBob = "01HUSER000000000000000BOB0";
constexpr const char* kClient = "01HC11ENT00000000000000000";

struct AccountFixture {
  FakeClock clock;
  std::shared_ptr<storage::Database> db;

  AccountFixture() {
    db = storage::testing::migrated_memory_database(clock);
    auto tx = db->begin();
    REQUIRE(tx);
    for (const auto& [id, name] : {std::pair{kAlice, "alice"}, std::pair{kBob, "bob"}}) {
      REQUIRE((*tx)->execute("INSERT INTO users (id, username, created_at) VALUES ($1, $2, 1)",
                             {id, name}));
    }
    storage::OAuth2Client client;
    client.id = kClient;
    client.client_auth_method = "none";
    client.client_name = "Element";
    REQUIRE(storage::oauth2_clients::upsert(**tx, client));
    REQUIRE(storage::oauth2_sessions::add(**tx, oauth("01HSESS00000000000000000A1", kAlice, "DEVICEA1")));
    REQUIRE(storage::oauth2_sessions::add(**tx, oauth("01HSESS00000000000000000B1", kBob, "DEVICEB1")));
    storage::CompatSession compat;
    compat.id = "01HSESS00000000000000000A2";
    compat.user_id = kAlice;
    compat.device_id = "OLDPHONE";
    compat.human_name = "Old phone";
    compat.created_at = 20;
    REQUIRE(storage::compat_sessions::add(**tx, compat));
    storage::BrowserSession browser{"01HSESS00000000000000000A3", kAlice, 30, std::nullopt,
                                    "Firefox", "192.0.2.7"};
    REQUIRE(storage::browser_sessions::add(**tx, browser));
    REQUIRE((*tx)->commit());
  }

  static storage::OAuth2Session oauth(std::string id, std::string user, std::string device) {
    storage::OAuth2Session s;
    s.id = std::move(id);
    s.client_id = kClient;
    s.user_id = std::move(user);
    s.scope = "urn:matrix:client:api:*";
    s.device_id = std::move(device);
    s.created_at = 10;
    return s;
  }
};

}  // namespace

TEST_CASE("account sessions: the user's own, both kinds, newest first") {
  AccountFixture f;
  auto tx = f.db->begin(storage::TxMode::kRead);
  REQUIRE(tx);
  auto listed = list_account_sessions(**tx, kAlice);
  REQUIRE(listed);
  REQUIRE(listed->size() == 3);
  CHECK((*listed)[0].kind == SessionKind::kBrowser);
  CHECK((*listed)[0].client_name == "Firefox");
  CHECK((*listed)[0].last_active_ip == "192.0.2.7");
  CHECK((*listed)[1].kind == SessionKind::kCompat);
  CHECK((*listed)[1].client_name == "Old phone");
  CHECK((*listed)[1].device_id == "OLDPHONE");
  CHECK((*listed)[2].kind == SessionKind::kOAuth2);
  CHECK((*listed)[2].client_name == "Element");
  CHECK((*listed)[2].device_id == "DEVICEA1");
}

TEST_CASE("account sessions: only the user's own live session ends") {
  AccountFixture f;
  auto tx = f.db->begin();
  REQUIRE(tx);
  EndedSessions ended;
  // Bob's session, through Alice's page: refused, unchanged.
  CHECK(end_account_session(**tx, kAlice, SessionKind::kOAuth2, "01HSESS00000000000000000B1", 50,
                            ended) == false);
  // The right id under the wrong kind is not found either.
  CHECK(end_account_session(**tx, kAlice, SessionKind::kCompat, "01HSESS00000000000000000A1", 50,
                            ended) == false);
  CHECK(ended.empty());
  auto bob = storage::oauth2_sessions::find(**tx, "01HSESS00000000000000000B1");
  REQUIRE(bob);
  CHECK(!(*bob)->is_finished());

  CHECK(end_account_session(**tx, kAlice, SessionKind::kOAuth2, "01HSESS00000000000000000A1", 50,
                            ended) == true);
  CHECK(end_account_session(**tx, kAlice, SessionKind::kCompat, "01HSESS00000000000000000A2", 50,
                            ended) == true);
  // Bob cannot sign Alice's browser out; she can.
  CHECK(end_account_session(**tx, kBob, SessionKind::kBrowser, "01HSESS00000000000000000A3", 50,
                            ended) == false);
  CHECK(end_account_session(**tx, kAlice, SessionKind::kBrowser, "01HSESS00000000000000000A3", 50,
                            ended) == true);
  CHECK(!ended.empty());
  // Ended already: nothing to do.
  CHECK(end_account_session(**tx, kAlice, SessionKind::kOAuth2, "01HSESS00000000000000000A1", 60,
                            ended) == false);
  auto listed = list_account_sessions(**tx, kAlice);
  REQUIRE(listed);
  CHECK(listed->empty());
  REQUIRE((*tx)->commit());
}

TEST_CASE("deactivating an account ends its sessions and schedules the homeserver's job once") {
  AccountFixture f;
  auto tx = f.db->begin();
  REQUIRE(tx);
  auto alice = storage::users::find(**tx, kAlice);
  REQUIRE(alice);
  REQUIRE(*alice);
  EndedSessions ended;
  auto counts = deactivate_account(**tx, f.clock, **alice, false, ended);
  REQUIRE(counts);
  CHECK(describe(*counts) == "1 browser, 1 compat, 1 oauth2");
  CHECK(!ended.empty());
  auto after = storage::users::find(**tx, kAlice);
  REQUIRE(after);
  CHECK((*after)->deactivated_at.has_value());
  auto live = list_account_sessions(**tx, kAlice);
  REQUIRE(live);
  CHECK(live->empty());
  // Bob keeps his.
  auto bobs = list_account_sessions(**tx, kBob);
  REQUIRE(bobs);
  CHECK(bobs->size() == 1);
  // Already deactivated: nothing more.
  auto again = deactivate_account(**tx, f.clock, **after, false, ended);
  REQUIRE(again);
  CHECK(again->empty());
  auto jobs = storage::queue_jobs::list(**tx, jobs::kDeactivateUser);
  REQUIRE(jobs);
  CHECK(jobs->size() == 1);
  REQUIRE((*tx)->commit());
}

TEST_CASE("account sessions: kinds as forms name them") {
  CHECK(parse_kind(kind_name(SessionKind::kOAuth2)) == SessionKind::kOAuth2);
  CHECK(parse_kind(kind_name(SessionKind::kCompat)) == SessionKind::kCompat);
  CHECK(parse_kind(kind_name(SessionKind::kBrowser)) == SessionKind::kBrowser);
  CHECK(!parse_kind("device"));
}

}  // namespace gatehouse::auth::sessions

// The bearer of a legacy API call and the session behind a compat token,
// over a real (in-memory SQLite) database.
#include "auth/compat/compat_bearer.h"

#include <doctest/doctest.h>

#include "shared/core/clock.h"
#include "shared/ids/token.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_token_repository.h"
#include "shared/storage/migrations.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {

TEST_CASE("the bearer: Authorization header first, then ?access_token, else M_MISSING_TOKEN") {
  httplib::Request req;
  CHECK(bearer_token(req).error().errcode == "M_MISSING_TOKEN");
  CHECK(bearer_token(req).error().status == 401);
  req.params.emplace("access_token", "from-query");
  CHECK(*bearer_token(req) == "from-query");
  req.headers.emplace("Authorization", "Bearer from-header");
  CHECK(*bearer_token(req) == "from-header");
}

TEST_CASE("a compat caller: live, expired (soft logout), finished, not a compat token") {
  FakeClock clock;
  auto db = storage::open_database({.uri = "sqlite::memory:"});
  REQUIRE(db);
  REQUIRE(storage::Migrator::builtin((*db)->dialect()).migrate(**db, clock));
  const std::string token = ids::generate_token(ids::TokenType::kCompatAccessToken);
  auto tx = (*db)->begin();
  REQUIRE(tx);
  REQUIRE(storage::users::add(**tx, {"01HUSER0000000000000000000", "alice", 1}));
  storage::CompatSession s;
  s.id = "01HCOMPAT00000000000000001";
  s.user_id = "01HUSER0000000000000000000";
  s.device_id = "DEVICEAAAA";
  s.created_at = 1'000;
  REQUIRE(storage::compat_sessions::add(**tx, s));
  REQUIRE(storage::compat_access_tokens::add(
      **tx, {"01HCAT00000000000000000001", s.id, ids::token_fingerprint(token), 1'000, 301'000}));

  auto live = find_compat_caller(**tx, token, 2'000);
  REQUIRE(live);
  CHECK(live->session.device_id == "DEVICEAAAA");
  CHECK(live->user.username == "alice");

  auto expired = find_compat_caller(**tx, token, 301'000);
  REQUIRE(!expired);
  CHECK(expired.error().errcode == "M_UNKNOWN_TOKEN");
  CHECK(expired.error().extra["soft_logout"] == true);

  auto oauth = find_compat_caller(**tx, ids::generate_token(ids::TokenType::kAccessToken), 2'000);
  CHECK(oauth.error().errcode == "M_UNKNOWN_TOKEN");
  CHECK(oauth.error().extra["soft_logout"] == false);

  REQUIRE(storage::compat_sessions::finish(**tx, s.id, 3'000));
  auto finished = find_compat_caller(**tx, token, 4'000);
  CHECK(finished.error().errcode == "M_UNKNOWN_TOKEN");
  CHECK(finished.error().extra["soft_logout"] == false);
}

}  // namespace gatehouse::auth::compat

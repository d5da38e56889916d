// The jwks_uri fetcher: one fetch per TTL, a fresh one after forget() (an
// upstream provider that rotated its keys), failures not cached.
#include "auth/oauth2/jwks_fetcher.h"

#include <atomic>

#include <doctest/doctest.h>

#include "shared/http/test_lib_server.h"

namespace gatehouse::auth::oauth2 {

TEST_CASE("jwks fetcher: cached for its TTL, fetched again after forget, errors not cached") {
  http::testing::LibServer server;
  std::atomic<int> served{0};
  std::atomic<bool> broken{false};
  server.server.Get("/jwks", [&](const httplib::Request&, httplib::Response& res) {
    ++served;
    if (broken) {
      res.status = 500;
      return;
    }
    res.set_content(R"({"keys":[]})", "application/json");
  });
  server.start();
  auto clock = std::make_shared<FakeClock>();
  HttpJwksFetcher fetcher(clock, std::chrono::seconds(300));
  const auto uri = server.endpoint("/jwks");
  REQUIRE(fetcher.fetch(uri).has_value());
  REQUIRE(fetcher.fetch(uri).has_value());
  CHECK(served == 1);
  fetcher.forget(uri);
  REQUIRE(fetcher.fetch(uri).has_value());
  CHECK(served == 2);
  clock->advance(std::chrono::seconds(301));
  broken = true;
  auto failed = fetcher.fetch(uri);
  REQUIRE(!failed.has_value());
  CHECK(failed.error().code == ErrorCode::kUnavailable);
  broken = false;
  REQUIRE(fetcher.fetch(uri).has_value());
  CHECK(served == 4);
}

}  // namespace gatehouse::auth::oauth2

// The admin API's documents: RFC 3339 times, MAS's user resource, pages
// with first/next links, and page[…] parameters checked.
#include "auth/admin/admin_resources.h"

#include "auth/admin/admin_filters.h"

#include <doctest/doctest.h>

namespace gatehouse::auth::admin {
namespace {

TEST_CASE("admin documents: RFC 3339 in UTC, milliseconds only when set") {
  CHECK(rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(rfc3339(1'795'000'000'123) == "2026-11-18T11:06:40.123Z");
  CHECK(rfc3339(std::optional<std::int64_t>{}) == nullptr);
}

TEST_CASE("admin documents: RFC 3339 read back, with fractions and offsets; nonsense refused") {
  CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_rfc3339(rfc3339(1'795'000'000'123)) == 1'795'000'000'123);
  CHECK(parse_rfc3339("2026-11-18T12:06:40.5+01:00") == 1'795'000'000'500);
  CHECK(parse_rfc3339("2026-11-18T10:06:40-01:00") == 1'795'000'000'000);
  for (const char* bad : {"", "2026-11-18", "2026-11-18T11:06:40", "2026-13-01T00:00:00Z",
                          "2026-11-18T11:06:40Zjunk", "2026-11-18 11:06:40Z", "tomorrow"}) {
    CHECK_MESSAGE(!parse_rfc3339(bad), bad);
  }
}

TEST_CASE("admin documents: a user as MAS shows one") {
  storage::User u{"01J00000000000000000000001", "alice", 1'000, 2'000, std::nullopt, true, false};
  const auto doc = single_document(user_resource(u));
  CHECK(doc["data"]["type"] == "user");
  CHECK(doc["data"]["id"] == u.id);
  CHECK(doc["data"]["attributes"]["username"] == "alice");
  CHECK(doc["data"]["attributes"]["created_at"] == "1970-01-01T00:00:01Z");
  CHECK(doc["data"]["attributes"]["locked_at"] == "1970-01-01T00:00:02Z");
  CHECK(doc["data"]["attributes"]["deactivated_at"] == nullptr);
  CHECK(doc["data"]["attributes"]["admin"] == true);
  CHECK(doc["data"]["attributes"]["legacy_guest"] == false);
  CHECK(doc["links"]["self"] == "/api/admin/v1/users/" + u.id);
  CHECK(doc["data"]["links"]["self"] == doc["links"]["self"]);
}

TEST_CASE("admin documents: a page links to the first and the next page") {
  std::vector<nlohmann::json> items = {{{"id", "01J00000000000000000000001"}},
                                       {{"id", "01J00000000000000000000002"}}};
  const PageRequest page{2, ""};
  auto doc = page_document(items, 5, "/users", "filter[admin]=true", page, true);
  CHECK(doc["meta"]["count"] == 5);
  CHECK(doc["data"].size() == 2);
  CHECK(doc["links"]["first"] == "/api/admin/v1/users?filter[admin]=true&page[first]=2");
  CHECK(doc["links"]["next"] ==
        "/api/admin/v1/users?filter[admin]=true&page[first]=2&page[after]=01J00000000000000000000002");
  auto last = page_document(items, 2, "/users", "", page, false);
  CHECK(!last["links"].contains("next"));
  CHECK(last["links"]["self"] == "/api/admin/v1/users?page[first]=2");
}

TEST_CASE("admin documents: page parameters are checked") {
  httplib::Request req;
  CHECK(parse_page(req)->first == 10);
  req.params.emplace("page[first]", "1001");
  CHECK(parse_page(req).error().status == 400);
  httplib::Request cursor;
  cursor.params.emplace("page[after]", "not-a-ulid");
  CHECK(parse_page(cursor).error().title.find("ULID") != std::string::npos);
  httplib::Request good;
  good.params.emplace("page[first]", "3");
  good.params.emplace("page[after]", "01J00000000000000000000002");
  auto page = parse_page(good);
  REQUIRE(page);
  CHECK(page->first == 3);
  CHECK(page->after == "01J00000000000000000000002");
}

TEST_CASE("admin filters: read, checked, echoed encoded; the first bad one is the error") {
  httplib::Request req;
  req.params.emplace("filter[user]", "01J00000000000000000000001");
  req.params.emplace("filter[admin]", "true");
  req.params.emplace("filter[email]", "a+b@example.org");
  ListFilters good(req);
  CHECK(good.id("user") == "01J00000000000000000000001");
  CHECK(good.flag("admin") == true);
  CHECK(good.text("email") == "a+b@example.org");
  CHECK(!good.one_of("status", {"active", "locked"}));  // absent
  CHECK(!good.error());
  CHECK(good.query() == "filter[user]=01J00000000000000000000001&filter[admin]=true&filter[email]=a%2Bb%40example.org");

  httplib::Request bad;
  bad.params.emplace("filter[user]", "alice");
  bad.params.emplace("filter[status]", "asleep");
  ListFilters filters(bad);
  CHECK(!filters.id("user"));
  CHECK(!filters.one_of("status", {"active", "finished"}));
  REQUIRE(filters.error());
  CHECK(filters.error()->status == 400);
  CHECK(filters.error()->title == "filter[user] must be an id (a ULID)");
  ListFilters status_only(bad);
  CHECK(!status_only.one_of("status", {"active", "finished"}));
  CHECK(status_only.error()->title == "filter[status] must be active or finished");
}

}  // namespace
}  // namespace gatehouse::auth::admin

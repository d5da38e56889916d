// Conformance: upstream provider links (one per provider account, tied to a
// user once) and the sessions of sign-ins at a provider (completed once,
// consumed once).
#include "shared/storage/conformance/oauth2_fixture.h"
#include "shared/storage/upstream_oauth_repository.h"

namespace gatehouse::storage::conformance {
namespace {

constexpr const char* kProvider = "01JQK7DK6VFH62NMW4HS9RKD3R";
constexpr const char* kOtherProvider = "01H8PKNWKKRPCBW4YGH1RWV279";

UpstreamOAuthLink link(std::string id, std::string provider, std::string subject,
                       std::optional<std::string> user) {
  UpstreamOAuthLink l;
  l.id = std::move(id);
  l.provider_id = std::move(provider);
  l.subject = std::move(subject);
  l.user_id = std::move(user);
  l.human_account_name = "@alice at the provider";
  l.created_at = 1'000;
  return l;
}

UpstreamOAuthSession session(std::string id, std::string state) {
  UpstreamOAuthSession s;
  s.id = std::move(id);
  s.provider_id = kProvider;
  s.state = std::move(state);
  s.nonce = "nonce-1";
  s.code_verifier = "verifier-1";
  s.continuation = "kind=continue_authorization_grant&id=01HGRANT000000000000000001";
  s.created_at = 1'000;
  return s;
}

}  // namespace

TEST_CASE("conformance: upstream_oauth_links unique per provider account, associate once, remove") {
  auto t = oauth2_database();
  const auto unlinked = link("01HLINK0000000000000000001", kProvider, "sub-1", std::nullopt);
  {
    auto first = t->db().begin();
    GH_REQUIRE_OK(first);
    GH_REQUIRE_OK(upstream_oauth_links::add(**first, unlinked));
    GH_REQUIRE_OK((*first)->commit());
  }
  {
    // A failed statement aborts its transaction (both backends): its own.
    auto second = t->db().begin();
    GH_REQUIRE_OK(second);
    auto dup = upstream_oauth_links::add(
        **second, link("01HLINK0000000000000000002", kProvider, "sub-1", std::nullopt));
    REQUIRE(!dup);
    CHECK(dup.error().code == ErrorCode::kConflict);
  }
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  // The same subject at another provider is another account.
  GH_REQUIRE_OK(upstream_oauth_links::add(
      x, link("01HLINK0000000000000000003", kOtherProvider, "sub-1", kFixtureUser)));

  auto found = upstream_oauth_links::find_by_subject(x, kProvider, "sub-1");
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == unlinked);
  auto none = upstream_oauth_links::find_by_subject(x, kProvider, "sub-2");
  GH_REQUIRE_OK(none);
  CHECK(!none->has_value());

  auto tied = upstream_oauth_links::associate(x, unlinked.id, kFixtureUser);
  GH_REQUIRE_OK(tied);
  CHECK(*tied);
  auto again = upstream_oauth_links::associate(x, unlinked.id, "01HOTHERUSER00000000000000");
  GH_REQUIRE_OK(again);
  CHECK(!*again);
  auto mine = upstream_oauth_links::list_for_user(x, kFixtureUser);
  GH_REQUIRE_OK(mine);
  REQUIRE(mine->size() == 2);
  CHECK((*mine)[0].id == "01HLINK0000000000000000001");
  CHECK((*mine)[0].user_id == kFixtureUser);

  auto removed = upstream_oauth_links::remove_for_user_and_provider(x, kFixtureUser, kProvider);
  GH_REQUIRE_OK(removed);
  CHECK(*removed == 1);
  auto left = upstream_oauth_links::list_for_user(x, kFixtureUser);
  GH_REQUIRE_OK(left);
  REQUIRE(left->size() == 1);
  CHECK((*left)[0].provider_id == kOtherProvider);
  auto gone = upstream_oauth_links::remove(x, (*left)[0].id);
  GH_REQUIRE_OK(gone);
  CHECK(*gone);
  auto absent = upstream_oauth_links::remove(x, (*left)[0].id);
  GH_REQUIRE_OK(absent);
  CHECK(!*absent);
}

TEST_CASE("conformance: upstream_oauth_links pages filtered by user, provider and subject") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  GH_REQUIRE_OK(upstream_oauth_links::add(x, link("01HLINK0000000000000000001", kProvider, "a", kFixtureUser)));
  GH_REQUIRE_OK(upstream_oauth_links::add(x, link("01HLINK0000000000000000002", kProvider, "b", std::nullopt)));
  GH_REQUIRE_OK(upstream_oauth_links::add(x, link("01HLINK0000000000000000003", kOtherProvider, "a", kFixtureUser)));
  using Filter = upstream_oauth_links::LinkFilter;
  auto all = upstream_oauth_links::list_page(x, Filter{}, "", 10);
  GH_REQUIRE_OK(all);
  CHECK(all->size() == 3);
  auto page = upstream_oauth_links::list_page(x, Filter{}, "01HLINK0000000000000000001", 1);
  GH_REQUIRE_OK(page);
  REQUIRE(page->size() == 1);
  CHECK((*page)[0].id == "01HLINK0000000000000000002");
  auto mine = upstream_oauth_links::count(x, Filter{kFixtureUser, std::nullopt, std::nullopt});
  GH_REQUIRE_OK(mine);
  CHECK(*mine == 2);
  auto one = upstream_oauth_links::list_page(x, Filter{std::nullopt, kProvider, "a"}, "", 10);
  GH_REQUIRE_OK(one);
  REQUIRE(one->size() == 1);
  CHECK((*one)[0].id == "01HLINK0000000000000000001");
}

TEST_CASE("conformance: upstream_oauth_sessions by state, complete once, consume once") {
  auto t = oauth2_database();
  const auto s = session("01HUPSESS00000000000000001", "state-1");
  {
    auto first = t->db().begin();
    GH_REQUIRE_OK(first);
    GH_REQUIRE_OK(upstream_oauth_sessions::add(**first, s));
    GH_REQUIRE_OK((*first)->commit());
  }
  {
    auto second = t->db().begin();
    GH_REQUIRE_OK(second);
    auto same_state =
        upstream_oauth_sessions::add(**second, session("01HUPSESS00000000000000002", "state-1"));
    REQUIRE(!same_state);
    CHECK(same_state.error().code == ErrorCode::kConflict);
  }
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  auto by_state = upstream_oauth_sessions::find_by_state(x, "state-1");
  GH_REQUIRE_OK(by_state);
  REQUIRE(by_state->has_value());
  CHECK(**by_state == s);

  // Not completed: cannot be used.
  auto early = upstream_oauth_sessions::consume(x, s.id, 1'500);
  GH_REQUIRE_OK(early);
  CHECK(!*early);
  const auto l = link("01HLINK0000000000000000001", kProvider, "sub-1", std::nullopt);
  GH_REQUIRE_OK(upstream_oauth_links::add(x, l));
  auto done = upstream_oauth_sessions::complete(x, s.id, l.id, R"({"sub":"sub-1"})",
                                                std::string(R"({"email":"a@example.org"})"), 2'000);
  GH_REQUIRE_OK(done);
  CHECK(*done);
  auto twice = upstream_oauth_sessions::complete(x, s.id, l.id, "{}", std::nullopt, 2'100);
  GH_REQUIRE_OK(twice);
  CHECK(!*twice);
  auto completed = upstream_oauth_sessions::find(x, s.id);
  GH_REQUIRE_OK(completed);
  REQUIRE(completed->has_value());
  CHECK((*completed)->completed_at == 2'000);
  CHECK((*completed)->link_id == l.id);
  CHECK((*completed)->id_token_claims == R"({"sub":"sub-1"})");
  CHECK((*completed)->userinfo_claims == R"({"email":"a@example.org"})");

  auto used = upstream_oauth_sessions::consume(x, s.id, 3'000);
  GH_REQUIRE_OK(used);
  CHECK(*used);
  auto replay = upstream_oauth_sessions::consume(x, s.id, 3'100);
  GH_REQUIRE_OK(replay);
  CHECK(!*replay);

  // Removing the link leaves the session, without its link.
  GH_REQUIRE_OK(upstream_oauth_links::remove(x, l.id));
  auto after = upstream_oauth_sessions::find(x, s.id);
  GH_REQUIRE_OK(after);
  REQUIRE(after->has_value());
  CHECK(!(*after)->link_id);
}

}  // namespace gatehouse::storage::conformance

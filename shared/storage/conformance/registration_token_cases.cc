// Conformance: user_registration_tokens.
#include "shared/storage/conformance/accounts_fixture.h"
#include "shared/storage/registration_token_repository.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: registration tokens add, find, use up to the limit, revoke") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  RegistrationToken limited;
  limited.id = "01HZZZZZZZZZZZZZZZZZTOKEN1";
  limited.token = "abc123";
  limited.usage_limit = 2;
  limited.created_at = 100;
  limited.expires_at = 1000;
  GH_REQUIRE_OK(registration_tokens::add(*tx, limited));
  RegistrationToken dup = limited;
  dup.id = "01HZZZZZZZZZZZZZZZZZTOKEN2";
  auto conflict = registration_tokens::add(*tx, dup);
  REQUIRE(!conflict);
  CHECK(conflict.error().code == ErrorCode::kConflict);
  GH_REQUIRE_OK(tx->rollback());

  tx = begin_tx(*t);
  GH_REQUIRE_OK(registration_tokens::add(*tx, limited));
  auto found = registration_tokens::find_by_token(*tx, "abc123");
  GH_REQUIRE_OK(found);
  CHECK(**found == limited);
  CHECK(!registration_tokens::find_by_token(*tx, "nope")->has_value());

  CHECK(*registration_tokens::use(*tx, limited.id, 200));
  CHECK(*registration_tokens::use(*tx, limited.id, 300));
  CHECK(!*registration_tokens::use(*tx, limited.id, 400));  // limit of 2 reached
  auto used = registration_tokens::find_by_token(*tx, "abc123");
  CHECK((*used)->times_used == 2);
  CHECK((*used)->last_used_at == 300);
  CHECK(!(*used)->usable(400));

  RegistrationToken open;
  open.id = "01HZZZZZZZZZZZZZZZZZTOKEN3";
  open.token = "open";
  open.created_at = 100;
  open.expires_at = 500;
  GH_REQUIRE_OK(registration_tokens::add(*tx, open));
  CHECK(*registration_tokens::use(*tx, open.id, 499));
  CHECK(!*registration_tokens::use(*tx, open.id, 500));  // expired
  CHECK(*registration_tokens::revoke(*tx, open.id, 450));
  CHECK(!*registration_tokens::revoke(*tx, open.id, 460));
  CHECK(!*registration_tokens::use(*tx, open.id, 460));  // revoked
  CHECK((*registration_tokens::find_by_token(*tx, "open"))->revoked_at == 450);
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: registration tokens by id, unrevoked, limits changed, filtered pages") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  auto token = [](const char* id, const char* text) {
    RegistrationToken r;
    r.id = id;
    r.token = text;
    r.created_at = 100;
    return r;
  };
  RegistrationToken fresh = token("01HZZZZZZZZZZZZZZZZZTOKEN1", "fresh");
  RegistrationToken used = token("01HZZZZZZZZZZZZZZZZZTOKEN2", "used");
  used.usage_limit = 1;
  RegistrationToken expired = token("01HZZZZZZZZZZZZZZZZZTOKEN3", "expired");
  expired.expires_at = 500;
  RegistrationToken revoked = token("01HZZZZZZZZZZZZZZZZZTOKEN4", "revoked");
  for (const auto* r : {&fresh, &used, &expired, &revoked}) GH_REQUIRE_OK(registration_tokens::add(*tx, *r));
  CHECK(*registration_tokens::use(*tx, used.id, 200));
  CHECK(*registration_tokens::revoke(*tx, revoked.id, 300));
  auto ids = [&](const registration_tokens::TokenFilter& f) {
    auto page = registration_tokens::list_page(*tx, f, "", 10);
    REQUIRE(page);
    std::vector<std::string> out;
    for (const auto& r : *page) out.push_back(r.id);
    return out;
  };
  using V = std::vector<std::string>;
  const std::int64_t now = 1000;
  CHECK(ids({std::nullopt, std::nullopt, std::nullopt, true, now}) == V{fresh.id});
  CHECK(ids({std::nullopt, std::nullopt, std::nullopt, false, now}) == V{used.id, expired.id, revoked.id});
  CHECK(ids({true, std::nullopt, std::nullopt, std::nullopt, now}) == V{used.id});
  CHECK(ids({std::nullopt, true, std::nullopt, std::nullopt, now}) == V{revoked.id});
  CHECK(ids({std::nullopt, std::nullopt, true, std::nullopt, now}) == V{expired.id});
  CHECK(*registration_tokens::count(*tx, {std::nullopt, std::nullopt, false, std::nullopt, now}) == 3);
  // Before it expired, the expired one was valid.
  CHECK(*registration_tokens::count(*tx, {std::nullopt, std::nullopt, std::nullopt, true, 400}) == 2);

  CHECK(*registration_tokens::unrevoke(*tx, revoked.id));
  CHECK(!*registration_tokens::unrevoke(*tx, revoked.id));
  CHECK(!(*registration_tokens::find(*tx, revoked.id))->revoked_at);
  CHECK(*registration_tokens::set_limits(*tx, used.id, 5, 2000));
  auto changed = registration_tokens::find(*tx, used.id);
  GH_REQUIRE_OK(changed);
  CHECK((*changed)->usage_limit == 5);
  CHECK((*changed)->expires_at == 2000);
  CHECK((*changed)->usable(now));
  CHECK(!*registration_tokens::set_limits(*tx, "01HZZZZZZZZZZZZZZZZZNOPE00", std::nullopt, std::nullopt));
  GH_REQUIRE_OK(tx->commit());
}

}  // namespace gatehouse::storage::conformance

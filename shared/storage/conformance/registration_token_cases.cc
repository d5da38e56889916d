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

}  // namespace gatehouse::storage::conformance

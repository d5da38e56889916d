// Conformance: rows waiting for a mailed code (registrations, addresses
// being added): attempts counted, a new code resets them, completed once and
// only while open.
#include "shared/storage/conformance/accounts_fixture.h"
#include "shared/storage/email_authentication_repository.h"
#include "shared/storage/pending_registration_repository.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: pending registrations count attempts, take a new code, complete once") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  const PendingRegistration r{"01HREG1STRAT10N00000000001", "carol", "carol@example.org", "$argon2id$x",
                              2, std::string("tok"), "kind=manage_account", "fp-1", 1'000, 0,
                              1'000, 3'601'000, std::nullopt};
  GH_REQUIRE_OK(pending_registrations::add(*tx, r));
  auto found = pending_registrations::find(*tx, r.id);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == r);
  using pending_registrations::kTable;
  CHECK(*email_code_rows::count_attempt(*tx, kTable, r.id) == 1);
  CHECK(*email_code_rows::count_attempt(*tx, kTable, r.id) == 2);
  GH_REQUIRE_OK(email_code_rows::replace_code(*tx, kTable, r.id, "fp-2", 5'000));
  auto after = pending_registrations::find(*tx, r.id);
  GH_REQUIRE_OK(after);
  CHECK((*after)->attempts == 0);
  CHECK((*after)->code_fingerprint == "fp-2");
  CHECK((*after)->code_sent_at == 5'000);
  CHECK(!*email_code_rows::complete(*tx, kTable, r.id, 3'601'000));  // expired by then
  CHECK(*email_code_rows::complete(*tx, kTable, r.id, 6'000));
  CHECK(!*email_code_rows::complete(*tx, kTable, r.id, 6'001));
}

TEST_CASE("conformance: email authentications, with the same code rules") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  const EmailAuthentication a{"01HEMA1LAUTH00000000000001", kAlice, "new@example.org", "fp-1", 1'000,
                              0, 1'000, 3'601'000, std::nullopt};
  GH_REQUIRE_OK(email_authentications::add(*tx, a));
  auto found = email_authentications::find(*tx, a.id);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == a);
  using email_authentications::kTable;
  CHECK(*email_code_rows::count_attempt(*tx, kTable, a.id) == 1);
  GH_REQUIRE_OK(email_code_rows::replace_code(*tx, kTable, a.id, "fp-2", 2'000));
  CHECK((*email_authentications::find(*tx, a.id))->attempts == 0);
  CHECK(*email_code_rows::complete(*tx, kTable, a.id, 3'000));
  CHECK(!*email_code_rows::complete(*tx, kTable, a.id, 3'001));
}

}  // namespace gatehouse::storage::conformance

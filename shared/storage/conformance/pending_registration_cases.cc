// Conformance: registrations waiting for their email code: attempts
// counted, a new code resets them, completed once and only while open.
#include "shared/storage/conformance/accounts_fixture.h"
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
  CHECK(*pending_registrations::count_attempt(*tx, r.id) == 1);
  CHECK(*pending_registrations::count_attempt(*tx, r.id) == 2);
  GH_REQUIRE_OK(pending_registrations::replace_code(*tx, r.id, "fp-2", 5'000));
  auto after = pending_registrations::find(*tx, r.id);
  GH_REQUIRE_OK(after);
  CHECK((*after)->attempts == 0);
  CHECK((*after)->code_fingerprint == "fp-2");
  CHECK((*after)->code_sent_at == 5'000);
  CHECK(!*pending_registrations::complete(*tx, r.id, 3'601'000));  // expired by then
  CHECK(*pending_registrations::complete(*tx, r.id, 6'000));
  CHECK(!*pending_registrations::complete(*tx, r.id, 6'001));
}

}  // namespace gatehouse::storage::conformance

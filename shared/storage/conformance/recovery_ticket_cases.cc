// Conformance: password recovery tickets, found by fingerprint, consumed
// once and only before they expire.
#include "shared/storage/conformance/accounts_fixture.h"
#include "shared/storage/recovery_ticket_repository.h"
#include "shared/storage/user_email_repository.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: recovery tickets by fingerprint, consumed once, not after expiry") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(user_emails::add(*tx, {"01HEMA1L000000000000000001", kAlice, "alice@example.org", 1, 1}));
  const RecoveryTicket ticket{"01HT1CKET00000000000000001", kAlice, "01HEMA1L000000000000000001",
                              "fp-1", 1'000, 601'000, std::nullopt};
  GH_REQUIRE_OK(recovery_tickets::add(*tx, ticket));
  GH_REQUIRE_OK(recovery_tickets::add(*tx, {"01HT1CKET00000000000000002", kAlice,
                                            "01HEMA1L000000000000000001", "fp-2", 1'000, 2'000,
                                            std::nullopt}));
  auto found = recovery_tickets::find_by_fingerprint(*tx, "fp-1");
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == ticket);
  CHECK((*found)->usable(600'999));
  CHECK(!(*found)->usable(601'000));
  auto absent = recovery_tickets::find_by_fingerprint(*tx, "fp-x");
  GH_REQUIRE_OK(absent);
  CHECK(!absent->has_value());

  auto expired = recovery_tickets::consume(*tx, "01HT1CKET00000000000000002", 2'000);
  GH_REQUIRE_OK(expired);
  CHECK(!*expired);
  auto used = recovery_tickets::consume(*tx, ticket.id, 5'000);
  GH_REQUIRE_OK(used);
  CHECK(*used);
  auto again = recovery_tickets::consume(*tx, ticket.id, 5'001);
  GH_REQUIRE_OK(again);
  CHECK(!*again);
}

}  // namespace gatehouse::storage::conformance

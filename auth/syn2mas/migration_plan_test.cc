// What Synapse's rows become (auth/syn2mas/migration_plan.h), on hand-made
// data covering each rule; the real databases are in tests/e2e/syn2mas.
#include "auth/syn2mas/migration_plan.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "shared/ids/token.h"

namespace gatehouse::auth::syn2mas {
namespace {

constexpr const char* kKeycloak = "01JQK7DK6VFH62NMW4HS9RKD3R";

PlanOptions options() {
  PlanOptions o;
  o.server_name = "example.org";
  o.password_version = 1;
  o.provider_ids = {{"oidc-keycloak", kKeycloak}};
  o.now_ms = 1'800'000'000'000;
  return o;
}

SynapseData data() {
  SynapseData d;
  d.users = {
      {"@alice:example.org", "$2b$12$hash", 1'600'000'000, true, false, false, false, std::nullopt},
      {"@bob:example.org", std::nullopt, 1'600'000'100, false, true, false, false, std::nullopt},
      {"@carol:example.org", "$2b$12$carol", 1'600'000'200, false, false, true, false, std::nullopt},
      {"@123:example.org", std::nullopt, 1'600'000'300, false, false, false, true, std::nullopt},
      {"@bridge_x:example.org", std::nullopt, 1'600'000'400, false, false, false, false, "bridge"},
  };
  d.threepids = {{"@alice:example.org", "email", "Alice@Example.org", 1'600'000'000'500, std::nullopt},
                 {"@alice:example.org", "msisdn", "447700900000", 1'600'000'000'600, std::nullopt}};
  d.external_ids = {{"@alice:example.org", "oidc-keycloak", "kc-alice"}};
  d.devices = {{"@alice:example.org", "ALICEDEV", "Alice's phone", 1'700'000'000'000, "192.0.2.1", "Element"},
               {"@bob:example.org", "BOBDEV", std::nullopt, std::nullopt, "-", std::nullopt}};
  d.access_tokens = {
      {1, "@alice:example.org", "ALICEDEV", "syt_YWxpY2U_aaaa_1", std::nullopt, 1'700'000'000'000, std::nullopt, false},
      {2, "@alice:example.org", std::nullopt, "syt_YWxpY2U_bbbb_2", std::nullopt, std::nullopt, std::nullopt, false},
      {3, "@alice:example.org", "ALICEDEV", "syt_YWxpY2U_cccc_3", std::nullopt, std::nullopt, std::nullopt, true},
      {4, "@alice:example.org", "GONEDEV", "syt_YWxpY2U_dddd_4", std::nullopt, std::nullopt, std::nullopt, false},
      {5, "@alice:example.org", "ALICEDEV", "syt_YWxpY2U_eeee_5", 1'800'000'300'000, std::nullopt, 10, false},
      {6, "@alice:example.org", "ALICEDEV", "syt_YWxpY2U_ffff_6", 1'800'000'300'000, std::nullopt, 11, false},
      {7, "@bob:example.org", "BOBDEV", "syt_Ym9i_gggg_7", std::nullopt, std::nullopt, std::nullopt, false},
  };
  d.refresh_tokens = {{10, "@alice:example.org", "ALICEDEV", "syr_YWxpY2U_live_1", std::nullopt},
                      {11, "@alice:example.org", "ALICEDEV", "syr_YWxpY2U_used_2", 12}};
  d.profiles = {{"alice", "Alice A."}, {"carol", std::nullopt}};
  return d;
}

bool has_finding(const MigrationPlan& plan, Finding::Severity severity, std::string_view text) {
  return std::any_of(plan.findings.begin(), plan.findings.end(), [&](const Finding& f) {
    return f.severity == severity && f.message.find(text) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("syn2mas plan: users, their flags and passwords; guests and appservice users stay behind") {
  const auto plan = plan_migration(data(), options());
  REQUIRE(plan.users.size() == 3);
  const auto& alice = plan.users[0];
  CHECK(alice.username == "alice");
  CHECK(alice.created_at == 1'600'000'000'000);
  CHECK(alice.can_request_admin);
  CHECK(alice.active());
  CHECK(plan.users[1].deactivated_at == 1'600'000'100'000);
  CHECK(plan.users[2].locked_at == 1'600'000'200'000);
  CHECK(plan.guests == 1);
  CHECK(plan.appservice_users == 1);
  REQUIRE(plan.passwords.size() == 2);
  CHECK(plan.passwords[0].user_id == alice.id);
  CHECK(plan.passwords[0].version == 1);
  CHECK(plan.passwords[0].hashed_password == "$2b$12$hash");
  CHECK(plan.display_names.at(alice.id) == "Alice A.");
  CHECK(plan.display_names.size() == 1);
  CHECK(has_finding(plan, Finding::Severity::kWarning, "1 guest user(s) left behind"));
  CHECK(!plan.has_errors());
}

TEST_CASE("syn2mas plan: emails lower-cased, phone numbers counted, SSO links mapped") {
  const auto plan = plan_migration(data(), options());
  REQUIRE(plan.emails.size() == 1);
  CHECK(plan.emails[0].email == "alice@example.org");
  CHECK(plan.emails[0].confirmed_at == 1'600'000'000'500);
  CHECK(plan.other_threepids == 1);
  REQUIRE(plan.links.size() == 1);
  CHECK(plan.links[0].provider_id == kKeycloak);
  CHECK(plan.links[0].subject == "kc-alice");
  CHECK(plan.links[0].user_id == plan.users[0].id);

  auto d = data();
  d.external_ids.push_back({"@alice:example.org", "oidc-github", "gh-1"});
  auto unmapped = plan_migration(d, options());
  CHECK(has_finding(unmapped, Finding::Severity::kError, "synapse_idp_id: \"oidc-github\""));
  auto o = options();
  o.ignore_missing_auth_providers = true;
  auto ignored = plan_migration(d, o);
  CHECK(!ignored.has_errors());
  CHECK(ignored.links.size() == 1);
  d.external_ids.push_back({"@alice:example.org", "oauth-delegated", "x"});
  CHECK(has_finding(plan_migration(d, o), Finding::Severity::kError, "DELETE FROM user_external_ids"));
}

TEST_CASE("syn2mas plan: devices become sessions, tokens follow; dead ones are dropped") {
  const auto plan = plan_migration(data(), options());
  // ALICEDEV, and one session for the deviceless token; bob is deactivated.
  REQUIRE(plan.sessions.size() == 2);
  const auto& device = plan.sessions[0];
  CHECK(device.device_id == "ALICEDEV");
  CHECK(device.human_name == "Alice's phone");
  CHECK(device.is_synapse_admin);
  CHECK(device.last_active_ip == "192.0.2.1");
  CHECK(!plan.sessions[1].device_id);
  // 1 (device), 2 (deviceless), 5 (live refresh pair); not 3 (puppet), 4
  // (device gone), 6 (its refresh token was used), 7 (deactivated owner).
  REQUIRE(plan.access_tokens.size() == 3);
  CHECK(plan.access_tokens[0].token_fingerprint == ids::token_fingerprint("syt_YWxpY2U_aaaa_1"));
  CHECK(plan.access_tokens[0].session_id == device.id);
  CHECK(plan.access_tokens[1].session_id == plan.sessions[1].id);
  CHECK(plan.access_tokens[2].expires_at == 1'800'000'300'000);
  CHECK(plan.dropped_tokens == 4);
  REQUIRE(plan.refresh_tokens.size() == 1);
  CHECK(plan.refresh_tokens[0].token_fingerprint == ids::token_fingerprint("syr_YWxpY2U_live_1"));
  CHECK(plan.refresh_tokens[0].access_token_id == plan.access_tokens[2].id);
}

TEST_CASE("syn2mas config checks: server name, a scheme for Synapse's hashes, guests, registration") {
  config::Config ours;
  ours.matrix.homeserver = "example.org";
  ours.passwords.schemes = {{1, "bcrypt", 12, "pepper!", true}, {2, "argon2id", 12, "", false}};
  SynapseConfig synapse;
  synapse.server_name = "example.org";
  synapse.pepper = "pepper!";
  auto o = plan_options(ours, synapse, false, 0);
  CHECK(o.password_version == 1);
  CHECK(check_configs(ours, synapse, o).empty());

  synapse.server_name = "other.org";
  synapse.pepper = "another";
  synapse.allow_guest_access = true;
  synapse.enable_registration = true;
  synapse.other_sso = {"cas"};
  o = plan_options(ours, synapse, false, 0);
  CHECK(!o.password_version);
  const auto findings = check_configs(ours, synapse, o);
  auto says = [&](Finding::Severity s, std::string_view text) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.severity == s && f.message.find(text) != std::string::npos;
    });
  };
  CHECK(says(Finding::Severity::kError, "set matrix.homeserver to \"other.org\""));
  CHECK(says(Finding::Severity::kError, "algorithm: bcrypt, unicode_normalization: true, secret"));
  CHECK(says(Finding::Severity::kWarning, "guest access"));
  CHECK(says(Finding::Severity::kWarning, "enable_registration: false"));
  CHECK(says(Finding::Severity::kWarning, "cas login"));
}

}  // namespace gatehouse::auth::syn2mas

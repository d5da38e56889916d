#include "auth/syn2mas/migration_plan.h"

#include <algorithm>
#include <set>

#include "shared/ids/token.h"
#include "shared/ids/ulid.h"

namespace gatehouse::auth::syn2mas {
namespace {

using Severity = Finding::Severity;

// A ULID at `ms` (time order kept, as MAS does from Synapse's timestamps).
std::string id_at(std::int64_t ms) {
  auto id = ids::Ulid::from_timestamp_ms(static_cast<std::uint64_t>(std::max<std::int64_t>(ms, 0)));
  return id ? id->to_string() : std::string();
}

// "@alice:example.org" → "alice" when the server is ours; nullopt otherwise.
std::optional<std::string> localpart_of(const std::string& user_id, const std::string& server_name) {
  if (!user_id.starts_with("@")) return std::nullopt;
  const auto colon = user_id.find(':');
  if (colon == std::string::npos || user_id.substr(colon + 1) != server_name) return std::nullopt;
  return user_id.substr(1, colon - 1);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

struct Imported {
  std::string id;  // our users.id
  bool active = false;  // not deactivated: keeps sessions and tokens
  bool admin = false;
};

}  // namespace

bool MigrationPlan::has_errors() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

PlanOptions plan_options(const config::Config& ours, const SynapseConfig& synapse,
                         bool ignore_missing_auth_providers, std::int64_t now_ms) {
  PlanOptions o;
  o.server_name = ours.matrix.homeserver;
  for (const auto& scheme : ours.passwords.schemes) {
    if (scheme.algorithm == "bcrypt" && scheme.secret == synapse.pepper && scheme.unicode_normalization) {
      o.password_version = scheme.version;
    }
  }
  for (const auto& p : ours.upstream_oauth2.providers) {
    if (p.synapse_idp_id) o.provider_ids[*p.synapse_idp_id] = p.id;
  }
  o.ignore_missing_auth_providers = ignore_missing_auth_providers;
  o.now_ms = now_ms;
  return o;
}

std::vector<Finding> check_configs(const config::Config& ours, const SynapseConfig& synapse,
                                   const PlanOptions& options) {
  std::vector<Finding> out;
  if (synapse.server_name != ours.matrix.homeserver) {
    out.push_back({Severity::kError, "Synapse's server_name is \"" + synapse.server_name +
                                         "\" but matrix.homeserver is \"" +
                                         ours.matrix.homeserver + "\": set matrix.homeserver to \"" +
                                         synapse.server_name + "\""});
  }
  if (synapse.password_enabled && !options.password_version) {
    out.push_back({Severity::kError,
                   "no passwords.schemes entry checks Synapse's hashes: add one with algorithm: "
                   "bcrypt, unicode_normalization: true" +
                       std::string(synapse.pepper.empty() ? "" : ", secret: <password_config.pepper>") +
                       " (and a newer argon2id one, to which passwords move at the next login)"});
  }
  if (synapse.allow_guest_access) {
    out.push_back({Severity::kWarning,
                   "Synapse allows guest access; Gatehouse has no guests: guest users are left "
                   "behind"});
  }
  if (synapse.enable_registration) {
    out.push_back({Severity::kWarning,
                   "registration is open on Synapse: close it (enable_registration: false) before "
                   "migrating; open it here with account.password_registration_enabled"});
  }
  if (synapse.user_consent) {
    out.push_back({Severity::kWarning, "Synapse asks for consent (user_consent); Gatehouse shows "
                                       "no terms of service"});
  }
  for (const auto& method : synapse.other_sso) {
    out.push_back({Severity::kWarning,
                   "Synapse has " + method + " login, which Gatehouse does not: those users need "
                                             "a password or an OpenID Connect provider"});
  }
  return out;
}

MigrationPlan plan_migration(const SynapseData& data, const PlanOptions& options) {
  MigrationPlan plan;
  std::map<std::string, Imported> users;  // Synapse user id → ours
  for (const auto& u : data.users) {
    if (u.is_guest) {
      ++plan.guests;
      continue;
    }
    // Appservice users stay with their bridge (m.login.application_service).
    if (u.appservice_id) {
      ++plan.appservice_users;
      continue;
    }
    auto localpart = localpart_of(u.name, options.server_name);
    if (!localpart) {
      plan.findings.push_back({Severity::kError, "user " + u.name + " is not on " +
                                                     options.server_name});
      continue;
    }
    const std::int64_t created = u.creation_ts * 1000;
    storage::User user;
    user.id = id_at(created);
    user.username = *localpart;
    user.created_at = created;
    if (u.locked) user.locked_at = created;
    if (u.deactivated) user.deactivated_at = created;
    user.can_request_admin = u.admin;
    plan.users.push_back(user);
    users[u.name] = {user.id, !u.deactivated, u.admin};
    if (u.password_hash && !u.password_hash->empty() && options.password_version) {
      plan.passwords.push_back(
          {id_at(created), user.id, *options.password_version, *u.password_hash, std::nullopt, created});
    }
  }

  for (const auto& profile : data.profiles) {
    auto owner = users.find("@" + profile.localpart + ":" + options.server_name);
    if (owner != users.end() && profile.displayname && !profile.displayname->empty()) {
      plan.display_names[owner->second.id] = *profile.displayname;
    }
  }

  for (const auto& t : data.threepids) {
    auto owner = users.find(t.user_id);
    if (owner == users.end()) continue;
    if (t.medium != "email") {
      ++plan.other_threepids;
      continue;
    }
    plan.emails.push_back({id_at(t.added_at), owner->second.id, lower(t.address), t.added_at,
                           t.validated_at.value_or(t.added_at)});
  }

  std::set<std::string> unmapped;
  for (const auto& e : data.external_ids) {
    auto owner = users.find(e.user_id);
    if (owner == users.end()) continue;
    if (e.auth_provider == "oauth-delegated") {
      plan.findings.push_back(
          {Severity::kError,
           "user_external_ids has rows of an earlier delegation to MAS (auth_provider "
           "'oauth-delegated'); remove them in Synapse's database: DELETE FROM user_external_ids "
           "WHERE auth_provider = 'oauth-delegated'"});
      break;
    }
    auto provider = options.provider_ids.find(e.auth_provider);
    if (provider == options.provider_ids.end()) {
      unmapped.insert(e.auth_provider);
      continue;
    }
    storage::UpstreamOAuthLink link;
    link.id = id_at(options.now_ms);
    link.provider_id = provider->second;
    link.subject = e.external_id;
    link.user_id = owner->second.id;
    link.created_at = options.now_ms;
    plan.links.push_back(std::move(link));
  }
  for (const auto& idp : unmapped) {
    plan.findings.push_back(
        {options.ignore_missing_auth_providers ? Severity::kWarning : Severity::kError,
         "users signed in through Synapse's provider \"" + idp +
             "\", and no upstream_oauth2 provider has synapse_idp_id: \"" + idp + "\"" +
             (options.ignore_missing_auth_providers
                  ? "; their links are left behind (--ignore-missing-auth-providers)"
                  : ": add it, or pass --ignore-missing-auth-providers to leave those links "
                    "behind")});
  }

  // Devices of active users become compat sessions.
  std::map<std::pair<std::string, std::string>, std::string> session_of;  // (user, device) → id
  for (const auto& d : data.devices) {
    auto owner = users.find(d.user_id);
    if (owner == users.end() || !owner->second.active) continue;
    storage::CompatSession s;
    s.id = id_at(d.last_seen.value_or(options.now_ms));
    s.user_id = owner->second.id;
    s.device_id = d.device_id;
    s.human_name = d.display_name;
    s.is_synapse_admin = owner->second.admin;
    s.created_at = d.last_seen.value_or(options.now_ms);
    s.last_active_at = d.last_seen;
    if (d.ip && *d.ip != "-" && !d.ip->empty()) s.last_active_ip = d.ip;
    s.user_agent = d.user_agent;
    session_of[{d.user_id, d.device_id}] = s.id;
    plan.sessions.push_back(std::move(s));
  }

  // Tokens, in their sessions. A refresh pair is kept only while its
  // refresh token is unused (next_token_id NULL): its successor holds the
  // session otherwise.
  std::map<std::int64_t, const SynapseRefreshToken*> refresh_by_id;
  for (const auto& r : data.refresh_tokens) refresh_by_id[r.id] = &r;
  for (const auto& t : data.access_tokens) {
    auto owner = users.find(t.user_id);
    const SynapseRefreshToken* refresh = nullptr;
    if (t.refresh_token_id) {
      auto it = refresh_by_id.find(*t.refresh_token_id);
      refresh = it == refresh_by_id.end() || it->second->next_token_id ? nullptr : it->second;
    }
    if (t.puppet || owner == users.end() || !owner->second.active ||
        (t.refresh_token_id && !refresh)) {
      ++plan.dropped_tokens;
      continue;
    }
    std::string session_id;
    if (t.device_id) {
      auto s = session_of.find({t.user_id, *t.device_id});
      if (s == session_of.end()) {
        ++plan.dropped_tokens;  // its device was deleted: the token is dead in Synapse too
        continue;
      }
      session_id = s->second;
    } else {
      // A deviceless token (an old login, a script) gets a session of its own.
      storage::CompatSession s;
      s.id = id_at(t.last_validated.value_or(options.now_ms));
      s.user_id = owner->second.id;
      s.is_synapse_admin = owner->second.admin;
      s.created_at = t.last_validated.value_or(options.now_ms);
      session_id = s.id;
      plan.sessions.push_back(std::move(s));
    }
    storage::CompatAccessToken token;
    token.id = id_at(t.last_validated.value_or(options.now_ms));
    token.session_id = session_id;
    token.token_fingerprint = ids::token_fingerprint(t.token);
    token.created_at = t.last_validated.value_or(options.now_ms);
    token.expires_at = t.valid_until_ms;
    if (refresh) {
      plan.refresh_tokens.push_back({id_at(token.created_at), session_id,
                                     ids::token_fingerprint(refresh->token), token.id,
                                     token.created_at, std::nullopt});
    }
    plan.access_tokens.push_back(std::move(token));
  }

  if (plan.guests > 0) {
    plan.findings.push_back({Severity::kWarning, std::to_string(plan.guests) +
                                                     " guest user(s) left behind: Gatehouse has "
                                                     "no guests"});
  }
  if (plan.other_threepids > 0) {
    plan.findings.push_back({Severity::kWarning,
                             std::to_string(plan.other_threepids) +
                                 " phone number(s) (msisdn) left behind: only email addresses "
                                 "are kept"});
  }
  return plan;
}

}  // namespace gatehouse::auth::syn2mas

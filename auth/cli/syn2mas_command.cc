// `gatehouse syn2mas check|migrate`: moves Synapse's users, passwords,
// emails, SSO links, devices and access tokens here, as mas-cli syn2mas
// does, so nobody loses their account or their signed-in clients
// (auth/syn2mas). Unlike MAS it reads Synapse's SQLite database too, and
// `migrate` goes on past warnings (they are printed); errors stop both
// commands before anything is written. Synapse's database is only read.
//
// Exit status: 0 done (check: nothing to say), 10 errors, 11 (check only)
// warnings, 1 a database or config that cannot be read.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/database_options.h"
#include "auth/cli/load_config.h"
#include "auth/syn2mas/migration_plan.h"
#include "auth/syn2mas/synapse_config.h"
#include "auth/syn2mas/synapse_data.h"
#include "auth/syn2mas/write_plan.h"
#include "shared/storage/migrations.h"

namespace gatehouse::cli {
namespace {

namespace syn2mas = auth::syn2mas;

struct Options {
  std::vector<std::string> synapse_configs;
  std::string synapse_database_uri;
  bool ignore_missing_auth_providers = false;
  bool dry_run = false;
};

constexpr int kErrors = 10;
constexpr int kWarnings = 11;

int cannot(const std::string& what, const Error& error) {
  std::cerr << "gatehouse syn2mas: " << what << ": " << error.describe() << "\n";
  return 1;
}

void print_plan(const syn2mas::MigrationPlan& plan) {
  std::cout << "users: " << plan.users.size() << " (with a password: " << plan.passwords.size()
            << ")\nemail addresses: " << plan.emails.size()
            << "\nupstream links: " << plan.links.size()
            << "\nsessions: " << plan.sessions.size()
            << " (access tokens: " << plan.access_tokens.size()
            << ", refresh tokens: " << plan.refresh_tokens.size() << ")\n"
            << "left behind: " << plan.guests << " guest(s), " << plan.appservice_users
            << " appservice user(s), " << plan.other_threepids << " phone number(s), "
            << plan.dropped_tokens << " token(s) no longer usable\n";
}

int run(CliContext& ctx, const Options& o, bool migrate) {
  auto loaded = load_config(ctx);
  if (!loaded) return ctx.exit_code;
  const config::Config& ours = loaded->config;
  auto synapse = syn2mas::read_synapse_config(o.synapse_configs);
  if (!synapse) return cannot("Synapse's config", synapse.error());
  const std::string uri = o.synapse_database_uri.empty() ? synapse->database_uri : o.synapse_database_uri;
  if (uri.empty()) {
    std::cerr << "gatehouse syn2mas: Synapse's config names no database; pass "
                 "--synapse-database-uri\n";
    return 1;
  }
  auto source = syn2mas::open_synapse_source(uri);
  if (!source) return cannot("Synapse's database", source.error());
  auto data = syn2mas::read_synapse_data(**source);
  if (!data) return cannot("Synapse's database", data.error());

  SystemClock clock;
  const auto options =
      syn2mas::plan_options(ours, *synapse, o.ignore_missing_auth_providers, clock.unix_millis());
  auto findings = syn2mas::check_configs(ours, *synapse, options);
  auto plan = syn2mas::plan_migration(*data, options);
  findings.insert(findings.end(), plan.findings.begin(), plan.findings.end());

  auto db = open_configured_database(ours.database);
  if (!db) return cannot("the Gatehouse database", db.error());
  if (auto migrated = storage::Migrator::builtin((*db)->dialect()).migrate(**db, clock); !migrated) {
    return cannot("migrating the Gatehouse database", migrated.error());
  }
  auto tx = (*db)->begin(storage::TxMode::kWrite);
  if (!tx) return cannot("the Gatehouse database", tx.error());
  auto existing = syn2mas::existing_users(**tx);
  if (!existing) return cannot("the Gatehouse database", existing.error());
  if (*existing > 0) {
    findings.push_back({syn2mas::Finding::Severity::kError,
                        "the Gatehouse database already has " + std::to_string(*existing) +
                            " user(s): migrate into an empty one"});
  }

  bool errors = false;
  bool warnings = false;
  for (const auto& f : findings) {
    const bool error = f.severity == syn2mas::Finding::Severity::kError;
    (error ? errors : warnings) = true;
    std::cout << (error ? "error: " : "warning: ") << f.message << "\n";
  }
  print_plan(plan);
  if (errors) {
    std::cout << "nothing was written: fix the errors above first\n";
    return kErrors;
  }
  if (!migrate) return warnings ? kWarnings : 0;

  if (auto written = syn2mas::write_plan(**tx, clock, plan); !written) {
    return cannot("writing the Gatehouse database (nothing was kept)", written.error());
  }
  if (o.dry_run) {
    std::cout << "dry run: everything was written and rolled back; nothing was kept\n";
    return 0;
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return cannot("committing (nothing was kept)", committed.error());
  }
  std::cout << "migrated; the homeserver is told through the job queue (`gatehouse server` or "
               "`gatehouse worker` runs it)\n";
  return 0;
}

void add_common(CLI::App* cmd, Options& o) {
  cmd->add_option("--synapse-config", o.synapse_configs, "Synapse's homeserver.yaml (repeatable)")
      ->required();
  cmd->add_option("--synapse-database-uri", o.synapse_database_uri,
                  "sqlite:PATH or postgresql://… (default: the database of Synapse's config)");
  cmd->add_flag("--ignore-missing-auth-providers", o.ignore_missing_auth_providers,
                "Leave behind the SSO links of Synapse providers no upstream_oauth2 provider maps "
                "(synapse_idp_id)");
}

}  // namespace

void register_syn2mas_commands(CLI::App& app, CliContext& ctx) {
  auto* group = app.add_subcommand("syn2mas", "Move Synapse's users, devices and tokens here");
  group->require_subcommand(1);
  auto options = std::make_shared<Options>();
  auto* check = group->add_subcommand("check", "Say what a migration would do and what stops it");
  add_common(check, *options);
  check->callback([&ctx, options] { ctx.exit_code = run(ctx, *options, /*migrate=*/false); });
  auto* migrate = group->add_subcommand("migrate", "Migrate (Synapse's database is only read)");
  add_common(migrate, *options);
  migrate->add_flag("--dry-run", options->dry_run, "Write everything, then roll it back");
  migrate->callback([&ctx, options] { ctx.exit_code = run(ctx, *options, /*migrate=*/true); });
}

}  // namespace gatehouse::cli

// The auth service's configuration, in MAS's `config.yaml` layout (mas.md §5),
// and how to load it. One file per section holds its fields and defaults:
// http.h, database.h, secrets.h, matrix.h, clients.h, passwords.h,
// account.h, rate_limiting.h, experimental.h, oauth.h, templates.h,
// upstream_oauth2.h.
//
// Loading: read every file (YAML or TOML, tree.h), merge them in order, then
// decode section by section. Every problem is collected with its file and key
// path; unknown keys and MAS settings Gatehouse lacks are warnings, never
// silent. A Config is plain data: copy it freely, read it from any thread.
#pragma once

#include <string>
#include <vector>

#include "shared/config/account.h"
#include "shared/config/clients.h"
#include "shared/config/database.h"
#include "shared/config/experimental.h"
#include "shared/config/http.h"
#include "shared/config/matrix.h"
#include "shared/config/oauth.h"
#include "shared/config/passwords.h"
#include "shared/config/rate_limiting.h"
#include "shared/config/secrets.h"
#include "shared/config/templates.h"
#include "shared/config/tree.h"
#include "shared/config/email.h"
#include "shared/config/upstream_oauth2.h"
#include "shared/core/error.h"

namespace gatehouse::config {

struct Config {
  HttpConfig http;
  DatabaseConfig database;
  SecretsConfig secrets;
  MatrixConfig matrix;
  std::vector<ClientConfig> clients;
  PasswordsConfig passwords;
  AccountConfig account;
  RateLimitingConfig rate_limiting;
  ExperimentalConfig experimental;
  TemplatesConfig templates;
  OAuthConfig oauth;
  UpstreamOAuth2Config upstream_oauth2;
  EmailConfig email;
};

struct Loaded {
  Config config;
  // One line each: "config.yaml: http.foo: unknown key `foo` ignored".
  std::vector<std::string> warnings;
  // The merged files, untyped (for `config dump`).
  Tree tree;
};

// Everything a load found, even when it failed (so `config check` can print
// the warnings next to the errors). config is meaningful only if errors is empty.
struct LoadReport {
  Config config;
  Tree tree;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};
LoadReport load_report(const std::vector<std::string>& files);

// The usual entry point. On failure: ErrorCode::kConfig, message = every
// error, one per line.
Result<Loaded> load(const std::vector<std::string>& files);

// Decodes an already merged tree (tests; load_report's second half).
LoadReport decode_tree(Tree tree);

}  // namespace gatehouse::config

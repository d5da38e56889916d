#include "shared/config/config.h"

#include "shared/config/signing_key_check.h"

namespace gatehouse::config {
namespace {

// MAS's top-level sections that have no Gatehouse counterpart yet.
constexpr const char* kUnsupportedSections[] = {
    "captcha", "policy", "telemetry", "branding",
};

template <class T>
void decode_section(Section& root, std::string_view key, T& out) {
  Section s = root.child(key);
  decode(s, out);
}

void decode_root(Section& root, Config& out) {
  decode_section(root, "http", out.http);
  decode_section(root, "database", out.database);
  {
    Section s = root.child("secrets");
    decode(s, out.secrets);
    check_signing_keys(s, out.secrets);
  }
  {
    // The homeserver is the one section with no usable default.
    root.require("matrix", "homeserver and secret");
    Section s = root.child("matrix");
    if (root.has("matrix")) decode(s, out.matrix);
  }
  decode_clients(root, out.clients);
  decode_section(root, "passwords", out.passwords);
  decode_section(root, "account", out.account);
  decode_section(root, "rate_limiting", out.rate_limiting);
  decode_section(root, "experimental", out.experimental);
  decode_section(root, "templates", out.templates);
  decode_section(root, "oauth", out.oauth);
  decode_section(root, "upstream_oauth2", out.upstream_oauth2);
  decode_section(root, "email", out.email);
  if (out.account.password_registration_enabled &&
      out.account.password_registration_email_required && out.email.transport != "smtp") {
    root.diag().warning("account.password_registration_email_required",
                        "registration mails a code to the address, and with email.transport: " +
                            out.email.transport +
                            " nobody receives it: set up email (smtp), or set this to false");
  }
  if (out.account.password_recovery_enabled && out.email.transport != "smtp") {
    root.diag().warning("account.password_recovery_enabled",
                        "recovery links are only sent with email.transport: smtp; with " +
                            out.email.transport + " nobody receives them");
  }
  for (const char* key : kUnsupportedSections) root.unsupported(key);
}

}  // namespace

LoadReport decode_tree(Tree tree) {
  LoadReport report;
  report.tree = std::move(tree);
  Diagnostics diag(report.tree);
  {
    Section root(diag, &report.tree.root, "");
    decode_root(root, report.config);
  }
  report.errors = std::move(diag.errors);
  report.warnings = std::move(diag.warnings);
  return report;
}

LoadReport load_report(const std::vector<std::string>& files) {
  auto tree = read_and_merge(files);
  if (!tree) {
    LoadReport report;
    report.errors.push_back(tree.error().message);
    return report;
  }
  return decode_tree(std::move(*tree));
}

Result<Loaded> load(const std::vector<std::string>& files) {
  LoadReport report = load_report(files);
  if (!report.errors.empty()) return fail(ErrorCode::kConfig, join_lines(report.errors));
  return Loaded{std::move(report.config), std::move(report.warnings), std::move(report.tree)};
}

}  // namespace gatehouse::config

// `gatehouse config generate|check|dump` (mas-cli's `config` group, mas.md §6).
// `config sync` lives in config_sync_command.cc and is attached at the end.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/syn2mas/generate_from_synapse.h"
#include "shared/config/config.h"
#include "shared/config/dump.h"
#include "shared/config/generate.h"

namespace gatehouse::cli {
namespace {

struct GenerateFlags {
  std::string output;
  std::string homeserver_output;
  std::vector<std::string> synapse_configs;
};

// Creates `path` with mode 0600 (the text holds secrets) and writes `text`.
// Never replaces an existing file: a second `generate` must not destroy the
// keys and encryption secret of a deployment.
Status write_new_file(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return fail(ErrorCode::kIo, "refusing to overwrite existing file " + path +
                                      "; remove it or choose another name with -o");
    }
    return fail(ErrorCode::kIo, "cannot create " + path + ": " + std::strerror(errno));
  }
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string why = std::strerror(errno);
      ::close(fd);
      return fail(ErrorCode::kIo, "cannot write " + path + ": " + why);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return fail(ErrorCode::kIo, "cannot write " + path + ": " + std::strerror(errno));
  return ok();
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

int run_generate(const GenerateFlags& flags) {
  // Check both targets first so that we never leave one file written and the
  // other missing (the pair shares a secret).
  for (const std::string* path : {&flags.output, &flags.homeserver_output}) {
    if (!path->empty() && exists(*path)) {
      std::cerr << "gatehouse: refusing to overwrite existing file " << *path << "\n";
      return 1;
    }
  }
  config::GenerateOptions options;
  if (!flags.synapse_configs.empty()) {
    auto synapse = auth::syn2mas::read_synapse_config(flags.synapse_configs);
    if (!synapse) {
      std::cerr << "gatehouse: " << synapse.error().describe() << "\n";
      return 1;
    }
    for (const auto& warning : auth::syn2mas::adapt_generate_options(*synapse, options)) {
      std::cerr << "warning: " << warning << "\n";
    }
  }
  auto generated = config::generate(options);
  if (!generated) {
    std::cerr << "gatehouse: cannot generate a config: " << generated.error().describe() << "\n";
    return 1;
  }
  if (flags.output.empty()) {
    std::cout << generated->config_yaml;
  } else if (auto written = write_new_file(flags.output, generated->config_yaml); !written) {
    std::cerr << "gatehouse: " << written.error().message << "\n";
    return 1;
  }
  if (!flags.homeserver_output.empty()) {
    if (auto written = write_new_file(flags.homeserver_output, generated->homeserver_yaml);
        !written) {
      std::cerr << "gatehouse: " << written.error().message << "\n";
      return 1;
    }
  }
  if (!flags.output.empty()) std::cerr << "wrote " << flags.output << " (mode 0600)\n";
  if (!flags.homeserver_output.empty()) {
    std::cerr << "wrote " << flags.homeserver_output << " (mode 0600)\n";
  }
  return 0;
}

std::string join(const std::vector<std::string>& files) {
  std::string out;
  for (const auto& f : files) out += (out.empty() ? "" : ", ") + f;
  return out;
}

// Prints warnings and errors to stderr; true when there were no errors.
bool report(const config::LoadReport& r) {
  for (const auto& w : r.warnings) std::cerr << "warning: " << w << "\n";
  for (const auto& e : r.errors) std::cerr << "error: " << e << "\n";
  return r.errors.empty();
}

int run_check(const std::vector<std::string>& files) {
  config::LoadReport r = config::load_report(files);
  if (!report(r)) return 1;
  std::cout << "config OK: " << join(files) << "\n";
  return 0;
}

int run_dump(const std::vector<std::string>& files) {
  config::LoadReport r = config::load_report(files);
  bool valid = report(r);
  // A tree that could not even be read has nothing to show.
  if (r.tree.files.size() != files.size()) return 1;
  std::cout << config::dump_yaml(r.tree.root);
  return valid ? 0 : 1;
}

}  // namespace

void register_config_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* config_cmd = app.add_subcommand("config", "Generate, check and show the configuration");
  config_cmd->require_subcommand(1);
  config_cmd->fallthrough();  // `-c` may follow `config check`

  auto flags = std::make_shared<GenerateFlags>();
  CLI::App* generate = config_cmd->add_subcommand(
      "generate", "Write a new config with fresh keys and secrets (stdout unless -o)");
  generate->fallthrough();
  generate->add_option("-o,--output", flags->output, "Write the config to FILE (mode 0600)")
      ->type_name("FILE");
  generate->add_option("--homeserver-output", flags->homeserver_output,
                       "Also write the matching homeserver config to FILE (mode 0600)")
      ->type_name("FILE");
  generate->add_option("-s,--synapse-config", flags->synapse_configs,
                       "Fit the config to the Synapse server it replaces (repeatable)")
      ->type_name("FILE");
  generate->callback([&ctx, flags] { ctx.exit_code = run_generate(*flags); });

  CLI::App* check = config_cmd->add_subcommand(
      "check", "Load and validate the config; warnings and errors go to stderr");
  check->fallthrough();
  check->callback([&ctx] { ctx.exit_code = run_check(ctx.config_files()); });

  CLI::App* dump = config_cmd->add_subcommand(
      "dump", "Print the merged config with every secret replaced by [REDACTED]");
  dump->fallthrough();
  dump->callback([&ctx] { ctx.exit_code = run_dump(ctx.config_files()); });

  register_config_sync_command(*config_cmd, ctx);
}

}  // namespace gatehouse::cli

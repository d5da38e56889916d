// `config dump`: the merged configuration as YAML, secrets hidden, so that an
// operator can see what the service will read and paste it into a bug report.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gatehouse::config {

// The text every secret is replaced with.
inline constexpr const char* kRedacted = "[REDACTED]";

// YAML for `tree` (a merged config tree, tree.h) where the value of every key
// named secret, client_secret, encryption, key, password, secret_key or
// private_key becomes "[REDACTED]" (at any depth), and a password inside a
// `uri` is replaced too. `*_file` keys (paths) are kept. Strings that YAML
// would read as another type are quoted, so the output loads back unchanged.
std::string dump_yaml(const nlohmann::json& tree);

// The same redaction, on the tree itself.
nlohmann::json redact(const nlohmann::json& tree);

}  // namespace gatehouse::config

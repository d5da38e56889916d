#include "shared/config/passwords.h"

#include <set>

namespace gatehouse::config {

void decode(Section& s, PasswordsConfig& out) {
  s.get("enabled", out.enabled);
  s.get_int("minimum_complexity", out.minimum_complexity, 0, 4);
  if (!s.has("schemes")) {
    s.skip("schemes");
    return;
  }
  out.schemes.clear();
  std::set<int> versions;
  s.each("schemes", [&](Section& item, std::size_t) {
    PasswordScheme scheme;
    item.require("version", "a unique number; the highest hashes new passwords");
    if (item.get_int("version", scheme.version, 1, 1'000'000) &&
        !versions.insert(scheme.version).second) {
      item.diag().error(item.path("version"),
                        "version " + std::to_string(scheme.version) + " is used twice");
    }
    item.get_enum("algorithm", scheme.algorithm, {"argon2id", "bcrypt", "pbkdf2"});
    item.get_int("cost", scheme.cost, 4, 31);
    if (auto pepper = item.secret("secret")) scheme.secret = *pepper;
    item.get("unicode_normalization", scheme.unicode_normalization);
    out.schemes.push_back(std::move(scheme));
  });
  if (out.enabled && out.schemes.empty()) {
    s.diag().error(s.path("schemes"), "at least one scheme is needed while passwords are enabled");
  }
}

}  // namespace gatehouse::config

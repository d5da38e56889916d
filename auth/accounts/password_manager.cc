#include "auth/accounts/password_manager.h"

namespace gatehouse::accounts {

Result<PasswordManager> PasswordManager::create(std::vector<SchemeOptions> schemes, bool enabled) {
  if (enabled && schemes.empty())
    return fail(ErrorCode::kConfig, "passwords.schemes must list at least one scheme");
  auto map = std::make_shared<SchemeMap>();
  for (const SchemeOptions& options : schemes) {
    if (map->contains(options.version))
      return fail(ErrorCode::kConfig, "passwords.schemes: version " +
                                          std::to_string(options.version) + " appears twice");
    GH_TRY(std::unique_ptr<PasswordScheme> scheme, make_password_scheme(options));
    map->emplace(options.version, std::move(scheme));
  }
  int current = map->empty() ? 0 : map->rbegin()->first;
  return PasswordManager(enabled, current, std::move(map));
}

Result<HashedPassword> PasswordManager::hash(std::string_view password) const {
  if (!enabled_) return fail(ErrorCode::kForbidden, "password login is disabled");
  GH_TRY(std::string hashed, schemes_->at(current_version_)->hash(password));
  return HashedPassword{current_version_, std::move(hashed)};
}

Result<Verification> PasswordManager::verify(int stored_version, std::string_view stored_hash,
                                             std::string_view password) const {
  if (!enabled_) return fail(ErrorCode::kForbidden, "password login is disabled");
  auto it = schemes_->find(stored_version);
  if (it == schemes_->end())
    return fail(ErrorCode::kConfig,
                "password was hashed with scheme version " + std::to_string(stored_version) +
                    ", which is no longer configured in passwords.schemes");
  GH_TRY(bool valid, it->second->verify(stored_hash, password));
  Verification result{valid, std::nullopt};
  // MAS hashes the upgrade in parallel with the check; doing it after a
  // successful check only costs time on the (rare) first login after a
  // scheme change, and never hashes for a wrong password.
  if (valid && stored_version != current_version_) {
    GH_TRY(result.upgrade, hash(password));
  }
  return result;
}

}  // namespace gatehouse::accounts

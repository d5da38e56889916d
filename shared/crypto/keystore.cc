#include "shared/crypto/keystore.h"

#include <algorithm>
#include <set>

namespace gatehouse::crypto {

Result<Keystore> Keystore::create(std::vector<SigningKey> keys) {
  std::set<std::string> kids;
  for (const auto& key : keys) {
    if (!kids.insert(key.kid()).second) {
      return fail(ErrorCode::kConfig, "two signing keys have the same kid", key.kid());
    }
  }
  Keystore store;
  store.jwks_ = {{"keys", nlohmann::json::array()}};
  for (const auto& key : keys) {
    store.jwks_["keys"].push_back(key.public_jwk());
    for (JwsAlgorithm alg : key.algorithms()) {
      if (std::find(store.algorithms_.begin(), store.algorithms_.end(), alg) == store.algorithms_.end())
        store.algorithms_.push_back(alg);
    }
  }
  auto rs256 = std::find(store.algorithms_.begin(), store.algorithms_.end(), JwsAlgorithm::kRS256);
  if (rs256 != store.algorithms_.end()) std::rotate(store.algorithms_.begin(), rs256, rs256 + 1);
  store.jwks_text_ = store.jwks_.dump();
  store.keys_ = std::move(keys);
  return store;
}

const SigningKey* Keystore::find_for_algorithm(JwsAlgorithm alg) const {
  for (const auto& key : keys_)
    if (key.supports(alg)) return &key;
  return nullptr;
}

const SigningKey* Keystore::find_by_kid(std::string_view kid) const {
  for (const auto& key : keys_)
    if (key.kid() == kid) return &key;
  return nullptr;
}

}  // namespace gatehouse::crypto

#include "auth/oauth2/client_cache.h"

#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::auth::oauth2 {

Result<std::optional<storage::OAuth2Client>> ClientCache::find(storage::Transaction& tx,
                                                               std::string_view id,
                                                               std::int64_t now_ms, bool fresh) {
  if (!fresh) {
    std::shared_ptr<const storage::OAuth2Client> hit;
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(std::string(id));
      if (it != entries_.end() && now_ms >= it->second.read_at_ms &&
          now_ms - it->second.read_at_ms < ttl_ms_) {
        hit = it->second.client;
      }
    }
    if (hit) return std::optional<storage::OAuth2Client>(*hit);
  }
  GH_TRY(std::optional<storage::OAuth2Client> found, storage::oauth2_clients::find(tx, id));
  std::lock_guard lock(mutex_);
  if (!found) {
    entries_.erase(std::string(id));
    return found;
  }
  auto it = entries_.find(found->id);
  if (it == entries_.end()) {
    make_room(now_ms);
    it = entries_.emplace(found->id, Entry{}).first;
  }
  it->second = Entry{std::make_shared<const storage::OAuth2Client>(*found), now_ms};
  return found;
}

Result<std::string> ClientCache::secret(const storage::OAuth2Client& client,
                                       const crypto::Encrypter& encrypter) {
  if (!client.encrypted_client_secret) return fail(ErrorCode::kCrypto, "the client has no secret");
  const std::string& ciphertext = *client.encrypted_client_secret;
  {
    std::lock_guard lock(mutex_);
    if (auto it = secrets_.find(ciphertext); it != secrets_.end()) return it->second;
  }
  GH_TRY(std::string plain, encrypter.decrypt(ciphertext));
  std::lock_guard lock(mutex_);
  if (secrets_.size() >= capacity_) secrets_.clear();
  secrets_.emplace(ciphertext, plain);
  return plain;
}

std::size_t ClientCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void ClientCache::make_room(std::int64_t now_ms) {
  if (entries_.size() < capacity_) return;
  std::erase_if(entries_, [&](const auto& kv) { return now_ms - kv.second.read_at_ms >= ttl_ms_; });
  if (entries_.size() >= capacity_) entries_.clear();
}

}  // namespace gatehouse::auth::oauth2

#include "homeserver/introspection/token_cache.h"

#include <algorithm>

namespace gatehouse::homeserver::introspection {

TokenCache::TokenCache(const Clock& clock, std::size_t max_entries, std::chrono::seconds max_ttl,
                       std::size_t shards)
    : clock_(clock),
      max_per_shard_(std::max<std::size_t>(1, max_entries / std::max<std::size_t>(1, shards))),
      max_ttl_(max_ttl) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, shards); ++i) {
    shards_.push_back(std::make_unique<Shard>());
  }
}

TokenCache::Shard& TokenCache::shard_for(std::string_view fingerprint) {
  // The fingerprint is a uniform hash already: its first bytes pick the shard.
  std::size_t h = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(8, fingerprint.size()); ++i) {
    h = h * 31 + static_cast<unsigned char>(fingerprint[i]);
  }
  return *shards_[h % shards_.size()];
}

void TokenCache::Shard::remove(std::list<Entry>::iterator it) {
  if (auto user = by_user.find(it->token->localpart); user != by_user.end()) {
    user->second.erase(it->fingerprint);
    if (user->second.empty()) by_user.erase(user);
  }
  by_fingerprint.erase(it->fingerprint);
  lru.erase(it);
}

std::shared_ptr<const CachedToken> TokenCache::find(std::string_view fingerprint) {
  Shard& shard = shard_for(fingerprint);
  const std::int64_t now = clock_.unix_millis();
  std::lock_guard lock(shard.mutex);
  auto it = shard.by_fingerprint.find(fingerprint);
  if (it == shard.by_fingerprint.end()) return nullptr;
  if (now >= it->second->expires_at_ms) {
    shard.remove(it->second);
    return nullptr;
  }
  shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
  return it->second->token;
}

void TokenCache::insert(const std::string& fingerprint, std::shared_ptr<const CachedToken> token,
                        std::optional<std::int64_t> expires_in, std::uint64_t epoch) {
  if (max_ttl_.count() <= 0 || !token) return;
  std::int64_t ttl_ms = std::chrono::duration_cast<std::chrono::milliseconds>(max_ttl_).count();
  if (expires_in) ttl_ms = std::min(ttl_ms, *expires_in * 1000);
  if (ttl_ms <= 0) return;
  const std::int64_t expires_at = clock_.unix_millis() + ttl_ms;

  Shard& shard = shard_for(fingerprint);
  std::lock_guard lock(shard.mutex);
  if (epoch_.load(std::memory_order_acquire) != epoch) return;
  if (auto old = shard.by_fingerprint.find(fingerprint); old != shard.by_fingerprint.end()) {
    shard.remove(old->second);
  }
  while (shard.lru.size() >= max_per_shard_) shard.remove(std::prev(shard.lru.end()));
  shard.lru.push_front(Entry{fingerprint, token, expires_at});
  auto it = shard.lru.begin();
  shard.by_fingerprint.emplace(it->fingerprint, it);
  shard.by_user[token->localpart].insert(fingerprint);
}

void TokenCache::erase(std::string_view fingerprint) {
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  Shard& shard = shard_for(fingerprint);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.by_fingerprint.find(fingerprint); it != shard.by_fingerprint.end()) {
    shard.remove(it->second);
  }
}

template <class Pick>
void TokenCache::evict_where(std::string_view localpart, Pick pick) {
  // The epoch moves before any entry goes, so an insert racing with this
  // eviction is refused (see the header).
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  const std::string user(localpart);
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    auto found = shard->by_user.find(user);
    if (found == shard->by_user.end()) continue;
    std::vector<std::list<Entry>::iterator> doomed;
    for (const auto& fingerprint : found->second) {
      auto it = shard->by_fingerprint.find(fingerprint);
      if (it != shard->by_fingerprint.end() && pick(*it->second->token)) doomed.push_back(it->second);
    }
    for (auto it : doomed) shard->remove(it);
  }
}

void TokenCache::evict_device(std::string_view localpart, std::string_view device_id) {
  evict_where(localpart, [&](const CachedToken& t) { return t.device_id && *t.device_id == device_id; });
}

void TokenCache::evict_user(std::string_view localpart) {
  evict_where(localpart, [](const CachedToken&) { return true; });
}

std::size_t TokenCache::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->lru.size();
  }
  return total;
}

}  // namespace gatehouse::homeserver::introspection

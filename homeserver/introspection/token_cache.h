// The introspection cache: a bounded LRU of validated tokens, keyed by the
// token's fingerprint (ids::token_fingerprint: lowercase hex SHA-256, the
// same value the auth service stores), so the auth service can name a token
// to forget without ever sending it.
//
// Unlike Synapse's (2 minutes, no invalidation), entries are indexed by
// user, so removing a device or a user (provisioning API) or an explicit
// /_gatehouse/v1/invalidate evicts them at once: a revoked token fails on
// the next request.
//
// A lookup takes one shard's mutex for a hash-map probe and a list splice;
// the value is shared, not copied. Entries live min(expires_in, max_ttl).
//
// Race with a concurrent eviction: a request that introspected before the
// eviction must not re-insert a stale entry after it. insert() therefore
// takes the epoch() read before introspecting and is a no-op when any
// eviction happened since.
//
// Thread safety: every method from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "shared/core/clock.h"

namespace gatehouse::homeserver::introspection {

// Who a cached token belongs to.
struct CachedToken {
  std::string localpart;
  std::optional<std::string> device_id;
  bool admin = false;
  // The whoami answer, rendered once when cached (the hottest endpoint:
  // answered without building JSON per request). Empty: render it.
  std::string whoami;
  // When this token last marked its device as used (last_seen.h).
  mutable std::atomic<std::int64_t> last_seen_mark_ms{std::numeric_limits<std::int64_t>::min() / 2};
};

class TokenCache {
 public:
  // `max_entries` bounds the whole cache (split evenly over `shards`);
  // max_ttl 0 disables caching.
  TokenCache(const Clock& clock, std::size_t max_entries, std::chrono::seconds max_ttl,
             std::size_t shards = 16);

  // The entry for `fingerprint` if present and unexpired (an expired one is
  // dropped); marks it most recently used.
  std::shared_ptr<const CachedToken> find(std::string_view fingerprint);

  // Generation counter of evictions; read it before introspecting.
  std::uint64_t epoch() const { return epoch_.load(std::memory_order_acquire); }

  // Caches `token` for min(expires_in, max_ttl) seconds, unless an eviction
  // happened after `epoch` was read. Evicts the least recently used entry
  // of the shard when full.
  void insert(const std::string& fingerprint, std::shared_ptr<const CachedToken> token,
              std::optional<std::int64_t> expires_in, std::uint64_t epoch);

  void erase(std::string_view fingerprint);
  void evict_device(std::string_view localpart, std::string_view device_id);
  void evict_user(std::string_view localpart);

  std::size_t size() const;

 private:
  struct Entry {
    std::string fingerprint;
    std::shared_ptr<const CachedToken> token;
    std::int64_t expires_at_ms = 0;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::list<Entry> lru;  // front: most recently used
    std::unordered_map<std::string_view, std::list<Entry>::iterator> by_fingerprint;
    // localpart → fingerprints of its entries (evict_device filters them).
    std::unordered_map<std::string, std::unordered_set<std::string>> by_user;
    void remove(std::list<Entry>::iterator it);  // mutex held
  };
  Shard& shard_for(std::string_view fingerprint);
  // Runs `pick` on each of the user's entries in every shard; removes those it accepts.
  template <class Pick>
  void evict_where(std::string_view localpart, Pick pick);

  const Clock& clock_;
  std::size_t max_per_shard_;
  std::chrono::seconds max_ttl_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<std::uint64_t> epoch_{0};
};

}  // namespace gatehouse::homeserver::introspection

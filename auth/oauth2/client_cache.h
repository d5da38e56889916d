// Recently read OAuth 2.0 clients, so the token, introspection and
// revocation endpoints authenticate a client without reading its row each
// time (on PostgreSQL that read was a round trip of its own, half of a
// client_credentials token's).
//
// An entry is trusted for `ttl` after it was read. The cost of that is
// bounded and one-sided: authenticate_client() reads the row again before it
// refuses anything, so a client that was just registered, or whose secret or
// keys were just rotated, works at once; only what the change takes away (an
// old secret, a pruned client) keeps working until the entry expires. Clients
// that do not exist are never remembered. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shared/crypto/encryption.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_client.h"

namespace gatehouse::auth::oauth2 {

class ClientCache {
 public:
  static constexpr std::int64_t kDefaultTtlMs = 5'000;
  static constexpr std::size_t kDefaultCapacity = 4096;

  explicit ClientCache(std::int64_t ttl_ms = kDefaultTtlMs, std::size_t capacity = kDefaultCapacity)
      : ttl_ms_(ttl_ms), capacity_(capacity) {}

  // The client `id`: from memory when it was read less than ttl ago (and
  // `fresh` is false), else read in `tx` and remembered. nullopt: no such
  // client. Database errors are passed on.
  Result<std::optional<storage::OAuth2Client>> find(storage::Transaction& tx, std::string_view id,
                                                    std::int64_t now_ms, bool fresh = false);

  // `client`'s secret, decrypted: from memory when this ciphertext was
  // decrypted before (a ciphertext names one secret for good: rotating a
  // secret encrypts it anew, with a new nonce), else by `encrypter`.
  Result<std::string> secret(const storage::OAuth2Client& client, const crypto::Encrypter& encrypter);

  std::size_t size() const;

 private:
  struct Entry {
    std::shared_ptr<const storage::OAuth2Client> client;
    std::int64_t read_at_ms = 0;
  };
  // Makes room for one more entry: drops the expired ones, and everything
  // when that is not enough (a flood of registrations must not grow it).
  void make_room(std::int64_t now_ms);

  const std::int64_t ttl_ms_;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::string> secrets_;  // ciphertext -> secret
};

}  // namespace gatehouse::auth::oauth2

// When each device was last used (devices.last_seen, GET /devices'
// last_seen_ts), recorded off the request path: seen() only marks the
// device in memory, at most once a minute per device (Synapse also batches
// its client_ips writes); a thread writes the marks in one transaction
// every flush interval. A mark lost in a crash costs a minute of accuracy.
//
// Thread safety: seen() from any thread; flush() too. The destructor stops
// the thread after a last flush.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "homeserver/introspection/token_cache.h"
#include "homeserver/storage/device_repository.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::homeserver::introspection {

class LastSeenRecorder {
 public:
  // How long a device's last write stands before a use is recorded again.
  static constexpr std::int64_t kResolutionMs = 60'000;

  // Starts the flushing thread unless flush_interval is zero (tests call
  // flush() themselves).
  LastSeenRecorder(std::shared_ptr<gatehouse::storage::Database> db, const Clock& clock,
                   std::chrono::milliseconds flush_interval = std::chrono::seconds(1));
  ~LastSeenRecorder();
  LastSeenRecorder(const LastSeenRecorder&) = delete;
  LastSeenRecorder& operator=(const LastSeenRecorder&) = delete;

  // The token was used now. Costs one atomic load when this token marked
  // its device less than a minute ago; nothing for a token without device.
  void seen(const CachedToken& token);

  // Writes the pending marks now.
  Status flush();

 private:
  void loop();

  std::shared_ptr<gatehouse::storage::Database> db_;
  const Clock& clock_;
  std::chrono::milliseconds flush_interval_;
  std::mutex mutex_;
  // "localpart\0device_id" → when it was last marked (pruned after a minute).
  std::unordered_map<std::string, std::int64_t> marked_;
  std::vector<storage::devices::SeenDevice> pending_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gatehouse::homeserver::introspection

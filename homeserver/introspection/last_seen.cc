#include "homeserver/introspection/last_seen.h"

#include "shared/core/log.h"

namespace gatehouse::homeserver::introspection {

LastSeenRecorder::LastSeenRecorder(std::shared_ptr<gatehouse::storage::Database> db,
                                   const Clock& clock, std::chrono::milliseconds flush_interval)
    : db_(std::move(db)), clock_(clock), flush_interval_(flush_interval) {
  if (flush_interval_.count() > 0) thread_ = std::thread([this] { loop(); });
}

LastSeenRecorder::~LastSeenRecorder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  (void)flush();
}

void LastSeenRecorder::seen(const CachedToken& token) {
  if (!token.device_id) return;
  const std::int64_t now = clock_.unix_millis();
  // The token's own mark spares the lock on every request but the first of
  // each minute; the map below covers several tokens of one device.
  std::int64_t last = token.last_seen_mark_ms.load(std::memory_order_relaxed);
  if (now - last < kResolutionMs) return;
  if (!token.last_seen_mark_ms.compare_exchange_strong(last, now, std::memory_order_relaxed)) return;
  std::string key = token.localpart;
  key.push_back('\0');
  key += *token.device_id;
  std::lock_guard lock(mutex_);
  auto [it, inserted] = marked_.try_emplace(std::move(key), now);
  if (!inserted) {
    if (now - it->second < kResolutionMs) {
      // Another token marked the device: this one follows the device's
      // mark, so it looks again when that one is a minute old.
      token.last_seen_mark_ms.store(it->second, std::memory_order_relaxed);
      return;
    }
    it->second = now;
  }
  pending_.push_back({token.localpart, *token.device_id, now});
}

Status LastSeenRecorder::flush() {
  std::vector<storage::devices::SeenDevice> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
    const std::int64_t now = clock_.unix_millis();
    std::erase_if(marked_, [&](const auto& m) { return now - m.second >= kResolutionMs; });
  }
  if (batch.empty()) return ok();
  GH_TRY(auto tx, db_->begin(gatehouse::storage::TxMode::kWrite));
  GH_TRY_STATUS(storage::devices::record_last_seen(*tx, batch));
  return tx->commit();
}

void LastSeenRecorder::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, flush_interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    if (auto flushed = flush(); !flushed) {
      spdlog::warn("cannot record devices' last use: {}", flushed.error().describe());
    }
    lock.lock();
  }
}

}  // namespace gatehouse::homeserver::introspection

// Idle keep-alive connections kept for reuse (the homeserver's client of
// the auth service, the auth service's client of the homeserver): a bounded
// stack, so the most recently used (the least likely to have been closed
// by the server's keep-alive timeout) goes out first.
//
// Thread safety: take() and give() from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace gatehouse::http {

template <class Connection>
class IdlePool {
 public:
  explicit IdlePool(std::size_t max_idle) : max_idle_(max_idle) {}

  // An idle connection, or null when there is none; the caller owns it
  // until it gives it back.
  std::unique_ptr<Connection> take() {
    std::lock_guard lock(mutex_);
    if (idle_.empty()) return nullptr;
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }

  // Keeps `connection` for reuse; beyond `max_idle` it is closed instead.
  // (The parameter is destroyed, and so closed, after the lock is released.)
  void give(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
  }

 private:
  const std::size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace gatehouse::http

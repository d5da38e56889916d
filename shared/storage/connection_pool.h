// A bounded pool of connections of one backend (Conn = SQLite::Database or
// pqxx::connection), shared by both adapters.
//
// acquire() hands out an idle connection, opens a new one while fewer than
// `max` are open, or waits up to `acquire_timeout` for one to come back, then
// fails with kUnavailable. A Lease returns its connection on destruction;
// discard() drops a broken one instead. Connections are opened outside the
// lock so a slow server does not block leases being returned.
// Thread-safe. Leases keep the pool alive (it is held by shared_ptr).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::storage {

template <class Conn>
class ConnectionPool : public std::enable_shared_from_this<ConnectionPool<Conn>> {
 public:
  using Connect = std::function<Result<std::unique_ptr<Conn>>()>;

  class Lease {
   public:
    Lease(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<Conn> conn)
        : pool_(std::move(pool)), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    ~Lease() {
      if (pool_) pool_->release(std::move(conn_), !discarded_);
    }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }
    // The connection is broken: close it instead of returning it.
    void discard() { discarded_ = true; }

   private:
    std::shared_ptr<ConnectionPool> pool_;
    std::unique_ptr<Conn> conn_;
    bool discarded_ = false;
  };

  static std::shared_ptr<ConnectionPool> create(int max, std::chrono::milliseconds acquire_timeout,
                                                Connect connect) {
    return std::shared_ptr<ConnectionPool>(
        new ConnectionPool(max < 1 ? 1 : max, acquire_timeout, std::move(connect)));
  }

  Result<Lease> acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + acquire_timeout_;
    while (idle_.empty() && open_ >= max_) {
      if (returned_.wait_until(lock, deadline) == std::cv_status::timeout &&
          idle_.empty() && open_ >= max_) {
        return fail(ErrorCode::kUnavailable,
                    "all " + std::to_string(max_) + " database connections are in use",
                    "waited " + std::to_string(acquire_timeout_.count()) + " ms");
      }
    }
    if (!idle_.empty()) {
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      ++in_use_;
      return Lease(this->shared_from_this(), std::move(conn));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
    ++in_use_;
    lock.unlock();
    auto conn = connect_();
    if (!conn) {
      release(nullptr, false);
      return fail(std::move(conn).error());
    }
    return Lease(this->shared_from_this(), std::move(*conn));
  }

  // Opens connections until `count` are open (Options::min_connections).
  Status warm_up(int count) {
    std::vector<Lease> held;
    while (stats().open < count && stats().open < max_) {
      GH_TRY(Lease lease, acquire());
      held.push_back(std::move(lease));
    }
    return ok();
  }

  PoolStats stats() const {
    std::lock_guard lock(mutex_);
    return PoolStats{open_, in_use_, max_};
  }

 private:
  ConnectionPool(int max, std::chrono::milliseconds acquire_timeout, Connect connect)
      : max_(max), acquire_timeout_(acquire_timeout), connect_(std::move(connect)) {}

  void release(std::unique_ptr<Conn> conn, bool healthy) {
    {
      std::lock_guard lock(mutex_);
      --in_use_;
      if (healthy && conn) {
        idle_.push_back(std::move(conn));
      } else {
        --open_;
      }
    }
    returned_.notify_one();
  }

  const int max_;
  const std::chrono::milliseconds acquire_timeout_;
  const Connect connect_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
  int in_use_ = 0;
};

}  // namespace gatehouse::storage

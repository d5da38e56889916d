// The worker pool of a bind: cpp-httplib's TaskQueue, but threads are
// started when work arrives and no thread is free, up to `max_threads`
// (config http.worker_threads), instead of all at start. An idle server
// then holds a few threads, not 64 per bind (each costs ~12 KiB of
// resident stack and bookkeeping; the startup benchmark's idle-RSS goal).
// Started threads stay for the pool's life: a keep-alive connection holds
// its thread while open, so the pool settles at the peak concurrency.
//
// Thread safety: enqueue() and shutdown() from any thread.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gatehouse::http {

class ElasticPool final : public httplib::TaskQueue {
 public:
  explicit ElasticPool(std::size_t max_threads);
  ~ElasticPool() override;  // shutdown()

  // Runs `fn` on a free thread, a new one if none is free and the limit
  // allows, else when a thread frees up (in order).
  void enqueue(std::function<void()> fn) override;
  // Lets queued work finish, then joins every thread. Idempotent.
  void shutdown() override;

  std::size_t threads() const;  // started so far
  std::size_t idle() const;     // started and waiting for work

 private:
  void work();

  const std::size_t max_threads_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;  // threads waiting for a job
  bool stopping_ = false;
};

}  // namespace gatehouse::http

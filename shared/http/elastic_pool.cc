#include "shared/http/elastic_pool.h"

#include <algorithm>

namespace gatehouse::http {

ElasticPool::ElasticPool(std::size_t max_threads) : max_threads_(std::max<std::size_t>(1, max_threads)) {}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::enqueue(std::function<void()> fn) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  jobs_.push_back(std::move(fn));
  if (jobs_.size() > idle_ && threads_.size() < max_threads_) {
    threads_.emplace_back([this] { work(); });
  } else {
    ready_.notify_one();
  }
}

void ElasticPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    threads.swap(threads_);
  }
  ready_.notify_all();
  for (auto& t : threads) t.join();
}

std::size_t ElasticPool::threads() const {
  std::lock_guard lock(mutex_);
  return threads_.size();
}

std::size_t ElasticPool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_;
}

void ElasticPool::work() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace gatehouse::http

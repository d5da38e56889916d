// Time as a dependency, so tests can move it (MAS's Clock, LevelDB's Env).
// Thread safety: SystemClock is stateless; FakeClock is safe to read and
// advance from several threads.
#pragma once

#include <atomic>
#include <chrono>

namespace gatehouse {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;

  // Seconds since the Unix epoch.
  std::int64_t unix_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
  }
  std::int64_t unix_millis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t unix_millis = 1'700'000'000'000) : millis_(unix_millis) {}
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(millis_.load()));
  }
  void advance(std::chrono::milliseconds by) { millis_ += by.count(); }
  void set_unix_millis(std::int64_t v) { millis_ = v; }

 private:
  std::atomic<std::int64_t> millis_;
};

}  // namespace gatehouse

// Graceful shutdown on SIGTERM/SIGINT without async-signal-safety traps:
// the signals are blocked in every thread and a dedicated thread takes them
// with sigwait(), then calls an ordinary callback (normally Server::stop(),
// which lets requests in flight finish).
//
//   int main() {
//     http::block_shutdown_signals();          // first, before any thread
//     ... server.start() ...
//     http::ShutdownSignals on_signal([&](int) { server.stop(); });
//     server.wait();                           // returns after the signal
//   }
//
// A signal ignored at process start (SIGINT for a shell's background job)
// stays ignored, as is the convention; SIGTERM still works then.
//
// Thread safety: block_shutdown_signals() changes the calling thread's mask,
// which threads created afterwards inherit; call it before starting any.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace gatehouse::http {

// Blocks SIGTERM and SIGINT in the calling thread (and its future threads).
void block_shutdown_signals();

class ShutdownSignals {
 public:
  // Starts the waiting thread; `on_signal(signo)` runs on it, at most once.
  explicit ShutdownSignals(std::function<void(int)> on_signal);
  // Ends the waiting thread without calling on_signal if no signal came.
  ~ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // The signal received, or 0.
  int received() const { return received_.load(); }

 private:
  std::function<void(int)> on_signal_;
  std::atomic<bool> closing_{false};
  std::atomic<int> received_{0};
  std::thread thread_;
};

}  // namespace gatehouse::http

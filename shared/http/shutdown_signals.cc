#include "shared/http/shutdown_signals.h"

#include <pthread.h>
#include <signal.h>

namespace gatehouse::http {
namespace {

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void block_shutdown_signals() {
  sigset_t set = shutdown_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

ShutdownSignals::ShutdownSignals(std::function<void(int)> on_signal)
    : on_signal_(std::move(on_signal)) {
  // The waiting thread needs the signals blocked too, or the default action
  // (terminate) could win the race against sigwait().
  block_shutdown_signals();
  thread_ = std::thread([this] {
    sigset_t set = shutdown_set();
    int signo = 0;
    if (sigwait(&set, &signo) != 0) return;
    if (closing_) return;  // our own wake-up from the destructor
    received_ = signo;
    if (on_signal_) on_signal_(signo);
  });
}

ShutdownSignals::~ShutdownSignals() {
  if (thread_.joinable()) {
    if (received_ == 0) {
      closing_ = true;
      // A thread-directed signal only this thread's sigwait() can take.
      pthread_kill(thread_.native_handle(), SIGTERM);
    }
    thread_.join();
  }
}

}  // namespace gatehouse::http

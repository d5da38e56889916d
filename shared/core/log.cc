#include "shared/core/log.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace gatehouse::log {
namespace {

// spdlog's stderr sinks fflush() after every line: one write(2) per access-log
// line, which halved request throughput when stderr is a file or a pipe.
// This sink lets stdio buffer instead; lines reach the file at the latest
// after a second (flush_every), and at once for warnings and errors
// (flush_on), so fail2ban and operators still see failures immediately.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BufferedStderrSink() { std::setvbuf(stderr, nullptr, _IOFBF, 64 * 1024); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::fwrite(formatted.data(), 1, formatted.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};

std::shared_ptr<spdlog::logger> make_logger() {
  // A terminal gets colours and every line at once; anything else is buffered.
  if (::isatty(STDERR_FILENO)) return spdlog::stderr_color_mt("gatehouse");
  auto logger = std::make_shared<spdlog::logger>("gatehouse", std::make_shared<BufferedStderrSink>());
  logger->flush_on(spdlog::level::warn);
  // The flusher thread must never take a process signal (SIGTERM is meant for
  // the server's shutdown thread), so it starts with every signal blocked.
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  spdlog::flush_every(std::chrono::seconds(1));
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return logger;
}

}  // namespace

void init(std::string_view level) {
  static auto logger = [] {
    auto l = make_logger();
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
    // Buffered lines are written out when the process exits normally.
    std::atexit([] { spdlog::shutdown(); });
    return l;
  }();
  spdlog::set_default_logger(logger);
  auto parsed = spdlog::level::from_str(std::string(level));
  // from_str answers "off" for names it does not know.
  if (parsed == spdlog::level::off && level != "off") parsed = spdlog::level::info;
  spdlog::set_level(parsed);
}

std::string redact_token(std::string_view token) {
  constexpr std::size_t kShown = 8;
  if (token.size() <= kShown) return "…";
  return std::string(token.substr(0, kShown)) + "…";
}

}  // namespace gatehouse::log

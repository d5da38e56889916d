// Prometheus metrics in the text exposition format 0.0.4, served by
// `GET /metrics` under the `prometheus` resource (see register_metrics).
//
// Built in:
//   http_requests_total{route,method,status}            counter
//   http_request_duration_seconds{route,method}          histogram, 1ms..10s
//   process_resident_memory_bytes                        gauge (/proc/self/statm)
// plus gauges supplied by callbacks, e.g. the database pool's
//   db_pool_connections{state="open|in_use|max"}.
//
// `route` is the registered pattern ("/api/admin/v1/users/{id}"), never the
// raw path, so the label set stays bounded; requests that matched no route
// are counted under route="unmatched".
//
// Thread safety: route() and add_gauge() take a mutex (setup time, and once
// per new unmatched method). RouteStats::observe() is lock-free (relaxed
// atomics) and runs on every request. render() takes the mutex and calls the
// gauge callbacks, which must be thread-safe. Metrics must outlive the
// servers that record into it.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatehouse::http {

class Routes;

class Metrics {
 public:
  // Upper bounds in seconds; +Inf is implied.
  static constexpr std::array<double, 13> kBuckets = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // Counters for one (route, method).
  class RouteStats {
   public:
    RouteStats(std::string route, std::string method)
        : route_(std::move(route)), method_(std::move(method)) {}
    void observe(int status, double seconds);

   private:
    friend class Metrics;
    static constexpr int kMinStatus = 100;
    std::string route_;
    std::string method_;
    std::array<std::atomic<std::uint64_t>, 500> by_status_{};  // 100..599
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};  // not cumulative
    std::atomic<std::uint64_t> sum_nanos_{0};
  };

  using Labels = std::vector<std::pair<std::string, std::string>>;
  struct Sample {
    Labels labels;
    double value = 0;
  };
  using GaugeCallback = std::function<std::vector<Sample>()>;

  // The stats of (route, method), created on first use. The pointer stays
  // valid for the life of this Metrics.
  RouteStats* route(std::string_view route, std::string_view method);
  RouteStats* unmatched(std::string_view method) { return route("unmatched", method); }

  // A gauge family whose samples `callback` produces at each scrape.
  // `name` must be a valid metric name; duplicates are rendered twice.
  void add_gauge(std::string name, std::string help, GaugeCallback callback);

  // The whole exposition text (Content-Type: text/plain; version=0.0.4).
  std::string render() const;

 private:
  struct Gauge {
    std::string name;
    std::string help;
    GaugeCallback callback;
  };
  mutable std::mutex mutex_;
  std::deque<RouteStats> routes_;  // deque: stable addresses
  std::vector<Gauge> gauges_;
};

// "a\"b" -> "a\\\"b": label values escape backslash, quote and newline.
std::string escape_label_value(std::string_view value);

// Resident set size of this process in bytes, or 0 if /proc is unreadable.
std::uint64_t resident_memory_bytes();

// Registers `GET /metrics` under `resource` (MAS: prometheus; a Synapse-style
// listener would name it metrics).
void register_metrics(Routes& routes, Metrics& metrics, std::string resource = "prometheus");

}  // namespace gatehouse::http

#include "shared/http/metrics.h"

#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

#include "shared/http/routes.h"

namespace gatehouse::http {
namespace {

// HELP text escapes backslash and newline only (exposition format 0.0.4).
std::string escape_help(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out.push_back(c);
  }
  return out;
}

void write_header(std::string& out, std::string_view name, std::string_view help,
                  std::string_view type) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name,
                 escape_help(help), name, type);
}

std::string format_labels(const Metrics::Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    fmt::format_to(std::back_inserter(out), "{}=\"{}\"", labels[i].first,
                   escape_label_value(labels[i].second));
  }
  out += '}';
  return out;
}

}  // namespace

void Metrics::RouteStats::observe(int status, double seconds) {
  if (status >= kMinStatus && status < kMinStatus + static_cast<int>(by_status_.size())) {
    by_status_[static_cast<std::size_t>(status - kMinStatus)].fetch_add(1, std::memory_order_relaxed);
  }
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  if (seconds > 0) {
    sum_nanos_.fetch_add(static_cast<std::uint64_t>(seconds * 1e9), std::memory_order_relaxed);
  }
}

Metrics::RouteStats* Metrics::route(std::string_view route, std::string_view method) {
  std::lock_guard lock(mutex_);
  for (auto& stats : routes_) {
    if (stats.route_ == route && stats.method_ == method) return &stats;
  }
  return &routes_.emplace_back(std::string(route), std::string(method));
}

void Metrics::add_gauge(std::string name, std::string help, GaugeCallback callback) {
  std::lock_guard lock(mutex_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(callback)});
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out.reserve(4096);

  write_header(out, "http_requests_total", "HTTP requests answered, by route pattern, method and status.",
               "counter");
  for (const auto& stats : routes_) {
    for (std::size_t i = 0; i < stats.by_status_.size(); ++i) {
      auto count = stats.by_status_[i].load(std::memory_order_relaxed);
      if (count == 0) continue;
      fmt::format_to(std::back_inserter(out), "http_requests_total{} {}\n",
                     format_labels({{"route", stats.route_},
                                    {"method", stats.method_},
                                    {"status", std::to_string(i + RouteStats::kMinStatus)}}),
                     count);
    }
  }

  write_header(out, "http_request_duration_seconds",
               "Time from the start of routing to the response being written.", "histogram");
  for (const auto& stats : routes_) {
    // _count is the +Inf bucket by construction (both come from the same
    // loads), so the three series stay consistent under concurrent writes.
    std::uint64_t cumulative = 0;
    const std::string route = escape_label_value(stats.route_);
    const std::string method = escape_label_value(stats.method_);
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += stats.buckets_[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      fmt::format_to(std::back_inserter(out),
                     "http_request_duration_seconds_bucket{{route=\"{}\",method=\"{}\",le=\"{}\"}} {}\n",
                     route, method, le, cumulative);
    }
    fmt::format_to(std::back_inserter(out),
                   "http_request_duration_seconds_sum{{route=\"{}\",method=\"{}\"}} {}\n"
                   "http_request_duration_seconds_count{{route=\"{}\",method=\"{}\"}} {}\n",
                   route, method,
                   static_cast<double>(stats.sum_nanos_.load(std::memory_order_relaxed)) / 1e9,
                   route, method, cumulative);
  }

  write_header(out, "process_resident_memory_bytes", "Resident memory size in bytes.", "gauge");
  fmt::format_to(std::back_inserter(out), "process_resident_memory_bytes {}\n",
                 resident_memory_bytes());

  for (const auto& gauge : gauges_) {
    write_header(out, gauge.name, gauge.help, "gauge");
    for (const auto& sample : gauge.callback()) {
      fmt::format_to(std::back_inserter(out), "{}{} {}\n", gauge.name, format_labels(sample.labels),
                     sample.value);
    }
  }
  return out;
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out.push_back(c);
  }
  return out;
}

std::uint64_t resident_memory_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size_pages = 0, resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

void register_metrics(Routes& routes, Metrics& metrics, std::string resource) {
  routes.add(std::move(resource), Method::kGet, "/metrics",
             [&metrics](const httplib::Request&, httplib::Response& res) {
               res.status = 200;
               res.set_content(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
             });
}

}  // namespace gatehouse::http

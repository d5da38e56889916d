#include "shared/http/metrics.h"

#include <doctest/doctest.h>

#include <map>
#include <sstream>

using gatehouse::http::escape_label_value;
using gatehouse::http::Metrics;

namespace {

// metric line "name{labels} value" -> value, keyed by everything before the space.
std::map<std::string, std::string> samples(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto space = line.rfind(' ');
    out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("label values escape backslash, quote and newline") {
  CHECK(escape_label_value("plain") == "plain");
  CHECK(escape_label_value("a\"b") == "a\\\"b");
  CHECK(escape_label_value("a\\b") == "a\\\\b");
  CHECK(escape_label_value("a\nb") == "a\\nb");
}

TEST_CASE("counter and histogram text format") {
  Metrics metrics;
  auto* stats = metrics.route("/users/{id}", "GET");
  CHECK(metrics.route("/users/{id}", "GET") == stats);  // same entry
  stats->observe(200, 0.0005);  // first bucket
  stats->observe(200, 0.003);   // 0.005 bucket
  stats->observe(404, 20.0);    // only +Inf
  metrics.unmatched("POST")->observe(404, 0.002);

  const std::string text = metrics.render();
  CHECK(text.find("# HELP http_requests_total ") != std::string::npos);
  CHECK(text.find("# TYPE http_requests_total counter\n") != std::string::npos);
  CHECK(text.find("# TYPE http_request_duration_seconds histogram\n") != std::string::npos);
  CHECK(text.find("# TYPE process_resident_memory_bytes gauge\n") != std::string::npos);

  auto s = samples(text);
  CHECK(s["http_requests_total{route=\"/users/{id}\",method=\"GET\",status=\"200\"}"] == "2");
  CHECK(s["http_requests_total{route=\"/users/{id}\",method=\"GET\",status=\"404\"}"] == "1");
  CHECK(s["http_requests_total{route=\"unmatched\",method=\"POST\",status=\"404\"}"] == "1");
  CHECK(s.count("http_requests_total{route=\"/users/{id}\",method=\"GET\",status=\"500\"}") == 0);

  const std::string l = "route=\"/users/{id}\",method=\"GET\"";
  CHECK(s["http_request_duration_seconds_bucket{" + l + ",le=\"0.001\"}"] == "1");
  CHECK(s["http_request_duration_seconds_bucket{" + l + ",le=\"0.0025\"}"] == "1");
  CHECK(s["http_request_duration_seconds_bucket{" + l + ",le=\"0.005\"}"] == "2");
  CHECK(s["http_request_duration_seconds_bucket{" + l + ",le=\"10\"}"] == "2");
  CHECK(s["http_request_duration_seconds_bucket{" + l + ",le=\"+Inf\"}"] == "3");
  CHECK(s["http_request_duration_seconds_count{" + l + "}"] == "3");
  CHECK(std::stod(s["http_request_duration_seconds_sum{" + l + "}"]) ==
        doctest::Approx(20.0035).epsilon(1e-6));
  CHECK(std::stoull(s["process_resident_memory_bytes"]) > 0);
}

TEST_CASE("buckets are cumulative and monotonic for every series") {
  Metrics metrics;
  auto* stats = metrics.route("/x", "GET");
  for (double seconds : {0.0001, 0.002, 0.02, 0.2, 2.0, 0.0007, 7.0, 0.06}) stats->observe(200, seconds);
  auto s = samples(metrics.render());
  std::uint64_t previous = 0;
  for (double bound : Metrics::kBuckets) {
    std::ostringstream le;
    le << bound;
    auto value = std::stoull(s["http_request_duration_seconds_bucket{route=\"/x\",method=\"GET\",le=\"" +
                               le.str() + "\"}"]);
    CHECK(value >= previous);
    previous = value;
  }
  CHECK(previous == 8);
}

TEST_CASE("gauges from callbacks, with escaped labels") {
  Metrics metrics;
  metrics.add_gauge("db_pool_connections", "Database pool connections by state.\nSecond line", [] {
    return std::vector<Metrics::Sample>{
        {{{"state", "open"}}, 3}, {{{"state", "in_use"}}, 1}, {{{"state", "max"}}, 10}};
  });
  metrics.add_gauge("odd_labels", "Label escaping.", [] {
    return std::vector<Metrics::Sample>{{{{"v", "a\"b\\c\nd"}}, 1.5}};
  });
  const std::string text = metrics.render();
  CHECK(text.find("# HELP db_pool_connections Database pool connections by state.\\nSecond line\n") !=
        std::string::npos);
  CHECK(text.find("# TYPE db_pool_connections gauge\n") != std::string::npos);
  CHECK(text.find("db_pool_connections{state=\"open\"} 3\n") != std::string::npos);
  CHECK(text.find("db_pool_connections{state=\"in_use\"} 1\n") != std::string::npos);
  CHECK(text.find("db_pool_connections{state=\"max\"} 10\n") != std::string::npos);
  CHECK(text.find("odd_labels{v=\"a\\\"b\\\\c\\nd\"} 1.5\n") != std::string::npos);
}

// Routing of one listener: the mounted routes of its resources, matched on
// the raw path, with 404/405 in the path's protocol form, CORS on /_matrix/
// and the catch-all that turns an escaping exception into a logged 500.
// Internal to Server; public for tests.
//
// Thread safety: immutable after construction; handle() runs concurrently.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <httplib.h>

#include "shared/http/metrics.h"
#include "shared/http/response.h"
#include "shared/http/routes.h"

namespace gatehouse::http {

// What the server knows about the request the current thread is serving,
// from the pre-routing hook to the logger (cpp-httplib runs all three on the
// same thread, one request at a time).
struct RequestTrace {
  std::chrono::steady_clock::time_point start{};
  bool started = false;
  Metrics::RouteStats* stats = nullptr;  // the matched route's, if any
};
RequestTrace& current_trace();

class Dispatcher {
 public:
  // Mounts the routes whose resource is in `resources`, under `prefix`.
  Dispatcher(const Routes& routes, const std::vector<std::string>& resources,
             const std::string& prefix, Metrics* metrics);

  void handle(const httplib::Request& req, httplib::Response& res) const;

  // Fills an error body for a status the library produced itself (400,
  // 413, 414, ...) when no handler wrote one. Returns false when `res`
  // already has a body.
  bool write_default_error(const httplib::Request& req, httplib::Response& res) const;

  std::size_t size() const { return mounted_.size(); }

 private:
  struct Mounted {
    PathPattern pattern;
    Method method;
    const ParamHandler* handler;
    Metrics::RouteStats* stats;
  };
  // The path without the listener prefix decides the error form.
  ErrorForm error_form(std::string_view raw_path) const;
  void run_handler(const Mounted& route, const httplib::Request& req, httplib::Response& res,
                   const PathParams& params, ErrorForm form) const;

  std::string prefix_;
  std::vector<Mounted> mounted_;
};

}  // namespace gatehouse::http

#include "shared/http/dispatcher.h"

#include <algorithm>
#include <exception>

#include "shared/core/log.h"
#include "shared/http/client_ip.h"
#include "shared/http/response.h"

namespace gatehouse::http {
namespace {

// The headers Synapse puts on every /_matrix/ answer, so browser clients
// (Element Web) can call the API from another origin.
void add_matrix_cors(httplib::Response& res) {
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
  res.set_header("Access-Control-Allow-Headers",
                 "X-Requested-With, Content-Type, Authorization, Date");
}

bool method_matches(Method route, std::string_view request) {
  const std::string_view name = to_string(route);
  return request == name || (route == Method::kGet && request == "HEAD");
}

}  // namespace

RequestTrace& current_trace() {
  thread_local RequestTrace trace;
  return trace;
}

Dispatcher::Dispatcher(const Routes& routes, const std::vector<std::string>& resources,
                       const std::string& prefix, Metrics* metrics)
    : prefix_(prefix) {
  while (prefix_.ends_with('/')) prefix_.pop_back();
  for (const auto& route : routes.all()) {
    if (std::find(resources.begin(), resources.end(), route.resource) == resources.end()) continue;
    PathPattern pattern(prefix, route.pattern);
    Metrics::RouteStats* stats =
        metrics ? metrics->route(pattern.text(), to_string(route.method)) : nullptr;
    mounted_.push_back(Mounted{std::move(pattern), route.method, &route.handler, stats});
  }
}

ErrorForm Dispatcher::error_form(std::string_view path) const {
  if (!path.starts_with(prefix_)) return ErrorForm::kOAuth;
  const auto rest = path.substr(prefix_.size());
  if (is_matrix_path(rest)) return ErrorForm::kMatrix;
  return is_admin_api_path(rest) ? ErrorForm::kJsonApi : ErrorForm::kOAuth;
}

void Dispatcher::handle(const httplib::Request& req, httplib::Response& res) const {
  const std::string_view path = raw_path(req);
  const ErrorForm form = error_form(path);
  if (form == ErrorForm::kMatrix) add_matrix_cors(res);

  std::string allowed;  // methods of routes whose pattern matched
  for (const auto& route : mounted_) {
    if (!route.pattern.match(path, nullptr)) continue;
    if (!method_matches(route.method, req.method)) {
      if (!allowed.empty()) allowed += ", ";
      allowed += to_string(route.method);
      if (route.method == Method::kGet) allowed += ", HEAD";
      continue;
    }
    PathParams params;
    route.pattern.match(path, &params);
    current_trace().stats = route.stats;
    run_handler(route, req, res, params, form);
    if (res.status == -1) res.status = 200;
    return;
  }

  if (!allowed.empty()) {
    if (form == ErrorForm::kMatrix && req.method == "OPTIONS") {
      res.status = 204;  // CORS preflight; the headers are already set
      return;
    }
    res.set_header("Allow", allowed);
    write_error(res, form, 405, "M_UNRECOGNIZED", "method_not_allowed",
                "Method not allowed for this path");
    return;
  }
  write_error(res, form, 404, "M_UNRECOGNIZED", "not_found", "Unrecognized request");
}

void Dispatcher::run_handler(const Mounted& route, const httplib::Request& req,
                             httplib::Response& res, const PathParams& params,
                             ErrorForm form) const {
  // Handlers return errors as values; an exception here is a bug. Answer
  // 500 without internals and keep serving.
  try {
    (*route.handler)(req, res, params);
    return;
  } catch (const std::exception& e) {
    spdlog::error("bug: handler for {} {} threw: {}", req.method, route.pattern.text(), e.what());
  } catch (...) {
    spdlog::error("bug: handler for {} {} threw a non-exception", req.method,
                  route.pattern.text());
  }
  res = httplib::Response();
  if (form == ErrorForm::kMatrix) add_matrix_cors(res);
  write_error(res, form, 500, "M_UNKNOWN", "server_error", "Internal server error");
}

bool Dispatcher::write_default_error(const httplib::Request& req, httplib::Response& res) const {
  if (!res.body.empty()) return false;
  const ErrorForm form = error_form(raw_path(req));
  const int status = res.status;
  switch (status) {
    case 404:
      write_error(res, form, status, "M_UNRECOGNIZED", "not_found", "Unrecognized request");
      break;
    case 413:
      write_error(res, form, status, "M_TOO_LARGE", "invalid_request", "Request body too large");
      break;
    case 414:
      write_error(res, form, status, "M_UNKNOWN", "invalid_request", "Request URI too long");
      break;
    case 431:
      write_error(res, form, status, "M_UNKNOWN", "invalid_request",
                  "Request header fields too large");
      break;
    default:
      if (status >= 500) {
        write_error(res, form, status, "M_UNKNOWN", "server_error", "Internal server error");
      } else {
        write_error(res, form, status, "M_UNKNOWN", "invalid_request", "Bad request");
      }
  }
  if (form == ErrorForm::kMatrix) add_matrix_cors(res);
  return true;
}

}  // namespace gatehouse::http

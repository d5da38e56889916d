// The route table: services register handlers under a resource name (MAS's
// listener resources: discovery, human, oauth, compat, adminapi, health,
// prometheus, ...; the homeserver's: client, health, ...). A listener mounts
// only the resources it names (see server.h).
//
// Path patterns are literal segments and `{name}` placeholders, each
// matching exactly one non-empty segment: "/api/admin/v1/users/{id}".
// A last segment `{name...}` matches the rest of the path (one or more
// segments). Matching runs on the raw request path, so an encoded "%2F"
// inside a Matrix event ID stays inside its placeholder; placeholder values
// are handed to the handler percent-decoded.
//
// Thread safety: build the table before Server::start(); after that it is
// read-only and shared by all worker threads. Handlers run concurrently on
// worker threads and must be thread-safe. A handler must not throw: an
// escaping exception is answered 500 and logged as a bug.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <httplib.h>

namespace gatehouse::http {

enum class Method { kGet, kPost, kPut, kPatch, kDelete, kOptions };

std::string_view to_string(Method method);

// Placeholder values of the matched pattern, in pattern order.
class PathParams {
 public:
  // The decoded value of `{name}`, or "" when the pattern has no such name.
  std::string_view get(std::string_view name) const;
  void add(std::string_view name, std::string value) {
    values_.emplace_back(name, std::move(value));
  }
  std::size_t size() const { return values_.size(); }
  void clear() { values_.clear(); }

 private:
  std::vector<std::pair<std::string_view, std::string>> values_;
};

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
using ParamHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const PathParams&)>;

struct Route {
  std::string resource;
  Method method = Method::kGet;
  std::string pattern;  // as registered, without a listener prefix
  ParamHandler handler;
};

class Routes {
 public:
  // Registers `handler` for `method` and `pattern` under `resource`. GET
  // routes also answer HEAD. Registering the same method and pattern twice
  // in one resource is a programming error: the first one wins.
  void add(std::string resource, Method method, std::string pattern, Handler handler);
  void add(std::string resource, Method method, std::string pattern, ParamHandler handler);

  const std::vector<Route>& all() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// --- matching (used by the server's dispatcher; public for tests) ----------

// One pattern, split into segments once at mount time.
class PathPattern {
 public:
  // `prefix` is a listener prefix such as "/auth" ("" or "/" for none).
  PathPattern(std::string_view prefix, std::string_view pattern);

  // Matches a raw (still percent-encoded) path without query string. On a
  // match, fills `params` (if not null) with decoded placeholder values.
  bool match(std::string_view raw_path, PathParams* params) const;

  // The pattern with its prefix: the `route` label of metrics.
  const std::string& text() const { return text_; }

 private:
  struct Segment {
    std::string text;  // literal text, or the placeholder's name
    bool placeholder = false;
    bool rest = false;  // `{name...}`
  };
  std::string text_;
  std::vector<Segment> segments_;
};

// Percent-decoding of one path segment ("+" stays "+", unlike forms).
std::string percent_decode(std::string_view text);

}  // namespace gatehouse::http

#include "shared/config/database.h"

#include "shared/core/percent_encoding.h"

#include <cctype>

namespace gatehouse::config {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_supported_uri(std::string_view uri) {
  if (starts_with(uri, "sqlite://")) return uri.size() > 9;
  if (starts_with(uri, "sqlite:")) return uri.size() > 7;
  return starts_with(uri, "postgresql://") || starts_with(uri, "postgres://");
}

// MAS's separate fields, as libpq would take them.
std::string uri_from_fields(Section& s) {
  PostgresFields f;
  s.get("host", f.host);
  s.get("socket", f.socket);
  s.get("username", f.username);
  s.get("database", f.database);
  s.get_int("port", f.port, 1, 65535);
  f.password = s.secret("password");
  if (!f.host.empty() && !f.socket.empty()) {
    s.diag().error(s.path("socket"), "set either `host` or `socket`, not both");
  }
  return postgres_uri(f);
}

}  // namespace

bool DatabaseConfig::is_sqlite() const { return starts_with(uri, "sqlite:"); }

std::string DatabaseConfig::sqlite_path() const {
  if (starts_with(uri, "sqlite://")) return uri.substr(9);
  if (starts_with(uri, "sqlite:")) return uri.substr(7);
  return {};
}

std::string postgres_uri(const PostgresFields& f) {
  std::string uri = "postgresql://";
  if (!f.username.empty()) {
    uri += percent_encode(f.username);
    if (f.password) uri += ":" + percent_encode(*f.password);
    uri += "@";
  }
  uri += f.host;
  if (f.port != 0) uri += ":" + std::to_string(f.port);
  uri += "/" + percent_encode(f.database);
  if (!f.socket.empty()) uri += "?host=" + percent_encode(f.socket);
  return uri;
}

std::string redact_uri(std::string_view uri) {
  std::size_t scheme = uri.find("://");
  if (scheme == std::string_view::npos) return std::string(uri);
  std::size_t authority = scheme + 3;
  std::size_t at = uri.find('@', authority);
  std::size_t end = uri.find_first_of("/?#", authority);
  if (at == std::string_view::npos || (end != std::string_view::npos && at > end)) {
    return std::string(uri);
  }
  std::size_t colon = uri.find(':', authority);
  if (colon == std::string_view::npos || colon > at) return std::string(uri);
  return std::string(uri.substr(0, colon + 1)) + "[REDACTED]" + std::string(uri.substr(at));
}

void decode(Section& s, DatabaseConfig& out) {
  bool fields = false;
  for (const char* key : {"host", "port", "socket", "username", "password", "password_file",
                          "database"}) {
    fields = fields || s.has(key);
  }
  if (s.has("uri")) {
    if (fields) {
      s.diag().error(s.path("uri"),
                     "set either `uri` or the separate fields (host, port, socket, username, "
                     "password, database), not both");
    }
    std::string uri;
    if (s.get("uri", uri)) {
      if (is_supported_uri(uri)) {
        out.uri = uri;
      } else {
        s.diag().error(s.path("uri"),
                       "expected sqlite:PATH or a postgresql:// URI, got \"" + redact_uri(uri) +
                           "\"");
      }
    }
  } else if (fields) {
    out.uri = uri_from_fields(s);
  }
  for (const char* key : {"uri", "host", "port", "socket", "username", "password", "password_file",
                          "database"}) {
    s.skip(key);
  }
  for (const char* key : {"ssl_mode", "ssl_ca", "ssl_ca_file", "ssl_certificate",
                          "ssl_certificate_file", "ssl_key", "ssl_key_file"}) {
    s.unsupported(key);
  }
  s.get_int("min_connections", out.min_connections, 0, 10000);
  s.get_int("max_connections", out.max_connections, 1, 10000);
  s.get_int("connect_timeout", out.connect_timeout, 1, 86400);
  s.get_int("idle_timeout", out.idle_timeout, 0, 86400 * 365);
  s.get_int("max_lifetime", out.max_lifetime, 0, 86400 * 365);
  if (out.min_connections > out.max_connections) {
    s.diag().error(s.path("min_connections"), "must not exceed max_connections (" +
                                                  std::to_string(out.max_connections) + ")");
  }
}

}  // namespace gatehouse::config

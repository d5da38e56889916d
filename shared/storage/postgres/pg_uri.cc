#include "shared/storage/postgres/pg_uri.h"

#include "shared/core/percent_encoding.h"

#include <cctype>

namespace gatehouse::storage::postgres {

namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool has_scheme(std::string_view uri) {
  return uri.starts_with("postgresql://") || uri.starts_with("postgres://");
}

}  // namespace

std::optional<PgUri> parse_pg_uri(std::string_view uri) {
  if (!has_scheme(uri)) return std::nullopt;
  const std::size_t authority_start = uri.find("://") + 3;
  std::size_t authority_end = uri.find_first_of("/?", authority_start);
  if (authority_end == std::string_view::npos) authority_end = uri.size();
  PgUri out;
  out.scheme_and_authority = std::string(uri.substr(0, authority_end));
  const std::string_view authority = uri.substr(authority_start, authority_end - authority_start);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    out.user = percent_decode(authority.substr(0, authority.substr(0, at).find(':')));
  }
  std::string_view rest = uri.substr(authority_end);
  const std::size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    out.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  if (rest.starts_with("/")) out.database = percent_decode(rest.substr(1));
  return out;
}

std::string PgUri::to_string() const {
  std::string out = scheme_and_authority;
  if (!database.empty()) out += "/" + percent_encode(database);
  if (!query.empty()) out += (database.empty() ? "/?" : "?") + query;
  return out;
}

PgUri PgUri::with_database(std::string_view name) const {
  PgUri copy = *this;
  copy.database = std::string(name);
  return copy;
}

PgUri PgUri::with_default_param(std::string_view param, std::string_view value) const {
  const std::string key = std::string(param) + "=";
  if (query.starts_with(key) || query.find("&" + key) != std::string::npos) return *this;
  PgUri copy = *this;
  copy.query += (copy.query.empty() ? "" : "&") + key + std::string(value);
  return copy;
}

std::string redact_pg_uri(std::string_view uri) {
  std::string out(uri);
  // Any scheme://user:password@host form, so unsupported URIs print safely too.
  if (out.find("://") == std::string::npos) return out;
  const std::size_t authority_start = out.find("://") + 3;
  std::size_t authority_end = out.find_first_of("/?", authority_start);
  if (authority_end == std::string::npos) authority_end = out.size();
  const std::size_t at = out.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority_start) {
    const std::size_t colon = out.find(':', authority_start);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    const std::size_t start = p + 9;
    std::size_t end = out.find('&', start);
    if (end == std::string::npos) end = out.size();
    out.replace(start, end - start, "***");
  }
  return out;
}

}  // namespace gatehouse::storage::postgres

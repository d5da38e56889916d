#include "shared/config/http.h"

#include <arpa/inet.h>

#include <array>
#include <charconv>

namespace gatehouse::config {
namespace {

struct ResourceName {
  Resource resource;
  std::string_view name;
};
constexpr std::array<ResourceName, 10> kResources = {{
    {Resource::kDiscovery, "discovery"},
    {Resource::kHuman, "human"},
    {Resource::kOAuth, "oauth"},
    {Resource::kCompat, "compat"},
    {Resource::kGraphQL, "graphql"},
    {Resource::kAssets, "assets"},
    {Resource::kAdminApi, "adminapi"},
    {Resource::kHealth, "health"},
    {Resource::kPrometheus, "prometheus"},
    {Resource::kConnectionInfo, "connection-info"},
}};

bool parse_port(std::string_view text, std::uint16_t& port) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

void decode_resources(Section& listener, std::vector<Resource>& out) {
  std::vector<std::string> names;
  for (const auto& r : kResources) names.emplace_back(r.name);
  listener.each("resources", [&](Section& item, std::size_t) {
    std::string name;
    if (!item.get_enum("name", name, names)) {
      item.require("name", "the resource to serve");
      return;
    }
    for (const auto& r : kResources) {
      if (r.name == name) out.push_back(r.resource);
    }
    // MAS's resources with nothing behind them here: graphql and assets feed
    // MAS's account app (Gatehouse's account page is plain HTML and needs
    // neither); connection-info is not built yet.
    if (name == "graphql" || name == "assets" || name == "connection-info") {
      item.diag().warning(item.path("name"), "`" + name +
                                                 "` is a MAS resource Gatehouse does not serve "
                                                 "yet; this listener serves nothing for it");
    }
    // graphql{playground, undocumented_oauth2_access}, assets{path}: no such
    // options here, and a silent drop would surprise.
    for (const char* extra : {"playground", "undocumented_oauth2_access", "path"}) {
      item.unsupported(extra);
    }
  });
}

// "0660", "660" or "0o660": octal permission bits up to 0777.
std::optional<unsigned> parse_octal_mode(std::string_view text) {
  if (text.starts_with("0o") || text.starts_with("0O")) text.remove_prefix(2);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 8);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > 0777) {
    return std::nullopt;
  }
  return value;
}

void decode_binds(Section& listener, std::vector<Bind>& out) {
  listener.each("binds", [&](Section& item, std::size_t) {
    for (const char* kind : {"fd", "kind"}) item.unsupported(kind);
    if (item.has("socket")) {
      Bind bind;
      if (!item.get("socket", bind.socket)) return;
      if (bind.socket.empty() || bind.socket.size() >= 108) {
        item.diag().error(item.path("socket"), "must be a path of 1 to 107 bytes (a UNIX socket's limit)");
        return;
      }
      if (const auto* mode = item.raw("mode")) {
        // A number is taken as MAS takes it (YAML 1.2: write 0o660, not
        // 0660, which is decimal); a string is read as octal.
        if (mode->is_number_integer() && mode->get<std::int64_t>() >= 0 &&
            mode->get<std::int64_t>() <= 0777) {
          bind.mode = static_cast<unsigned>(mode->get<std::int64_t>());
        } else if (mode->is_string()) {
          bind.mode = parse_octal_mode(mode->get<std::string>());
        }
        if (!bind.mode) {
          item.diag().error(item.path("mode"),
                            "must be permission bits: 0o660 (YAML 1.2 octal), 432, or the string \"0660\"");
          return;
        }
      }
      out.push_back(bind);
      return;
    }
    item.unsupported("mode");
    if (item.has("address")) {
      std::string address;
      if (!item.get("address", address)) return;
      auto bind = parse_bind_address(address);
      if (!bind) {
        item.diag().error(item.path("address"), bind.error().message);
        return;
      }
      out.push_back(*bind);
      return;
    }
    if (item.has("port")) {
      Bind bind{"0.0.0.0", 0};
      item.get("host", bind.host);
      if (item.get_int("port", bind.port, 0, 65535)) out.push_back(bind);
    }
  });
}

}  // namespace

std::string_view to_string(Resource resource) {
  for (const auto& r : kResources) {
    if (r.resource == resource) return r.name;
  }
  return "unknown";
}

Result<Bind> parse_bind_address(std::string_view address) {
  Bind bind;
  std::string_view port;
  if (!address.empty() && address.front() == '[') {
    std::size_t close = address.find(']');
    if (close == std::string_view::npos || close + 1 >= address.size() ||
        address[close + 1] != ':') {
      return fail(ErrorCode::kConfig, "expected \"[ipv6]:port\", got \"" + std::string(address) + "\"");
    }
    bind.host = std::string(address.substr(1, close - 1));
    port = address.substr(close + 2);
  } else {
    std::size_t colon = address.rfind(':');
    if (colon == std::string_view::npos || address.find(':') != colon) {
      return fail(ErrorCode::kConfig,
                  "expected \"host:port\" (IPv6 as \"[::1]:8080\"), got \"" + std::string(address) + "\"");
    }
    bind.host = std::string(address.substr(0, colon));
    port = address.substr(colon + 1);
  }
  if (bind.host.empty() || !parse_port(port, bind.port)) {
    return fail(ErrorCode::kConfig,
                "expected \"host:port\" with a port from 0 to 65535, got \"" + std::string(address) + "\"");
  }
  return bind;
}

std::vector<Listener> default_listeners() {
  return {
      {"web",
       {Resource::kDiscovery, Resource::kHuman, Resource::kOAuth, Resource::kCompat,
        Resource::kHealth},
       "",
       {{"127.0.0.1", 8080}}},
      {"internal", {Resource::kHealth, Resource::kPrometheus}, "", {{"127.0.0.1", 8081}}},
  };
}

bool is_cidr(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  std::string ip(text.substr(0, slash));
  unsigned bits = 0;
  std::string_view len = text.substr(slash + 1);
  auto [end, ec] = std::from_chars(len.data(), len.data() + len.size(), bits);
  if (ec != std::errc() || end != len.data() + len.size() || len.empty()) return false;
  unsigned char buf[16];
  if (inet_pton(AF_INET, ip.c_str(), buf) == 1) return bits <= 32;
  if (inet_pton(AF_INET6, ip.c_str(), buf) == 1) return bits <= 128;
  return false;
}

void decode(Section& s, HttpConfig& out) {
  s.get_url("public_base", out.public_base, /*trailing_slash=*/true);
  out.issuer = out.public_base;
  s.get_url("issuer", out.issuer, /*trailing_slash=*/false);
  if (s.get("trusted_proxies", out.trusted_proxies)) {
    for (std::size_t i = 0; i < out.trusted_proxies.size(); ++i) {
      if (!is_cidr(out.trusted_proxies[i])) {
        s.diag().error(index_path(s.path("trusted_proxies"), i),
                       "expected a CIDR such as 10.0.0.0/8 or fd00::/8, got \"" +
                           out.trusted_proxies[i] + "\"");
      }
    }
  }
  s.get_int("worker_threads", out.worker_threads, 1, 4096);

  if (!s.has("listeners")) {
    s.skip("listeners");
    return;
  }
  out.listeners.clear();
  s.each("listeners", [&](Section& item, std::size_t) {
    Listener listener;
    item.get("name", listener.name);
    item.get("prefix", listener.prefix);
    decode_resources(item, listener.resources);
    decode_binds(item, listener.binds);
    bool proxy_protocol = false;
    if (item.get("proxy_protocol", proxy_protocol) && proxy_protocol) {
      item.diag().unsupported(item.path("proxy_protocol"));
    }
    item.unsupported("tls");
    if (listener.binds.empty()) {
      item.diag().error(item.path("binds"), "required (at least one {address: \"host:port\"})");
    }
    out.listeners.push_back(std::move(listener));
  });
}

}  // namespace gatehouse::config

#include "shared/http/cidr.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace gatehouse::http {
namespace {

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// X-Forwarded-For entries are bare addresses by the spec, but some proxies
// (Azure, some CDNs) append a port: "1.2.3.4:5678", "[2001:db8::1]:443".
std::optional<IpAddress> parse_forwarded_entry(std::string_view entry) {
  entry = trim(entry);
  if (auto ip = IpAddress::parse(entry)) return ip;
  if (!entry.empty() && entry.front() == '[') {
    auto close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return IpAddress::parse(entry.substr(1, close - 1));
  }
  auto colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
    auto ip = IpAddress::parse(entry.substr(0, colon));
    if (ip && ip->family() == IpAddress::Family::kV4) return ip;
  }
  return std::nullopt;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  // inet_pton wants a NUL-terminated string; addresses are short.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buffer[INET6_ADDRSTRLEN];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';

  IpAddress ip;
  if (::inet_pton(AF_INET, buffer, ip.bytes_.data()) == 1) {
    ip.family_ = Family::kV4;
    return ip;
  }
  if (::inet_pton(AF_INET6, buffer, ip.bytes_.data()) != 1) return std::nullopt;
  if (std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), ip.bytes_.begin())) {
    std::array<std::uint8_t, 16> v4{};
    std::copy(ip.bytes_.begin() + 12, ip.bytes_.end(), v4.begin());
    ip.bytes_ = v4;
    ip.family_ = Family::kV4;
    return ip;
  }
  ip.family_ = Family::kV6;
  return ip;
}

IpAddress IpAddress::from_bytes(Family family, const std::array<std::uint8_t, 16>& bytes) {
  IpAddress ip;
  ip.family_ = family;
  ip.bytes_ = bytes;
  if (family == Family::kV4) std::fill(ip.bytes_.begin() + 4, ip.bytes_.end(), 0);
  return ip;
}

std::string IpAddress::to_string() const {
  char buffer[INET6_ADDRSTRLEN];
  const int af = family_ == Family::kV4 ? AF_INET : AF_INET6;
  if (::inet_ntop(af, bytes_.data(), buffer, sizeof buffer) == nullptr) return {};
  return buffer;
}

Result<Cidr> Cidr::parse(std::string_view text) {
  text = trim(text);
  auto slash = text.find('/');
  auto address = IpAddress::parse(text.substr(0, slash));
  if (!address) {
    return fail(ErrorCode::kInvalidInput, "not an IP address or CIDR range", std::string(text));
  }
  Cidr cidr;
  cidr.network_ = *address;
  cidr.prefix_length_ = address->bit_length();
  if (slash != std::string_view::npos) {
    auto digits = text.substr(slash + 1);
    int length = -1;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    // "::ffff:10.0.0.0/104" was normalised to IPv4: its prefix counts 128 bits.
    const bool mapped =
        address->family() == IpAddress::Family::kV4 && text.find(':') != std::string_view::npos;
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
        length < 0 || length > (mapped ? 128 : address->bit_length())) {
      return fail(ErrorCode::kInvalidInput, "bad CIDR prefix length", std::string(text));
    }
    if (mapped) {
      if (length < 96) {
        return fail(ErrorCode::kInvalidInput, "IPv4-mapped range wider than ::ffff:0:0/96",
                    std::string(text));
      }
      length -= 96;
    }
    cidr.prefix_length_ = length;
  }
  // Clear host bits so to_string() shows the network and contains() can
  // compare whole bytes.
  auto bytes = cidr.network_.bytes();
  for (int bit = cidr.prefix_length_; bit < cidr.network_.bit_length(); ++bit) {
    bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  }
  cidr.network_ = IpAddress::from_bytes(cidr.network_.family(), bytes);
  return cidr;
}

bool Cidr::contains(const IpAddress& address) const {
  if (address.family() != network_.family()) return false;
  const auto& a = address.bytes();
  const auto& n = network_.bytes();
  const int full_bytes = prefix_length_ / 8;
  if (!std::equal(n.begin(), n.begin() + full_bytes, a.begin())) return false;
  const int rest = prefix_length_ % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff00u >> rest);
  return (a[full_bytes] & mask) == n[full_bytes];
}

std::string Cidr::to_string() const {
  return network_.to_string() + "/" + std::to_string(prefix_length_);
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& ranges) {
  std::vector<Cidr> parsed;
  parsed.reserve(ranges.size());
  for (const auto& range : ranges) {
    GH_TRY(auto cidr, Cidr::parse(range));
    parsed.push_back(cidr);
  }
  return TrustedProxies(std::move(parsed));
}

const std::vector<std::string>& TrustedProxies::mas_default_ranges() {
  static const std::vector<std::string> ranges = {
      "192.168.0.0/16", "172.16.0.0/12", "10.0.0.0/8", "127.0.0.0/8", "fd00::/8", "::1/128"};
  return ranges;
}

TrustedProxies TrustedProxies::mas_default() {
  // The defaults are constants known to parse.
  return *parse(mas_default_ranges());
}

bool TrustedProxies::contains(const IpAddress& address) const {
  for (const auto& range : ranges_) {
    if (range.contains(address)) return true;
  }
  return false;
}

std::string resolve_client_ip(std::string_view peer,
                              const std::vector<std::string>& forwarded_for,
                              const TrustedProxies& proxies) {
  auto peer_ip = IpAddress::parse(peer);
  if (!peer_ip) return std::string(peer);
  if (!proxies.contains(*peer_ip)) return peer_ip->to_string();

  // Hops in order, left (original client) to right (nearest proxy); each
  // header instance is a continuation of the list (RFC 7230 §3.2.2).
  std::vector<std::string_view> hops;
  for (const auto& value : forwarded_for) {
    std::string_view rest = value;
    while (true) {
      auto comma = rest.find(',');
      auto hop = trim(rest.substr(0, comma));
      if (!hop.empty()) hops.push_back(hop);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }

  IpAddress client = *peer_ip;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto hop = parse_forwarded_entry(*it);
    if (!hop) break;  // garbage: the last trusted hop is all we know
    client = *hop;
    if (!proxies.contains(*hop)) break;
  }
  return client.to_string();
}

}  // namespace gatehouse::http

// IP addresses and CIDR ranges (IPv4 and IPv6), for trusted-proxy checks,
// rate-limit keys and the client IP written to access logs (fail2ban parses
// those, so the address must be the real client's, never a proxy's).
//
// An IPv4-mapped IPv6 address (::ffff:10.0.0.1, what a dual-stack socket
// reports for an IPv4 peer) is normalised to plain IPv4, so it matches IPv4
// ranges and prints as 10.0.0.1.
//
// Thread safety: plain values; const methods are safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::http {

class IpAddress {
 public:
  enum class Family : std::uint8_t { kV4, kV6 };

  // "10.1.2.3", "::1", "fe80::1", "::ffff:10.1.2.3" (becomes IPv4).
  // nullopt for anything else (ports, brackets, zone ids, host names).
  static std::optional<IpAddress> parse(std::string_view text);
  // From raw bytes in network order (only the first 4 used for IPv4).
  static IpAddress from_bytes(Family family, const std::array<std::uint8_t, 16>& bytes);

  Family family() const { return family_; }
  // Network byte order; 4 meaningful bytes for IPv4, 16 for IPv6.
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  int bit_length() const { return family_ == Family::kV4 ? 32 : 128; }

  // Canonical text (inet_ntop): "10.1.2.3", "2001:db8::1".
  std::string to_string() const;

  bool operator==(const IpAddress&) const = default;

 private:
  Family family_ = Family::kV4;
  std::array<std::uint8_t, 16> bytes_{};
};

class Cidr {
 public:
  // "10.0.0.0/8", "fd00::/8", or a bare address meaning /32 or /128.
  // Host bits after the prefix are ignored ("10.1.2.3/8" == "10.0.0.0/8"),
  // as most tools accept them. kInvalidInput for anything else.
  static Result<Cidr> parse(std::string_view text);

  // False when the families differ (after IPv4-mapped normalisation).
  bool contains(const IpAddress& address) const;

  const IpAddress& network() const { return network_; }
  int prefix_length() const { return prefix_length_; }
  std::string to_string() const;

 private:
  IpAddress network_;
  int prefix_length_ = 0;
};

// A list of CIDR ranges whose peers are trusted to set X-Forwarded-For.
class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody
  explicit TrustedProxies(std::vector<Cidr> ranges) : ranges_(std::move(ranges)) {}

  // Parses every entry; the first bad one fails the whole list.
  static Result<TrustedProxies> parse(const std::vector<std::string>& ranges);
  // MAS's default http.trusted_proxies: the private and loopback ranges
  // 192.168.0.0/16, 172.16.0.0/12, 10.0.0.0/8, 127.0.0.0/8, fd00::/8, ::1/128.
  static TrustedProxies mas_default();
  static const std::vector<std::string>& mas_default_ranges();

  bool contains(const IpAddress& address) const;
  const std::vector<Cidr>& ranges() const { return ranges_; }

 private:
  std::vector<Cidr> ranges_;
};

// The client address of a request arriving from `peer` with the given
// X-Forwarded-For values (all header instances, in order). If the peer is not
// a trusted proxy, it is the client. Otherwise the list is walked from the
// right (the hop nearest to us) and the first address that is not a trusted
// proxy is the client; an unparsable entry stops the walk at the last
// trusted hop, since nothing left of it can be believed. If every hop is
// trusted, the leftmost one is the client. An unparsable peer is returned as
// given.
std::string resolve_client_ip(std::string_view peer,
                              const std::vector<std::string>& forwarded_for,
                              const TrustedProxies& proxies);

}  // namespace gatehouse::http

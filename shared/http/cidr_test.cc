#include "shared/http/cidr.h"

#include <doctest/doctest.h>

using gatehouse::http::Cidr;
using gatehouse::http::IpAddress;
using gatehouse::http::resolve_client_ip;
using gatehouse::http::TrustedProxies;

namespace {

bool in(const char* range, const char* address) {
  auto cidr = Cidr::parse(range);
  REQUIRE(cidr);
  auto ip = IpAddress::parse(address);
  REQUIRE(ip);
  return cidr->contains(*ip);
}

}  // namespace

TEST_CASE("IpAddress parses IPv4 and IPv6 and normalises IPv4-mapped") {
  CHECK(IpAddress::parse("10.1.2.3")->to_string() == "10.1.2.3");
  CHECK(IpAddress::parse("::1")->to_string() == "::1");
  CHECK(IpAddress::parse("2001:DB8:0:0::1")->to_string() == "2001:db8::1");
  auto mapped = IpAddress::parse("::ffff:192.168.1.9");
  REQUIRE(mapped);
  CHECK(mapped->family() == IpAddress::Family::kV4);
  CHECK(mapped->to_string() == "192.168.1.9");
  CHECK(*mapped == *IpAddress::parse("192.168.1.9"));
}

TEST_CASE("IpAddress rejects what is not a bare address") {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4:80", "[::1]", "::1%eth0",
                          "example.org", " 1.2.3.4", "1.2.3.4/8", "::g", "1:2:3:4:5:6:7:8:9"}) {
    CAPTURE(bad);
    CHECK_FALSE(IpAddress::parse(bad));
  }
}

TEST_CASE("Cidr parse: prefixes, bare addresses, host bits, errors") {
  CHECK(Cidr::parse("10.0.0.0/8")->to_string() == "10.0.0.0/8");
  CHECK(Cidr::parse("10.1.2.3/8")->to_string() == "10.0.0.0/8");
  CHECK(Cidr::parse("10.1.2.3")->to_string() == "10.1.2.3/32");
  CHECK(Cidr::parse("::1")->to_string() == "::1/128");
  CHECK(Cidr::parse("fd12:3456::1/8")->to_string() == "fd00::/8");
  CHECK(Cidr::parse("0.0.0.0/0")->to_string() == "0.0.0.0/0");
  CHECK(Cidr::parse("::/0")->to_string() == "::/0");
  CHECK(Cidr::parse("172.16.0.0/12")->to_string() == "172.16.0.0/12");
  CHECK(Cidr::parse("::ffff:10.0.0.0/104")->to_string() == "10.0.0.0/8");
  for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x",
                          "10.0.0/8", "/8", "abc", "::ffff:10.0.0.0/95", "10.0.0.0/ 8"}) {
    CAPTURE(bad);
    auto parsed = Cidr::parse(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == gatehouse::ErrorCode::kInvalidInput);
  }
}

TEST_CASE("Cidr contains: IPv4 boundaries") {
  CHECK(in("10.0.0.0/8", "10.0.0.0"));
  CHECK(in("10.0.0.0/8", "10.255.255.255"));
  CHECK_FALSE(in("10.0.0.0/8", "11.0.0.0"));
  CHECK_FALSE(in("10.0.0.0/8", "9.255.255.255"));
  // /12 splits a byte: 172.16.0.0 - 172.31.255.255
  CHECK(in("172.16.0.0/12", "172.16.0.1"));
  CHECK(in("172.16.0.0/12", "172.31.255.255"));
  CHECK_FALSE(in("172.16.0.0/12", "172.32.0.0"));
  CHECK_FALSE(in("172.16.0.0/12", "172.15.255.255"));
  CHECK(in("192.168.1.128/25", "192.168.1.200"));
  CHECK_FALSE(in("192.168.1.128/25", "192.168.1.127"));
  CHECK(in("1.2.3.4/32", "1.2.3.4"));
  CHECK_FALSE(in("1.2.3.4/32", "1.2.3.5"));
  CHECK(in("0.0.0.0/0", "203.0.113.9"));
  CHECK(in("127.0.0.0/8", "::ffff:127.0.0.1"));  // dual-stack socket peer
}

TEST_CASE("Cidr contains: IPv6 boundaries and family mismatch") {
  CHECK(in("fd00::/8", "fd12:3456:789a::1"));
  CHECK(in("fd00::/8", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  CHECK_FALSE(in("fd00::/8", "fc00::1"));
  CHECK_FALSE(in("fd00::/8", "fe00::"));
  CHECK(in("::1/128", "::1"));
  CHECK_FALSE(in("::1/128", "::2"));
  CHECK(in("2001:db8::/33", "2001:db8:7fff::1"));
  CHECK_FALSE(in("2001:db8::/33", "2001:db8:8000::1"));
  CHECK(in("::/0", "2001:db8::1"));
  CHECK_FALSE(in("::/0", "10.0.0.1"));      // IPv4 is not in an IPv6 range
  CHECK_FALSE(in("0.0.0.0/0", "::1"));      // nor the reverse
  CHECK_FALSE(in("::/0", "::ffff:1.2.3.4")); // mapped counts as IPv4
}

TEST_CASE("TrustedProxies: MAS defaults and parse errors") {
  auto proxies = TrustedProxies::mas_default();
  CHECK(proxies.ranges().size() == 6);
  for (const char* trusted : {"192.168.3.4", "172.20.0.1", "10.9.9.9", "127.0.0.1", "fd00::5", "::1"}) {
    CAPTURE(trusted);
    CHECK(proxies.contains(*IpAddress::parse(trusted)));
  }
  for (const char* untrusted : {"203.0.113.7", "172.32.0.1", "192.169.0.1", "2001:db8::1", "fe80::1"}) {
    CAPTURE(untrusted);
    CHECK_FALSE(proxies.contains(*IpAddress::parse(untrusted)));
  }
  CHECK_FALSE(TrustedProxies::parse({"10.0.0.0/8", "nonsense"}));
  CHECK_FALSE(TrustedProxies().contains(*IpAddress::parse("127.0.0.1")));
}

TEST_CASE("resolve_client_ip walks X-Forwarded-For from the right") {
  const auto proxies = TrustedProxies::mas_default();
  // Untrusted peer: its own address, whatever the header says.
  CHECK(resolve_client_ip("203.0.113.7", {"1.1.1.1"}, proxies) == "203.0.113.7");
  // Trusted peer without header: the peer.
  CHECK(resolve_client_ip("127.0.0.1", {}, proxies) == "127.0.0.1");
  CHECK(resolve_client_ip("::ffff:127.0.0.1", {}, proxies) == "127.0.0.1");
  // One proxy.
  CHECK(resolve_client_ip("10.0.0.2", {"198.51.100.4"}, proxies) == "198.51.100.4");
  // A spoofed leftmost entry is ignored: the nearest untrusted hop wins.
  CHECK(resolve_client_ip("10.0.0.2", {"6.6.6.6, 198.51.100.4, 10.0.0.9"}, proxies) ==
        "198.51.100.4");
  // Several header instances form one list.
  CHECK(resolve_client_ip("10.0.0.2", {"6.6.6.6, 198.51.100.4", "10.0.0.9"}, proxies) ==
        "198.51.100.4");
  // All trusted: the leftmost.
  CHECK(resolve_client_ip("10.0.0.2", {"192.168.0.5, 10.0.0.9"}, proxies) == "192.168.0.5");
  // Garbage stops the walk at the last trusted hop.
  CHECK(resolve_client_ip("10.0.0.2", {"198.51.100.4, garbage, 10.0.0.9"}, proxies) == "10.0.0.9");
  CHECK(resolve_client_ip("10.0.0.2", {"garbage"}, proxies) == "10.0.0.2");
  // Ports and brackets some proxies add.
  CHECK(resolve_client_ip("10.0.0.2", {"198.51.100.4:5555"}, proxies) == "198.51.100.4");
  CHECK(resolve_client_ip("10.0.0.2", {"[2001:db8::7]:443"}, proxies) == "2001:db8::7");
  CHECK(resolve_client_ip("::1", {" 2001:db8::7 "}, proxies) == "2001:db8::7");
  // Empty entries are skipped.
  CHECK(resolve_client_ip("10.0.0.2", {"198.51.100.4,,"}, proxies) == "198.51.100.4");
  // An unparsable peer is passed through.
  CHECK(resolve_client_ip("unix-socket", {"1.1.1.1"}, proxies) == "unix-socket");
  // Nobody trusted: header ignored.
  CHECK(resolve_client_ip("127.0.0.1", {"1.1.1.1"}, TrustedProxies()) == "127.0.0.1");
}

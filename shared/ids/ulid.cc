#include "shared/ids/ulid.h"

#include "shared/crypto/encoding.h"
#include "shared/crypto/random.h"

namespace gatehouse::ids {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::uint64_t kMaxTimestamp = (std::uint64_t{1} << 48) - 1;

// Crockford value of c, case-insensitive; -1 for anything else, including
// the letters the alphabet leaves out (I L O U).
int crockford_value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  auto pos = kCrockford.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

Ulid from_parts(std::uint64_t ms, const std::array<std::uint8_t, 10>& r) {
  std::array<std::uint8_t, 16> bytes{};
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
  for (int i = 0; i < 10; ++i) bytes[6 + i] = r[i];
  return Ulid::from_bytes(bytes);
}

std::array<std::uint8_t, 10> random_part() {
  std::string raw = crypto::random_bytes(10);
  std::array<std::uint8_t, 10> r{};
  for (int i = 0; i < 10; ++i) r[i] = static_cast<std::uint8_t>(raw[i]);
  return r;
}

}  // namespace

Ulid Ulid::generate(const Clock& clock) {
  static UlidGenerator generator;
  return generator.next(clock);
}

Result<Ulid> Ulid::from_timestamp_ms(std::uint64_t ms, const std::array<std::uint8_t, 10>& randomness) {
  if (ms > kMaxTimestamp) {
    return fail(ErrorCode::kInvalidInput, "timestamp out of ULID range", std::to_string(ms));
  }
  return from_parts(ms, randomness);
}

Result<Ulid> Ulid::from_timestamp_ms(std::uint64_t ms) { return from_timestamp_ms(ms, random_part()); }

Result<Ulid> Ulid::parse(std::string_view text) {
  if (text.size() != 26) return fail(ErrorCode::kInvalidInput, "a ULID has 26 characters");
  // 26 * 5 = 130 bits; the top two must be zero, so the first digit is 0-7.
  std::uint64_t hi = 0, lo = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int v = crockford_value(text[i]);
    if (v < 0) return fail(ErrorCode::kInvalidInput, "a ULID uses Crockford base32 (no I, L, O, U)");
    if (i == 0 && v > 7) return fail(ErrorCode::kInvalidInput, "ULID out of range (first character above 7)");
    // (hi:lo) = (hi:lo) << 5 | v
    hi = (hi << 5) | (lo >> 59);
    lo = (lo << 5) | static_cast<std::uint64_t>(v);
  }
  return Ulid(hi, lo);
}

Ulid Ulid::from_bytes(const std::array<std::uint8_t, 16>& bytes) {
  std::uint64_t hi = 0, lo = 0;
  for (int i = 0; i < 8; ++i) hi = (hi << 8) | bytes[i];
  for (int i = 8; i < 16; ++i) lo = (lo << 8) | bytes[i];
  return Ulid(hi, lo);
}

std::array<std::uint8_t, 16> Ulid::to_bytes() const {
  std::array<std::uint8_t, 16> out{};
  for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(hi_ >> (8 * (7 - i)));
  for (int i = 0; i < 8; ++i) out[8 + i] = static_cast<std::uint8_t>(lo_ >> (8 * (7 - i)));
  return out;
}

std::string Ulid::to_string() const {
  std::string out(26, '0');
  std::uint64_t hi = hi_, lo = lo_;
  for (int i = 25; i >= 0; --i) {
    out[i] = kCrockford[lo & 31];
    lo = (lo >> 5) | (hi << 59);
    hi >>= 5;
  }
  return out;
}

std::string Ulid::to_uuid_string() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  auto bytes = to_bytes();
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

Result<Ulid> Ulid::parse_uuid(std::string_view text) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') {
    return fail(ErrorCode::kInvalidInput, "malformed UUID");
  }
  std::string digits;
  for (char c : text)
    if (c != '-') digits += c;
  auto raw = crypto::hex_decode(digits);
  if (!raw || raw->size() != 16) return fail(ErrorCode::kInvalidInput, "malformed UUID");
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < 16; ++i) bytes[i] = static_cast<std::uint8_t>((*raw)[i]);
  return from_bytes(bytes);
}

Ulid Ulid::successor() const {
  std::uint64_t lo = lo_ + 1;
  std::uint64_t hi = hi_ + (lo == 0 ? 1 : 0);
  return Ulid(hi, lo);
}

Ulid UlidGenerator::next(const Clock& clock) {
  auto now = static_cast<std::uint64_t>(clock.unix_millis()) & kMaxTimestamp;
  auto fresh = from_parts(now, random_part());
  std::lock_guard<std::mutex> lock(mutex_);
  // Same millisecond, or a clock that stepped back: keep order by counting
  // up from the last ID. Carrying into the timestamp after 2^80 IDs in one
  // millisecond is harmless (the ID just looks 1 ms newer).
  last_ = now > last_.timestamp_ms() ? fresh : last_.successor();
  return last_;
}

bool is_ulid(std::string_view text) { return Ulid::parse(text).has_value(); }

}  // namespace gatehouse::ids

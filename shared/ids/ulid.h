// ULIDs (https://github.com/ulid/spec): the ID of every entity, as in MAS.
// 128 bits = 48-bit Unix time in milliseconds + 80 random bits, written as 26
// Crockford base32 characters ("01ARZ3NDEKTSV4RRFFQ69G5FAV"). Sorting the
// text, the bytes or the Ulid values sorts by creation time. PostgreSQL
// stores them as UUID (to_uuid_string / parse_uuid).
//
// Thread safety: Ulid is a plain value. UlidGenerator (and Ulid::generate,
// which uses a process-wide one) may be called from any thread.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "shared/core/clock.h"
#include "shared/core/error.h"

namespace gatehouse::ids {

class Ulid {
 public:
  // The nil ULID "00000000000000000000000000".
  Ulid() = default;

  // A new ULID at clock.unix_millis(), strictly greater than every ULID this
  // process generated before (see UlidGenerator).
  static Ulid generate(const Clock& clock);

  // A ULID for a past instant with caller-chosen randomness (syn2mas derives
  // IDs from Synapse timestamps, keeping time order). ms must be < 2^48,
  // else ErrorCode::kInvalidInput.
  static Result<Ulid> from_timestamp_ms(std::uint64_t ms, const std::array<std::uint8_t, 10>& randomness);
  // Same with fresh random bits.
  static Result<Ulid> from_timestamp_ms(std::uint64_t ms);

  // 26 characters of Crockford base32, either case. I, L, O, U are refused
  // (no aliasing: one text per ULID), and so is a first character above '7'
  // (the value would exceed 128 bits). Errors: ErrorCode::kInvalidInput.
  static Result<Ulid> parse(std::string_view text);

  // Big-endian 16 bytes, the UUID byte order MAS uses.
  static Ulid from_bytes(const std::array<std::uint8_t, 16>& bytes);
  std::array<std::uint8_t, 16> to_bytes() const;

  // "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lowercase, same 128 bits.
  std::string to_uuid_string() const;
  // Accepts the hyphenated form in either case. Errors: kInvalidInput.
  static Result<Ulid> parse_uuid(std::string_view text);

  // Upper-case canonical text, 26 characters.
  std::string to_string() const;
  std::uint64_t timestamp_ms() const { return hi_ >> 16; }
  bool is_nil() const { return hi_ == 0 && lo_ == 0; }

  // The next value (random part + 1, carrying into the timestamp).
  Ulid successor() const;

  friend auto operator<=>(const Ulid&, const Ulid&) = default;

 private:
  Ulid(std::uint64_t hi, std::uint64_t lo) : hi_(hi), lo_(lo) {}

  std::uint64_t hi_ = 0;  // 48-bit timestamp, then the top 16 random bits
  std::uint64_t lo_ = 0;  // the low 64 random bits
};

// Monotonic ULIDs: within one millisecond (or if the clock steps back) each
// new ULID is the previous one plus one, so IDs made in sequence sort in
// that sequence (the spec's monotonic mode). Thread-safe (a mutex).
class UlidGenerator {
 public:
  Ulid next(const Clock& clock);

 private:
  std::mutex mutex_;
  Ulid last_;
};

// True iff `text` is a ULID parse() accepts. For config validation.
bool is_ulid(std::string_view text);

}  // namespace gatehouse::ids

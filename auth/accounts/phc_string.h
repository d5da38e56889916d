// The PHC string format (github.com/P-H-C/phc-string-format) that argon2id
// and pbkdf2 hashes are stored in, e.g.
//   $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//   $pbkdf2-sha256$i=600000,l=32$<salt>$<hash>
// Salt and hash are base64 with the standard alphabet and no padding (the
// PHC "B64" encoding, which MAS's RustCrypto hashers also write).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::accounts {

struct PhcString {
  std::string id;                      // "argon2id", "pbkdf2-sha256"
  std::optional<std::uint32_t> version;  // the `v=` segment, if present
  std::vector<std::pair<std::string, std::string>> params;  // in written order
  std::string salt;                    // decoded bytes
  std::string hash;                    // decoded bytes

  // The value of `name`, or nullopt when absent.
  std::optional<std::string_view> param(std::string_view name) const;
  // `name` as a decimal integer in [min, max]. kCrypto when absent or not.
  Result<std::uint32_t> uint_param(std::string_view name, std::uint32_t min,
                                   std::uint32_t max) const;
};

// Parses `text`; salt and hash are required. Errors: kCrypto ("stored
// password hash is malformed") with the reason in the detail.
Result<PhcString> parse_phc(std::string_view text);

// The string form; params are written in their stored order.
std::string format_phc(const PhcString& phc);

// PHC B64: standard alphabet, no padding.
std::string phc_b64_encode(std::string_view bytes);
Result<std::string> phc_b64_decode(std::string_view text);

}  // namespace gatehouse::accounts

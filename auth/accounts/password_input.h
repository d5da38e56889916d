// The bytes a scheme actually hashes: the password, NFKC-normalised when the
// scheme says so, with the pepper appended for bcrypt and pbkdf2 (Synapse's
// `password + pepper`). Kept in a SecretBytes so the copy is wiped on
// destruction instead of lingering in freed heap memory.
//
// Thread safety: pure functions; SecretBytes is a value type.
#pragma once

#include <string>
#include <string_view>

#include "auth/accounts/password_scheme.h"
#include "shared/core/error.h"

namespace gatehouse::accounts {

// A string that zeroes its buffer when destroyed. Move-only.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::string bytes) : bytes_(std::move(bytes)) {}
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  std::string_view view() const { return bytes_; }
  // Mutable, NUL-terminated storage for C APIs that take `char*`/`uint8_t*`.
  char* data() { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }

 private:
  void wipe();
  std::string bytes_;
};

// NFKC (Unicode compatibility composition), as Python's
// unicodedata.normalize("NFKC", …) which Synapse applies. Errors:
// kInvalidInput when `utf8` is not well-formed UTF-8 (replacing bad bytes
// with U+FFFD would let different passwords collide).
Result<std::string> nfkc(std::string_view utf8);

enum class PepperUse { kAppend, kSeparate };

// NFKC when options.unicode_normalization, then `+ pepper` if kAppend.
Result<SecretBytes> prepare_password(const SchemeOptions& options, std::string_view password,
                                     PepperUse pepper_use);

}  // namespace gatehouse::accounts

#include "auth/accounts/password_input.h"

#include <openssl/crypto.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

namespace gatehouse::accounts {

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
  other.wipe();
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    other.wipe();
  }
  return *this;
}

SecretBytes::~SecretBytes() { wipe(); }

void SecretBytes::wipe() {
  // Short strings live inline in the object (SSO); either way data() covers
  // the live bytes. capacity() would be wider but is not guaranteed writable.
  if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
  bytes_.clear();
}

Result<std::string> nfkc(std::string_view utf8) {
  // u_strFromUTF8 reports ill-formed input as U_INVALID_CHAR_FOUND, whereas
  // UnicodeString::fromUTF8 would silently substitute U+FFFD.
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
    return fail(ErrorCode::kInvalidInput, "the password is not valid UTF-8");

  status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status))
    return fail(ErrorCode::kInternal, "Unicode normalisation is unavailable", u_errorName(status));
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString normalized = normalizer->normalize(source, status);
  if (U_FAILURE(status))
    return fail(ErrorCode::kInternal, "Unicode normalisation failed", u_errorName(status));
  std::string out;
  normalized.toUTF8String(out);
  // The UTF-16 copies hold the password too.
  source.remove();
  normalized.remove();
  return out;
}

Result<SecretBytes> prepare_password(const SchemeOptions& options, std::string_view password,
                                     PepperUse pepper_use) {
  SecretBytes normalized;
  if (options.unicode_normalization) {
    GH_TRY(normalized, nfkc(password).map([](std::string s) { return SecretBytes(std::move(s)); }));
  } else {
    normalized = SecretBytes(std::string(password));
  }
  std::string_view pepper =
      pepper_use == PepperUse::kAppend && options.pepper ? std::string_view(*options.pepper) : "";
  // Reserve first so appending never reallocates and leaves an unwiped copy.
  std::string bytes;
  bytes.reserve(normalized.size() + pepper.size());
  bytes.append(normalized.view()).append(pepper);
  return SecretBytes(std::move(bytes));
}

}  // namespace gatehouse::accounts

#include "auth/accounts/email_address.h"

#include <algorithm>
#include <string>

namespace gatehouse::accounts {
namespace {

constexpr std::size_t kMaxAddressBytes = 254;  // RFC 5321 path limit minus "<>"
constexpr std::size_t kMaxLocalBytes = 64;     // RFC 5321 §4.5.3.1.1

tl::unexpected<Error> invalid(std::string why) {
  return fail(ErrorCode::kInvalidInput, "invalid email address: " + std::move(why));
}

}  // namespace

Status validate_email(std::string_view address) {
  if (address.empty()) return invalid("it is empty");
  if (address.size() > kMaxAddressBytes) return invalid("it is longer than 254 characters");
  if (std::any_of(address.begin(), address.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return c <= 0x20 || c == 0x7F;
      }))
    return invalid("it contains a space or a control character");
  std::size_t at = address.find('@');
  if (at == std::string_view::npos) return invalid("it has no '@'");
  if (address.find('@', at + 1) != std::string_view::npos) return invalid("it has more than one '@'");
  std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (local.empty()) return invalid("nothing before the '@'");
  if (local.size() > kMaxLocalBytes) return invalid("the part before the '@' is longer than 64 characters");
  if (domain.empty()) return invalid("nothing after the '@'");
  if (domain.find('.') == std::string_view::npos) return invalid("the domain has no '.'");
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return invalid("the domain has an empty label");
  return ok();
}

}  // namespace gatehouse::accounts

// Headers and answers shared by every human page: X-Frame-Options: DENY
// and CSP frame-ancestors 'none' (no clickjacking of login or consent),
// no caching (pages hold CSRF secrets and personal data), no referrer (the
// URL of a consent page is not the client's business), nosniff.
// Thread safety: stateless.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>

namespace gatehouse::web {

// 200 (or `status`) text/html with the human-page headers. `script_nonce`
// non-empty allows exactly the inline scripts carrying that nonce.
void write_html(httplib::Response& res, int status, std::string body,
                std::string_view script_nonce = {});

// Sets Retry-After for a rate-limited answer; the whole seconds to wait
// (rounded up), for the page's message.
std::int64_t set_retry_after(httplib::Response& res, std::chrono::milliseconds wait);

// 303 See Other to `location` (after a POST the browser GETs it; from a GET
// it behaves as 302), with the human-page headers.
void redirect_to(httplib::Response& res, const std::string& location);

}  // namespace gatehouse::web

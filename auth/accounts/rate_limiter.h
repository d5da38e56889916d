// In-process rate limiting with MAS's semantics (`rate_limiting` config,
// crates/handlers/src/rate_limit.rs): a token bucket per key holding at most
// `burst` tokens, refilled continuously at `per_second` tokens per second;
// each attempt takes one token.
//
// Counters live in this process only: they reset when Gatehouse restarts and
// are not shared between several Gatehouse processes.
//
// Memory is bounded: a key whose bucket has refilled completely is the same
// as an unseen key, so such buckets are dropped; if `max_keys` buckets are
// still live, the fullest ones (the least restricted) are dropped first.
//
// Thread safety: check() may be called from any thread (one mutex per
// limiter; the critical section is a map lookup and some arithmetic).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shared/core/clock.h"

namespace gatehouse::accounts {

struct Limit {
  double burst = 1;       // bucket capacity; >= 1
  double per_second = 1;  // refill rate; > 0
};

struct RateDecision {
  bool allowed = true;
  // When denied: time until one token is available (rounded up to the
  // millisecond; never 0). Zero when allowed. Answered as Retry-After /
  // M_LIMIT_EXCEEDED's retry_after_ms.
  std::chrono::milliseconds retry_after{0};
};

class RateLimiter {
 public:
  // `clock` must outlive the limiter. A burst below 1 is treated as 1, a
  // rate <= 0 as the smallest positive rate (the config layer validates).
  RateLimiter(Limit limit, const Clock& clock, std::size_t max_keys = 100'000);

  // Takes one token from `key`'s bucket if it has one.
  RateDecision check(std::string_view key);

  // Live buckets (for tests and metrics).
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens;
    double updated_seconds;  // clock time the tokens were computed at
  };
  double now_seconds() const;
  double refilled(const Bucket& bucket, double now) const;
  void shrink(double now);  // requires mutex_

  Limit limit_;
  const Clock& clock_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// The `rate_limiting.login` pair, consulted before every password check
// (login, compat login, password change).
struct LoginRateLimits {
  // MAS defaults: per IP 3 / 0.05 (a token every 20 s); per account
  // 1800 / 0.5.
  static constexpr Limit kDefaultPerIp{3, 0.05};
  static constexpr Limit kDefaultPerAccount{1800, 0.5};

  LoginRateLimits(Limit per_ip_limit, Limit per_account_limit, const Clock& clock)
      : per_ip(per_ip_limit, clock), per_account(per_account_limit, clock) {}

  // The IP first, then the account, as MAS does: an IP already over its
  // limit does not use up the account's tokens. Denied if either denies.
  RateDecision check(std::string_view ip, std::string_view username);

  RateLimiter per_ip;
  RateLimiter per_account;
};

}  // namespace gatehouse::accounts

#include "auth/accounts/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gatehouse::accounts {
namespace {

constexpr double kMinRate = 1e-9;
// Share of live buckets dropped when the map is full of restricted keys, so
// that a flood of new keys costs amortised O(1) per key, not a scan each.
constexpr double kEvictShare = 0.1;

}  // namespace

RateLimiter::RateLimiter(Limit limit, const Clock& clock, std::size_t max_keys)
    : limit_{std::max(1.0, limit.burst), std::max(kMinRate, limit.per_second)},
      clock_(clock),
      max_keys_(std::max<std::size_t>(1, max_keys)) {}

double RateLimiter::now_seconds() const {
  return std::chrono::duration<double>(clock_.now().time_since_epoch()).count();
}

double RateLimiter::refilled(const Bucket& bucket, double now) const {
  // A clock stepping backwards refills nothing rather than draining.
  double elapsed = std::max(0.0, now - bucket.updated_seconds);
  return std::min(limit_.burst, bucket.tokens + elapsed * limit_.per_second);
}

RateDecision RateLimiter::check(std::string_view key) {
  double now = now_seconds();
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) shrink(now);
    it = buckets_.emplace(std::string(key), Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  bucket.tokens = refilled(bucket, now);
  bucket.updated_seconds = std::max(bucket.updated_seconds, now);
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {true, std::chrono::milliseconds(0)};
  }
  double wait_ms = std::ceil((1.0 - bucket.tokens) / limit_.per_second * 1000.0);
  return {false, std::chrono::milliseconds(std::max<std::int64_t>(
                     1, static_cast<std::int64_t>(std::min(wait_ms, 1e15))))};
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::shrink(double now) {
  std::erase_if(buckets_, [&](const auto& entry) { return refilled(entry.second, now) >= limit_.burst; });
  if (buckets_.size() < max_keys_) return;
  // Every bucket is still restricted: forget the fullest ones.
  std::vector<std::pair<double, const std::string*>> by_tokens;
  by_tokens.reserve(buckets_.size());
  for (const auto& [key, bucket] : buckets_) by_tokens.emplace_back(refilled(bucket, now), &key);
  std::size_t drop = std::max<std::size_t>(1, static_cast<std::size_t>(buckets_.size() * kEvictShare));
  std::nth_element(by_tokens.begin(), by_tokens.begin() + static_cast<std::ptrdiff_t>(drop - 1),
                   by_tokens.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> victims;
  victims.reserve(drop);
  for (std::size_t i = 0; i < drop; ++i) victims.push_back(*by_tokens[i].second);
  for (const std::string& key : victims) buckets_.erase(key);
}

RateDecision LoginRateLimits::check(std::string_view ip, std::string_view username) {
  RateDecision decision = per_ip.check(ip);
  if (!decision.allowed) return decision;
  return per_account.check(username);
}

}  // namespace gatehouse::accounts

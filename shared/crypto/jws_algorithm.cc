#include "shared/crypto/jws_algorithm.h"

#include <array>
#include <utility>

namespace gatehouse::crypto {
namespace {

constexpr std::array<std::pair<JwsAlgorithm, std::string_view>, 11> kNames{{
    {JwsAlgorithm::kRS256, "RS256"}, {JwsAlgorithm::kRS384, "RS384"},
    {JwsAlgorithm::kRS512, "RS512"}, {JwsAlgorithm::kPS256, "PS256"},
    {JwsAlgorithm::kPS384, "PS384"}, {JwsAlgorithm::kPS512, "PS512"},
    {JwsAlgorithm::kES256, "ES256"}, {JwsAlgorithm::kES384, "ES384"},
    {JwsAlgorithm::kHS256, "HS256"}, {JwsAlgorithm::kHS384, "HS384"},
    {JwsAlgorithm::kHS512, "HS512"},
}};

}  // namespace

std::string_view to_string(JwsAlgorithm alg) {
  for (const auto& [a, name] : kNames)
    if (a == alg) return name;
  return "unknown";
}

std::optional<JwsAlgorithm> parse_jws_algorithm(std::string_view name) {
  for (const auto& [a, n] : kNames)
    if (n == name) return a;
  return std::nullopt;
}

bool is_hmac(JwsAlgorithm alg) {
  return alg == JwsAlgorithm::kHS256 || alg == JwsAlgorithm::kHS384 || alg == JwsAlgorithm::kHS512;
}

const std::vector<JwsAlgorithm>& all_jws_algorithms() {
  static const std::vector<JwsAlgorithm> all = [] {
    std::vector<JwsAlgorithm> v;
    for (const auto& [a, name] : kNames) v.push_back(a);
    return v;
  }();
  return all;
}

}  // namespace gatehouse::crypto

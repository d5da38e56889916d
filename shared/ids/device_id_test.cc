#include "shared/ids/device_id.h"

#include <doctest/doctest.h>

#include <set>

namespace gatehouse::ids {
namespace {

TEST_CASE("device IDs are 10 alphanumerics and differ") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = generate_device_id();
    CHECK(id.size() == 10);
    for (char c : id) CHECK(((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')));
    seen.insert(id);
  }
  CHECK(seen.size() == 100);
}

}  // namespace
}  // namespace gatehouse::ids

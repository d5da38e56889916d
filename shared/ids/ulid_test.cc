#include "shared/ids/ulid.h"

#include <doctest/doctest.h>

#include <set>
#include <thread>
#include <vector>

namespace gatehouse::ids {
namespace {

TEST_CASE("parse and print the spec's example ULIDs") {
  // From the ULID spec README; timestamps decoded with python3:
  //   C='0123456789ABCDEFGHJKMNPQRSTVWXYZ'; n=0
  //   for c in s: n=n*32+C.index(c)
  //   print(n>>80)
  auto a = Ulid::parse("01ARZ3NDEKTSV4RRFFQ69G5FAV");
  REQUIRE(a);
  CHECK(a->timestamp_ms() == 1469922850259u);
  CHECK(a->to_string() == "01ARZ3NDEKTSV4RRFFQ69G5FAV");
  // python3: uuid.UUID(int=n)
  CHECK(a->to_uuid_string() == "01563e3a-b5d3-d676-4c61-efb99302bd5b");
  auto b = Ulid::parse("01ARYZ6S41TSV4RRFFQ69G5FAV");
  REQUIRE(b);
  CHECK(b->timestamp_ms() == 1469918176385u);
  CHECK(*b < *a);
}

TEST_CASE("parse accepts lower case and refuses I L O U, bad lengths and overflow") {
  CHECK(Ulid::parse("01arz3ndektsv4rrffq69g5fav").value().to_string() == "01ARZ3NDEKTSV4RRFFQ69G5FAV");
  for (const char* bad : {"01ARZ3NDEKTSV4RRFFQ69G5FAI", "01ARZ3NDEKTSV4RRFFQ69G5FAL",
                          "01ARZ3NDEKTSV4RRFFQ69G5FAO", "01ARZ3NDEKTSV4RRFFQ69G5FAU",
                          "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVV",
                          "01ARZ3NDEKTSV4RRFFQ69G5FA-", "81ARZ3NDEKTSV4RRFFQ69G5FAV", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(Ulid::parse(bad));
    CHECK_FALSE(is_ulid(bad));
  }
  CHECK(Ulid::parse("7ZZZZZZZZZZZZZZZZZZZZZZZZZ").value().to_string() == "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
  CHECK(is_ulid("00000000000000000000000000"));
  CHECK(Ulid().to_string() == "00000000000000000000000000");
  CHECK(Ulid().is_nil());
}

TEST_CASE("from_timestamp_ms places time and randomness; bytes and UUID round-trip") {
  std::array<std::uint8_t, 10> r{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  auto u = Ulid::from_timestamp_ms(1469918176385u, r);
  REQUIRE(u);
  CHECK(u->timestamp_ms() == 1469918176385u);
  auto bytes = u->to_bytes();
  CHECK(bytes[6] == 1);
  CHECK(bytes[15] == 10);
  CHECK(Ulid::from_bytes(bytes) == *u);
  CHECK(Ulid::parse(u->to_string()).value() == *u);
  CHECK(Ulid::parse_uuid(u->to_uuid_string()).value() == *u);
  CHECK(Ulid::parse_uuid("01563E3A-B5D3-D676-4C61-EFB99302BD5B").value().to_string() ==
        "01ARZ3NDEKTSV4RRFFQ69G5FAV");
  CHECK_FALSE(Ulid::parse_uuid("01563e3a-b5d3-d676-4c61_efb99302bd5b"));
  CHECK_FALSE(Ulid::from_timestamp_ms(std::uint64_t{1} << 48, r));
  auto random = Ulid::from_timestamp_ms(5);
  REQUIRE(random);
  CHECK(random->timestamp_ms() == 5);
}

TEST_CASE("generate uses the clock and is strictly increasing within a millisecond") {
  FakeClock clock(1'700'000'000'000);
  UlidGenerator gen;
  Ulid first = gen.next(clock);
  CHECK(first.timestamp_ms() == 1'700'000'000'000u);
  Ulid prev = first;
  for (int i = 0; i < 1000; ++i) {
    Ulid next = gen.next(clock);
    CHECK(next == prev.successor());
    prev = next;
  }
  clock.advance(std::chrono::milliseconds(1));
  Ulid later = gen.next(clock);
  CHECK(later.timestamp_ms() == 1'700'000'000'001u);
  CHECK(later > prev);
  // A clock stepping back still yields increasing IDs.
  clock.set_unix_millis(1'600'000'000'000);
  CHECK(gen.next(clock) > later);
  // The process-wide generator too.
  Ulid g1 = Ulid::generate(clock);
  Ulid g2 = Ulid::generate(clock);
  CHECK(g1 < g2);
}

TEST_CASE("successor carries from the random part into the timestamp") {
  auto max_random = Ulid::parse("01ARZ3NDEKZZZZZZZZZZZZZZZZ").value();
  auto next = max_random.successor();
  CHECK(next.timestamp_ms() == max_random.timestamp_ms() + 1);
  CHECK(next.to_string() == "01ARZ3NDEM0000000000000000");
}

TEST_CASE("concurrent generation yields unique, per-thread increasing IDs") {
  FakeClock clock;
  UlidGenerator gen;
  constexpr int kThreads = 4, kEach = 2000;
  std::vector<std::vector<Ulid>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) made[t].push_back(gen.next(clock));
    });
  }
  for (auto& th : threads) th.join();
  std::set<Ulid> all;
  for (const auto& list : made) {
    for (std::size_t i = 1; i < list.size(); ++i) CHECK(list[i - 1] < list[i]);
    all.insert(list.begin(), list.end());
  }
  CHECK(all.size() == kThreads * kEach);
}

}  // namespace
}  // namespace gatehouse::ids

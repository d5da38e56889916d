#include "shared/config/tree.h"

#include <doctest/doctest.h>

#include "shared/config/test_files.h"

namespace gatehouse::config {
namespace {

using nlohmann::json;

TEST_CASE("YAML plain scalars are typed by the core schema; quoted ones stay strings") {
  auto v = parse_yaml(
      "a: 5\nb: \"5\"\nc: '5'\nd: true\ne: ~\nf: 1.5\ng: hello\nh: !!str 7\ni: |\n  x\n"
      "j: 0x10\nk: -3\nl: null\n",
      "t.yaml");
  REQUIRE(v);
  CHECK((*v)["a"] == json(5));
  CHECK((*v)["b"] == json("5"));
  CHECK((*v)["c"] == json("5"));
  CHECK((*v)["d"] == json(true));
  CHECK((*v)["e"].is_null());
  CHECK((*v)["f"] == json(1.5));
  CHECK((*v)["g"] == json("hello"));
  CHECK((*v)["h"] == json("7"));
  CHECK((*v)["i"] == json("x\n"));
  CHECK((*v)["j"] == json(16));
  CHECK((*v)["k"] == json(-3));
  CHECK((*v)["l"].is_null());
}

TEST_CASE("YAML and TOML syntax errors name the file and line") {
  auto y = parse_yaml("a: [1, 2\n", "bad.yaml");
  REQUIRE(!y);
  CHECK(y.error().message.find("bad.yaml: invalid YAML") == 0);
  auto t = parse_toml("a = \n", "bad.toml");
  REQUIRE(!t);
  CHECK(t.error().message.find("bad.toml: invalid TOML at line 1") == 0);
}

TEST_CASE("TOML keeps its types") {
  auto v = parse_toml("a = 5\nb = \"5\"\n[s]\nlist = [1, 2]\nflag = false\n", "t.toml");
  REQUIRE(v);
  CHECK((*v)["a"] == json(5));
  CHECK((*v)["b"] == json("5"));
  CHECK((*v)["s"]["list"] == json::array({1, 2}));
  CHECK((*v)["s"]["flag"] == json(false));
}

TEST_CASE("read_file picks the syntax by extension and rejects others") {
  testing::TempDir dir;
  CHECK(read_file(dir.write("a.yml", "x: 1\n")).value()["x"] == json(1));
  CHECK(read_file(dir.write("a.toml", "x = 1\n")).value()["x"] == json(1));
  CHECK(read_file(dir.write("empty.yaml", "")).value() == json::object());
  auto bad = read_file(dir.write("a.json", "{}"));
  REQUIRE(!bad);
  CHECK(bad.error().message.find("a.json: unknown config file type") != std::string::npos);
  auto missing = read_file(dir.path("missing.yaml"));
  REQUIRE(!missing);
  CHECK(missing.error().message.find("missing.yaml: cannot read") != std::string::npos);
  auto list = read_file(dir.write("list.yaml", "- 1\n"));
  REQUIRE(!list);
  CHECK(list.error().message.find("top level must be a map") != std::string::npos);
}

TEST_CASE("merge: maps merge, later scalars win, lists append; origins follow") {
  Tree tree;
  merge(tree, json::parse(R"({"m": {"a": 1, "b": 2}, "l": [1], "s": "x"})"), "one.yaml");
  merge(tree, json::parse(R"({"m": {"b": 3, "c": 4}, "l": [2, 3], "s": "y"})"), "two.yaml");
  CHECK(tree.root["m"] == json::parse(R"({"a": 1, "b": 3, "c": 4})"));
  CHECK(tree.root["l"] == json::array({1, 2, 3}));
  CHECK(tree.root["s"] == json("y"));
  CHECK(tree.file_of("m.a") == "one.yaml");
  CHECK(tree.file_of("m.b") == "two.yaml");
  CHECK(tree.file_of("l[0]") == "one.yaml");
  CHECK(tree.file_of("l[2]") == "two.yaml");
  CHECK(tree.file_of("l[2].deeper") == "two.yaml");
  CHECK(tree.file_of("absent.key") == "one.yaml, two.yaml");
}

TEST_CASE("a replaced map forgets the origins of its old keys") {
  Tree tree;
  merge(tree, json::parse(R"({"m": {"a": 1}})"), "one.yaml");
  merge(tree, json::parse(R"({"m": 5})"), "two.yaml");
  CHECK(tree.file_of("m.a") == "two.yaml");
}

}  // namespace
}  // namespace gatehouse::config

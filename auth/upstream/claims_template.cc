#include "auth/upstream/claims_template.h"

#include <algorithm>
#include <cctype>

namespace gatehouse::auth::upstream {
namespace {

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Error template_error(std::string_view expression, const std::string& why) {
  return Error{ErrorCode::kInvalidInput,
               "in `{{ " + std::string(expression) + " }}`: " + why, ""};
}

// `user.a["b-c"].d` → {"user", "a", "b-c", "d"}.
Result<std::vector<std::string>> parse_path(std::string_view expr) {
  std::vector<std::string> path;
  std::size_t i = 0;
  auto ident = [&]() -> Result<std::string> {
    std::size_t start = i;
    while (i < expr.size() && is_ident_char(expr[i])) ++i;
    if (i == start) return tl::unexpected(template_error(expr, "expected a name"));
    return std::string(expr.substr(start, i - start));
  };
  GH_TRY(auto first, ident());
  path.push_back(std::move(first));
  while (i < expr.size()) {
    if (expr[i] == '.') {
      ++i;
      GH_TRY(auto key, ident());
      path.push_back(std::move(key));
    } else if (expr[i] == '[') {
      const char quote = i + 1 < expr.size() ? expr[i + 1] : '\0';
      if (quote != '"' && quote != '\'') {
        return tl::unexpected(template_error(expr, "expected a quoted key after `[`"));
      }
      const std::size_t close = expr.find(quote, i + 2);
      if (close == std::string_view::npos || close + 1 >= expr.size() || expr[close + 1] != ']') {
        return tl::unexpected(template_error(expr, "unterminated `[\"…\"]`"));
      }
      path.emplace_back(expr.substr(i + 2, close - i - 2));
      i = close + 2;
    } else {
      return tl::unexpected(template_error(
          expr, "only a path (a.b or a[\"b\"]) and filters are supported here"));
    }
  }
  return path;
}

std::string value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<ClaimsTemplate> ClaimsTemplate::compile(std::string_view text) {
  ClaimsTemplate out;
  out.source_ = std::string(text);
  if (text.find("{%") != std::string_view::npos) {
    return fail(ErrorCode::kInvalidInput,
                "`{% … %}` statements are not supported; use `{{ path | filter }}` expressions");
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out.segments_.push_back({std::string(text.substr(pos)), {}, {}});
      break;
    }
    if (open > pos) out.segments_.push_back({std::string(text.substr(pos, open - pos)), {}, {}});
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return fail(ErrorCode::kInvalidInput, "`{{` without its `}}`");
    }
    std::string_view inner = trim_view(text.substr(open + 2, close - open - 2));
    Segment segment;
    std::size_t bar = inner.find('|');
    GH_TRY(segment.path, parse_path(trim_view(inner.substr(0, bar))));
    while (bar != std::string_view::npos) {
      const std::size_t next = inner.find('|', bar + 1);
      const std::string_view name = trim_view(inner.substr(bar + 1, next - bar - 1));
      if (name == "lower") {
        segment.filters.push_back(Filter::kLower);
      } else if (name == "upper") {
        segment.filters.push_back(Filter::kUpper);
      } else if (name == "trim") {
        segment.filters.push_back(Filter::kTrim);
      } else if (name == "capitalize") {
        segment.filters.push_back(Filter::kCapitalize);
      } else {
        return tl::unexpected(template_error(
            inner, "unknown filter `" + std::string(name) +
                       "` (known: lower, upper, trim, capitalize)"));
      }
      bar = next;
    }
    out.segments_.push_back(std::move(segment));
    pos = close + 2;
  }
  return out;
}

std::string ClaimsTemplate::render(const nlohmann::json& context) const {
  std::string out;
  for (const Segment& segment : segments_) {
    if (segment.path.empty()) {
      out += segment.text;
      continue;
    }
    const nlohmann::json* node = &context;
    for (const std::string& key : segment.path) {
      if (!node->is_object()) {
        node = nullptr;
        break;
      }
      auto it = node->find(key);
      if (it == node->end()) {
        node = nullptr;
        break;
      }
      node = &*it;
    }
    std::string value = node ? value_text(*node) : "";
    for (Filter filter : segment.filters) {
      switch (filter) {
        case Filter::kLower:
          std::transform(value.begin(), value.end(), value.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          break;
        case Filter::kUpper:
          std::transform(value.begin(), value.end(), value.begin(),
                         [](unsigned char c) { return std::toupper(c); });
          break;
        case Filter::kTrim:
          value = std::string(trim_view(value));
          break;
        case Filter::kCapitalize:
          std::transform(value.begin(), value.end(), value.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          if (!value.empty()) value[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
          break;
      }
    }
    out += value;
  }
  return out;
}

}  // namespace gatehouse::auth::upstream

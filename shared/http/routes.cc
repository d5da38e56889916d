#include "shared/http/routes.h"

namespace gatehouse::http {
namespace {

// "/a/b/c" -> {"a","b","c"}; "/" -> {}; "/a/" -> {"a",""} (a trailing slash
// is a different path, as in MAS's router).
template <class F>
void for_each_segment(std::string_view path, F&& f) {
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.empty()) return;
  while (true) {
    auto slash = path.find('/');
    f(path.substr(0, slash));
    if (slash == std::string_view::npos) return;
    path.remove_prefix(slash + 1);
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view to_string(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
  }
  return "GET";
}

std::string_view PathParams::get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return {};
}

void Routes::add(std::string resource, Method method, std::string pattern, Handler handler) {
  add(std::move(resource), method, std::move(pattern),
      ParamHandler([h = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                            const PathParams&) { h(req, res); }));
}

void Routes::add(std::string resource, Method method, std::string pattern, ParamHandler handler) {
  routes_.push_back(Route{std::move(resource), method, std::move(pattern), std::move(handler)});
}

PathPattern::PathPattern(std::string_view prefix, std::string_view pattern) {
  while (prefix.ends_with('/')) prefix.remove_suffix(1);
  text_ = std::string(prefix) + std::string(pattern);
  if (text_.empty()) text_ = "/";
  for_each_segment(text_, [&](std::string_view segment) {
    Segment s;
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      s.placeholder = true;
      s.text = std::string(segment.substr(1, segment.size() - 2));
      if (s.text.ends_with("...")) {
        s.rest = true;
        s.text.resize(s.text.size() - 3);
      }
    } else {
      s.text = std::string(segment);
    }
    segments_.push_back(std::move(s));
  });
}

bool PathPattern::match(std::string_view raw_path, PathParams* params) const {
  std::size_t index = 0;
  bool matched = true;
  bool rest_taken = false;
  for_each_segment(raw_path, [&](std::string_view segment) {
    if (!matched || rest_taken) return;
    if (index >= segments_.size()) {
      matched = false;
      return;
    }
    const Segment& s = segments_[index++];
    if (!s.placeholder) {
      matched = segment == s.text;
      return;
    }
    if (segment.empty()) {
      matched = false;
      return;
    }
    if (s.rest) {
      // Everything from this segment on, decoded as one value.
      rest_taken = true;
      std::string_view rest(segment.data(),
                            static_cast<std::size_t>(raw_path.data() + raw_path.size() -
                                                     segment.data()));
      if (params) params->add(s.text, percent_decode(rest));
      return;
    }
    if (params) params->add(s.text, percent_decode(segment));
  });
  return matched && index == segments_.size();
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace gatehouse::http

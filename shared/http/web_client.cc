#include "shared/http/web_client.h"

namespace gatehouse::http {
namespace {

struct SplitUrl {
  std::string origin;  // scheme://host[:port]
  std::string path;    // with the query
};

Result<SplitUrl> split(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos ||
      (url.compare(0, scheme_end, "http") != 0 && url.compare(0, scheme_end, "https") != 0)) {
    return fail(ErrorCode::kInvalidInput, "not an http(s) URL: " + url);
  }
  const std::size_t path_start = url.find('/', scheme_end + 3);
  return SplitUrl{url.substr(0, path_start),
                  path_start == std::string::npos ? "/" : url.substr(path_start)};
}

httplib::Client client_for(const std::string& origin) {
  httplib::Client client(origin);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(5, 0);
  client.set_write_timeout(5, 0);
  client.set_follow_location(false);
  return client;
}

Result<WebReply> reply_of(const httplib::Result& res, const std::string& url) {
  if (!res) return fail(ErrorCode::kUnavailable, "no answer from " + url, httplib::to_string(res.error()));
  return WebReply{res->status, res->get_header_value("Content-Type"), res->body};
}

}  // namespace

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(name) + "=" + percent_encode(value);
  }
  return out;
}

Result<WebReply> web_get(const std::string& url, const httplib::Headers& headers) {
  GH_TRY(auto parts, split(url));
  auto client = client_for(parts.origin);
  return reply_of(client.Get(parts.path, headers), url);
}

Result<WebReply> web_post_form(const std::string& url, const std::string& form,
                               const httplib::Headers& headers) {
  GH_TRY(auto parts, split(url));
  auto client = client_for(parts.origin);
  return reply_of(client.Post(parts.path, headers, form, "application/x-www-form-urlencoded"), url);
}

Result<nlohmann::json> json_object_of(const WebReply& reply, std::string_view what) {
  if (reply.status != 200) {
    return fail(ErrorCode::kUnavailable,
                std::string(what) + " answered HTTP " + std::to_string(reply.status));
  }
  auto json = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return fail(ErrorCode::kUnavailable, std::string(what) + " did not answer a JSON object");
  }
  return json;
}

}  // namespace gatehouse::http

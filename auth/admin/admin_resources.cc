#include "auth/admin/admin_resources.h"

#include <charconv>
#include <ctime>

#include "shared/ids/ulid.h"

namespace gatehouse::auth::admin {
namespace {

constexpr std::int64_t kMaxPage = 1000;

nlohmann::json resource(std::string_view type, std::string_view collection, const std::string& id,
                        nlohmann::json attributes) {
  return {{"type", type},
          {"id", id},
          {"attributes", std::move(attributes)},
          {"links", {{"self", std::string(kBase) + "/" + std::string(collection) + "/" + id}}}};
}

nlohmann::json optional_text(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

std::string rfc3339(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(text, n);
  if (const auto millis = ms % 1000; millis != 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03d", static_cast<int>(millis));
    out += fraction;
  }
  return out + "Z";
}

nlohmann::json rfc3339(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(rfc3339(*ms)) : nlohmann::json(nullptr);
}

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS, then [.fraction], then Z or ±HH:MM.
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  auto is = [&](std::size_t at, char c) { return at < text.size() && text[at] == c; };
  const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  const auto hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
  if (!year || !month || !day || !hour || !minute || !second || !is(4, '-') || !is(7, '-') ||
      !(is(10, 'T') || is(10, 't')) || !is(13, ':') || !is(16, ':') || *month < 1 ||
      *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  std::int64_t millis = 0;
  if (is(at, '.')) {
    int scale = 100;
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
      millis += (text[at] - '0') * scale;
      scale /= 10;
    }
  }
  std::int64_t offset_seconds = 0;
  if (is(at, 'Z') || is(at, 'z')) {
    ++at;
  } else if (is(at, '+') || is(at, '-')) {
    const auto oh = digits(at + 1, 2), om = digits(at + 4, 2);
    if (!oh || !om || !is(at + 3, ':')) return std::nullopt;
    offset_seconds = (*oh * 3600 + *om * 60) * (text[at] == '+' ? 1 : -1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  const std::int64_t seconds = static_cast<std::int64_t>(timegm(&tm)) - offset_seconds;
  return seconds * 1000 + millis;
}

nlohmann::json user_resource(const storage::User& u) {
  return resource("user", "users", u.id,
                  {{"username", u.username},
                   {"created_at", rfc3339(u.created_at)},
                   {"locked_at", rfc3339(u.locked_at)},
                   {"deactivated_at", rfc3339(u.deactivated_at)},
                   {"admin", u.can_request_admin},
                   {"legacy_guest", u.is_guest}});
}

nlohmann::json oauth2_session_resource(const storage::OAuth2Session& s) {
  return resource("oauth2-session", "oauth2-sessions", s.id,
                  {{"created_at", rfc3339(s.created_at)},
                   {"finished_at", rfc3339(s.finished_at)},
                   {"user_id", optional_text(s.user_id)},
                   {"user_session_id", optional_text(s.user_session_id)},
                   {"client_id", s.client_id},
                   {"scope", s.scope},
                   {"user_agent", optional_text(s.user_agent)},
                   {"last_active_at", rfc3339(s.last_active_at)},
                   {"last_active_ip", optional_text(s.last_active_ip)}});
}

nlohmann::json compat_session_resource(const storage::CompatSession& s) {
  return resource("compat-session", "compat-sessions", s.id,
                  {{"user_id", s.user_id},
                   {"device_id", optional_text(s.device_id)},
                   {"user_session_id", optional_text(s.user_session_id)},
                   {"created_at", rfc3339(s.created_at)},
                   {"user_agent", optional_text(s.user_agent)},
                   {"last_active_at", rfc3339(s.last_active_at)},
                   {"last_active_ip", optional_text(s.last_active_ip)},
                   {"finished_at", rfc3339(s.finished_at)},
                   {"human_name", optional_text(s.human_name)}});
}

nlohmann::json user_session_resource(const storage::BrowserSession& s) {
  return resource("user-session", "user-sessions", s.id,
                  {{"created_at", rfc3339(s.created_at)},
                   {"finished_at", rfc3339(s.finished_at)},
                   {"user_id", s.user_id},
                   {"user_agent", optional_text(s.user_agent)},
                   {"last_active_at", nullptr},
                   {"last_active_ip", optional_text(s.last_active_ip)}});
}

nlohmann::json user_email_resource(const storage::UserEmail& e) {
  return resource("user-email", "user-emails", e.id,
                  {{"created_at", rfc3339(e.created_at)}, {"user_id", e.user_id}, {"email", e.email}});
}

nlohmann::json upstream_link_resource(const storage::UpstreamOAuthLink& l) {
  return resource("upstream-oauth-link", "upstream-oauth-links", l.id,
                  {{"created_at", rfc3339(l.created_at)},
                   {"provider_id", l.provider_id},
                   {"subject", l.subject},
                   {"user_id", optional_text(l.user_id)},
                   {"human_account_name", optional_text(l.human_account_name)}});
}

nlohmann::json oauth2_client_resource(const storage::OAuth2Client& c) {
  return resource("oauth2-client", "oauth2-clients", c.id,
                  {{"created_at", rfc3339(c.created_at)},
                   {"client_name", optional_text(c.client_name)},
                   {"client_uri", optional_text(c.client_uri)},
                   {"application_type", optional_text(c.application_type)},
                   {"static", c.is_static},
                   {"token_endpoint_auth_method", c.client_auth_method},
                   {"redirect_uris", c.redirect_uris},
                   {"grant_types", c.grant_types},
                   {"contacts", c.contacts},
                   {"logo_uri", optional_text(c.logo_uri)},
                   {"policy_uri", optional_text(c.policy_uri)},
                   {"tos_uri", optional_text(c.tos_uri)}});
}

nlohmann::json upstream_provider_resource(const config::UpstreamProviderConfig& p) {
  auto id = ids::Ulid::parse(p.id);
  return resource("upstream-oauth-provider", "upstream-oauth-providers", p.id,
                  {{"issuer", p.issuer.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.issuer)},
                   {"human_name", optional_text(p.human_name)},
                   {"brand_name", optional_text(p.brand_name)},
                   {"created_at", id ? nlohmann::json(rfc3339(static_cast<std::int64_t>(id->timestamp_ms())))
                                     : nlohmann::json(nullptr)},
                   {"disabled_at", nullptr},
                   {"enabled", p.enabled}});
}

nlohmann::json registration_token_resource(const storage::RegistrationToken& t, std::int64_t now_ms) {
  return resource("user-registration_token", "user-registration-tokens", t.id,
                  {{"token", t.token},
                   {"valid", t.usable(now_ms)},
                   {"usage_limit", t.usage_limit ? nlohmann::json(*t.usage_limit) : nlohmann::json(nullptr)},
                   {"times_used", t.times_used},
                   {"created_at", rfc3339(t.created_at)},
                   {"last_used_at", rfc3339(t.last_used_at)},
                   {"expires_at", rfc3339(t.expires_at)},
                   {"revoked_at", rfc3339(t.revoked_at)}});
}

nlohmann::json single_document(nlohmann::json resource) {
  nlohmann::json links = {{"self", resource["links"]["self"]}};
  return {{"data", std::move(resource)}, {"links", std::move(links)}};
}

tl::expected<PageRequest, AdminError> parse_page(const httplib::Request& req) {
  PageRequest page;
  if (req.has_param("page[first]")) {
    const auto text = req.get_param_value("page[first]");
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > kMaxPage) {
      return tl::unexpected(AdminError::bad_request("page[first] must be a number from 1 to 1000"));
    }
    page.first = n;
  }
  if (req.has_param("page[after]")) {
    page.after = req.get_param_value("page[after]");
    if (!ids::is_ulid(page.after)) {
      return tl::unexpected(AdminError::bad_request("page[after] must be the id (a ULID) of an item"));
    }
  }
  return page;
}

nlohmann::json page_document(std::vector<nlohmann::json> resources, std::int64_t count,
                             const std::string& path, const std::string& query,
                             const PageRequest& page, bool more) {
  const std::string base = std::string(kBase) + path + "?" + (query.empty() ? "" : query + "&");
  const std::string size = "page[first]=" + std::to_string(page.first);
  nlohmann::json links = {
      {"self", base + size + (page.after.empty() ? "" : "&page[after]=" + page.after)},
      {"first", base + size}};
  if (more && !resources.empty()) {
    links["next"] = base + size + "&page[after]=" + resources.back()["id"].get<std::string>();
  }
  return {{"meta", {{"count", count}}}, {"data", std::move(resources)}, {"links", std::move(links)}};
}

}  // namespace gatehouse::auth::admin

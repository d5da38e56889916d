#include "auth/web/upstream_pages.h"

namespace gatehouse::web {

std::string upstream_callback_url(const WebContext& ctx, std::string_view provider_id) {
  return ctx.url("upstream/callback/" + std::string(provider_id));
}

std::vector<UpstreamButton> upstream_buttons(const WebContext& ctx, const Continuation& next) {
  std::vector<UpstreamButton> out;
  const std::string query = continuation_query(next);
  for (const auto& provider : ctx.upstream->all()) {
    std::string path = "upstream/authorize/" + provider.id();
    if (!query.empty()) path += "?" + query;
    out.push_back({provider.name(), ctx.url(path), provider.config.brand_name.value_or("")});
  }
  return out;
}

}  // namespace gatehouse::web

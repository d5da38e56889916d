#include "homeserver/context.h"

#include "homeserver/storage/device_repository.h"

namespace gatehouse::homeserver {
namespace {

introspection::DeviceExists device_lookup(std::shared_ptr<gatehouse::storage::Database> db) {
  return [db](std::string_view localpart, std::string_view device_id) -> Result<bool> {
    GH_TRY(auto tx, db->begin(gatehouse::storage::TxMode::kRead));
    GH_TRY(auto device, storage::devices::find(*tx, localpart, device_id));
    return device.has_value();
  };
}

}  // namespace

Context::Context(const config::HomeserverConfig& config_, const Clock& clock_,
                 std::shared_ptr<gatehouse::storage::Database> db_,
                 appservice::Registry appservices_)
    : config(config_),
      clock(clock_),
      db(std::move(db_)),
      appservices(std::move(appservices_)),
      auth_service(config.matrix_authentication_service.endpoint, "the auth service", 1 << 20, {},
                   config.matrix_authentication_service.socket),
      cache(clock, config.matrix_authentication_service.token_cache_max_entries,
            std::chrono::seconds(config.matrix_authentication_service.token_cache_ttl_seconds)),
      last_seen(db, clock),
      introspector(auth_service, config.matrix_authentication_service.secret),
      authenticator(config.server_name, config.matrix_authentication_service.secret, appservices,
                    introspector, cache, device_lookup(db), &last_seen) {}

std::string Context::user_id(std::string_view localpart) const {
  return "@" + std::string(localpart) + ":" + config.server_name;
}

std::optional<std::string> Context::local_localpart(std::string_view user_id) const {
  const std::string suffix = ":" + config.server_name;
  if (user_id.size() <= suffix.size() + 1 || user_id[0] != '@' || !user_id.ends_with(suffix)) {
    return std::nullopt;
  }
  return std::string(user_id.substr(1, user_id.size() - 1 - suffix.size()));
}

Result<std::unique_ptr<Context>> make_context(const config::HomeserverConfig& config,
                                              const Clock& clock,
                                              std::shared_ptr<gatehouse::storage::Database> db) {
  GH_TRY(auto appservices, appservice::Registry::load(config.app_service_config_files));
  return std::make_unique<Context>(config, clock, std::move(db), std::move(appservices));
}

}  // namespace gatehouse::homeserver

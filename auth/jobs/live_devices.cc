#include "auth/jobs/live_devices.h"

#include <algorithm>
#include <array>

#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::auth::jobs {
namespace {

using DeviceLister = Status (*)(storage::Transaction&, std::string_view user_id,
                                std::vector<std::string>& out);

Status oauth2_devices(storage::Transaction& tx, std::string_view user_id,
                      std::vector<std::string>& out) {
  GH_TRY(auto sessions, storage::oauth2_sessions::list_active_for_user(tx, user_id));
  for (const auto& s : sessions) {
    if (s.device_id) out.push_back(*s.device_id);
  }
  return ok();
}

Status compat_devices(storage::Transaction& tx, std::string_view user_id,
                      std::vector<std::string>& out) {
  GH_TRY(auto sessions, storage::compat_sessions::list_active_for_user(tx, user_id));
  for (const auto& s : sessions) {
    if (s.device_id) out.push_back(*s.device_id);
  }
  return ok();
}

constexpr std::array<DeviceLister, 2> kSessionKinds = {oauth2_devices, compat_devices};

}  // namespace

Result<std::vector<std::string>> live_devices(storage::Transaction& tx, std::string_view user_id) {
  std::vector<std::string> devices;
  for (const auto& list : kSessionKinds) GH_TRY_STATUS(list(tx, user_id, devices));
  std::sort(devices.begin(), devices.end());
  devices.erase(std::unique(devices.begin(), devices.end()), devices.end());
  return devices;
}

}  // namespace gatehouse::auth::jobs

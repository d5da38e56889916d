// Matrix device IDs for new sessions, as MAS's Device::generate makes them:
// 10 characters from [A-Za-z0-9]. Thread safety: callable from any thread.
#pragma once

#include <string>

namespace gatehouse::ids {

// A fresh random device ID (10 alphanumerics, ~59 bits).
std::string generate_device_id();

}  // namespace gatehouse::ids

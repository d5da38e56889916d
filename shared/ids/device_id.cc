#include "shared/ids/device_id.h"

#include "shared/crypto/random.h"

namespace gatehouse::ids {

std::string generate_device_id() { return crypto::random_alnum(10); }

}  // namespace gatehouse::ids

#include "shared/storage/value.h"

namespace gatehouse::storage {

std::string_view Value::type_name() const {
  switch (v_.index()) {
    case 0: return "null";
    case 1: return "int";
    case 2: return "double";
    case 3: return "bool";
    case 4: return "text";
    default: return "blob";
  }
}

}  // namespace gatehouse::storage

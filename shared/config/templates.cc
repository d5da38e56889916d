#include "shared/config/templates.h"

namespace gatehouse::config {

void decode(Section& s, TemplatesConfig& out) {
  s.get("path", out.path);
  for (const char* key : {"assets_manifest", "translations_path"}) s.unsupported(key);
}

}  // namespace gatehouse::config

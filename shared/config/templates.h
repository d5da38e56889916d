// `templates`: where the HTML page templates are read from.
// MAS: crates/config/src/sections/templates.rs (mas.md §5, §9).
#pragma once

#include <string>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct TemplatesConfig {
  // Directory holding base.html, login.html, ... Default empty: the
  // installed templates (share/gatehouse/templates), or the source tree's
  // when not installed. MAS's assets_manifest and translations_path are
  // reported as unsupported.
  std::string path;
};

void decode(Section& section, TemplatesConfig& out);

}  // namespace gatehouse::config

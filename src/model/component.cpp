#include "model/component.h"

namespace cradle {

ScanBlocker scan_blocker(const Component& component) {
  if (!component.purl) {
    return component.purl_text.empty() ? ScanBlocker::no_purl : ScanBlocker::invalid_purl;
  }
  if (component.purl->version.empty() && component.version.empty()) return ScanBlocker::no_version;
  return ScanBlocker::none;
}

}  // namespace cradle

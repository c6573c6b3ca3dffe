#include "model/component.h"

#include <algorithm>

namespace cradle {

ScanBlocker scan_blocker(const Component& component) {
  if (!component.purl) {
    return component.purl_text.empty() ? ScanBlocker::no_purl : ScanBlocker::invalid_purl;
  }
  if (component.purl->version.empty() && component.version.empty()) return ScanBlocker::no_version;
  return ScanBlocker::none;
}

std::string installed_version(const Component& component) {
  if (!component.purl || component.purl->version.empty()) return component.version;
  const Purl& purl = *component.purl;
  if (purl.type == "rpm" || purl.type == "deb") {
    const std::string_view epoch = purl.qualifier("epoch").value_or("");
    const bool numeric = !epoch.empty() && std::ranges::all_of(epoch, [](char c) {
      return c >= '0' && c <= '9';
    });
    if (numeric && epoch != "0" && purl.version.find(':') == std::string::npos) {
      return std::string(epoch) + ":" + purl.version;
    }
  }
  return purl.version;
}

}  // namespace cradle

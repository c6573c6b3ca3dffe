#include "model/vex.h"

namespace cradle {

std::string_view to_string(VexStatus status) {
  switch (status) {
    case VexStatus::not_affected: return "not_affected";
    case VexStatus::affected: return "affected";
    case VexStatus::fixed: return "fixed";
    case VexStatus::under_investigation: return "under_investigation";
  }
  return "under_investigation";
}

}  // namespace cradle

// The mandatory tests of CSAF 2.0 (OASIS CSAF Version 2.0, section 6.1): what a document must
// satisfy beyond its JSON schema for a CSAF consumer to accept it, such as product ids that are
// defined once and used only where defined, revision histories that agree with the document's
// version and status, scores that are what their CVSS vectors compute, and the additional rules
// of the VEX and security advisory profiles (6.1.27.x).
//
// Each test has its own result: passed, failed (with the JSON pointer and what is wrong for
// every failure), not applicable (the profile or precondition it tests does not hold), or cannot
// tell (cradle lacks what the test needs, and says what: 6.1.11 needs a CWE catalog to know
// whether an id exists and its name is right). A test that cannot tell is never reported as
// passed.
//
// What is checked as the standard says, and where cradle's reading is narrower:
// - 6.1.8 checks the CVSS objects against the rules of FIRST's CVSS v2.0 / v3.x JSON schemas that
//   CSAF references (required members, version, vector syntax, score range, enumerations);
// - 6.1.9 computes v2 and v3 base, temporal and environmental scores (analysis/cvss.h) and the
//   v3 severities; v2's temporal and environmental scores may be off by 0.1 where the product of
//   the weights is an exact rounding tie, which implementations round either way;
// - 6.1.12 checks language tags (BCP 47) for syntax and their language, script and region
//   subtags against ISO 639, ISO 15924 and ISO 3166-1 / UN M.49 (formats/language_subtags.h);
//   extlang and variant subtags are checked for syntax only;
// - 6.1.13 reads every purl with cradle's purl parser (model/purl.h), type rules included.
// The JSON schema itself is not part of these tests (cradle ships no copy of it; the tests of
// cradle's own CSAF output validate it with the BSI's validator, tests/consumers).
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "model/diagnostic.h"

namespace cradle {

enum class CsafTestStatus { passed, failed, not_applicable, cannot_tell };
std::string_view to_string(CsafTestStatus status);

struct CsafTestFailure {
  std::string json_pointer;
  std::string message;
};

struct CsafTestResult {
  std::string_view id;     // "6.1.27.9"
  std::string_view title;  // "Impact Statement", as the standard names the test
  CsafTestStatus status = CsafTestStatus::passed;
  std::string reason;  // not applicable / cannot tell: why
  std::vector<CsafTestFailure> failures;
};

// A CWE catalog (id -> name), for 6.1.11; see formats/cwe_catalog.h.
struct CweCatalog;

struct CsafCheckOptions {
  const CweCatalog* cwe_catalog = nullptr;
  ParseLimits limits = {};
};

struct CsafCheck {
  std::vector<Diagnostic>
      diagnostics;  // the document could not be read (malformed JSON, not CSAF 2.0)
  bool read = false;
  std::vector<CsafTestResult> results;  // every mandatory test, in the standard's order, once read

  std::size_t count(CsafTestStatus status) const;
  // Every test passed or was not applicable; nothing failed and nothing was left unknown.
  bool conformant() const {
    return read && count(CsafTestStatus::failed) == 0 && count(CsafTestStatus::cannot_tell) == 0;
  }
};

CsafCheck check_csaf_mandatory_tests(std::string_view bytes, std::string_view file,
                                     const CsafCheckOptions& options = {});

}  // namespace cradle

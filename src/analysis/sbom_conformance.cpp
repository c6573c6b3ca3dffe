#include "analysis/sbom_conformance.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <span>

#include "formats/spdx/license_expression.h"
#include "model/ascii.h"
#include "model/contact_point.h"
#include "model/date_time.h"

namespace cradle {
namespace {

constexpr SbomRequirement kNtia[] = {
    {"ntia.supplier",
     "Supplier name: the entity that creates, defines and identifies the component", true},
    {"ntia.name", "Component name: the name the supplier gives the component", true},
    {"ntia.version", "Version of the component: the supplier's identifier of this version", true},
    {"ntia.identifiers",
     "Other unique identifiers: a purl, CPE or SWID tag that looks the component up", true},
    {"ntia.dependencies",
     "Dependency relationship: which components are included in which, at least for the top level",
     false},
    {"ntia.author", "Author of SBOM data: the entity that creates the SBOM (a tool does not count)",
     false},
    {"ntia.timestamp", "Timestamp: the date and time the SBOM data was assembled (RFC 3339)",
     false},
};

// BSI TR-03183-2: the requirements both versions share are worded once; the licences and the
// format floor differ.
constexpr SbomRequirement kBsiFormat20{
    "bsi.format",
    "SBOM format (section 4): CycloneDX 1.5 or later, or SPDX 2.2.1 or later, as JSON "
    "or XML",
    false};
constexpr SbomRequirement kBsiFormat21{
    "bsi.format",
    "SBOM format (section 4): CycloneDX 1.6 or later, or SPDX 3.0.1 or later, as JSON "
    "or XML",
    false};
constexpr SbomRequirement kBsiSbomCreator{
    "bsi.sbom-creator",
    "Creator of the SBOM: the e-mail address of the entity that created the SBOM, else a URL (a "
    "name alone does not count)",
    false};
constexpr SbomRequirement kBsiTimestamp{
    "bsi.timestamp",
    "Timestamp: date and time of the SBOM data compilation (RFC 3339; UTC "
    "recommended)",
    false};
constexpr SbomRequirement kBsiSbomUri{
    "bsi.sbom-uri", "SBOM-URI (additional: required where it exists): the URI of this SBOM", false};
constexpr SbomRequirement kBsiCreator{
    "bsi.creator",
    "Component creator: the e-mail address of the entity that created and maintains the "
    "component, else a URL (a name alone does not count)",
    true};
constexpr SbomRequirement kBsiName{
    "bsi.name", "Component name: the name its creator gave it, else the actual filename", true};
constexpr SbomRequirement kBsiVersion{
    "bsi.version",
    "Component version: its creator's identifier of this version, else the file's "
    "modification date",
    true};
constexpr SbomRequirement kBsiFilename{
    "bsi.filename", "Filename of the component: the actual file name, not its path", true};
constexpr SbomRequirement kBsiDependencies20{
    "bsi.dependencies",
    "Dependencies on other components: every component it directly depends "
    "on or contains, enumerated",
    true};
constexpr SbomRequirement kBsiDependencies21{
    "bsi.dependencies",
    "Dependencies on other components: every component it directly depends "
    "on or contains, enumerated, and whether the enumeration is complete",
    true};
constexpr SbomRequirement kBsiAssociatedLicences{
    "bsi.licences",
    "Associated licences: the component's licences as SPDX identifiers or an SPDX "
    "expression (LicenseRef- where none is listed; not NONE or NOASSERTION)",
    true};
constexpr SbomRequirement kBsiDistributionLicences{
    "bsi.licences",
    "Distribution licences: the licences under which a licensee can use it, as SPDX identifiers "
    "or an SPDX expression (CycloneDX: acknowledgement 'concluded'; SPDX: concluded licence)",
    true};
constexpr SbomRequirement kBsiHash20{"bsi.hash",
                                     "Hash value of the executable component: its SHA-512", true};
constexpr SbomRequirement kBsiHash21{
    "bsi.hash", "Hash value of the deployable component: the SHA-512 of the file as delivered",
    true};
constexpr SbomRequirement kBsiExecutable{
    "bsi.executable", "Executable property: 'executable' or 'non-executable'", true};
constexpr SbomRequirement kBsiArchive{"bsi.archive", "Archive property: 'archive' or 'no archive'",
                                      true};
constexpr SbomRequirement kBsiStructured{
    "bsi.structured", "Structured property: 'structured' or 'unstructured'", true};
constexpr SbomRequirement kBsiSourceUri{
    "bsi.source-uri",
    "Source code URI (additional: required where it exists): the source of the "
    "version used, else its repository",
    true};
constexpr SbomRequirement kBsiDeployableUri{
    "bsi.deployable-uri",
    "URI of the deployable form of the component (additional: required "
    "where it exists): a direct download of it",
    true};
constexpr SbomRequirement kBsiIdentifiers{
    "bsi.identifiers",
    "Other unique identifiers (additional: required where they exist): a purl, "
    "CPE or SWID tag",
    true};
constexpr SbomRequirement kBsiConcludedLicences{
    "bsi.other-licences",
    "Concluded licences (additional: required where they exist): the "
    "licences the SBOM's creator concluded, as SPDX expressions",
    true};
constexpr SbomRequirement kBsiOriginalLicences{
    "bsi.other-licences",
    "Original licences (additional: required where they exist): the "
    "licences its creator assigned, as SPDX expressions (CycloneDX: "
    "acknowledgement 'declared'; SPDX: declared licence)",
    true};

constexpr SbomRequirement kBsi20[] = {
    kBsiFormat20,       kBsiSbomCreator,
    kBsiTimestamp,      kBsiSbomUri,
    kBsiCreator,        kBsiName,
    kBsiVersion,        kBsiFilename,
    kBsiDependencies20, kBsiAssociatedLicences,
    kBsiHash20,         kBsiExecutable,
    kBsiArchive,        kBsiStructured,
    kBsiSourceUri,      kBsiDeployableUri,
    kBsiIdentifiers,    kBsiConcludedLicences,
};
constexpr SbomRequirement kBsi21[] = {
    kBsiFormat21,       kBsiSbomCreator,
    kBsiTimestamp,      kBsiSbomUri,
    kBsiCreator,        kBsiName,
    kBsiVersion,        kBsiFilename,
    kBsiDependencies21, kBsiDistributionLicences,
    kBsiHash21,         kBsiExecutable,
    kBsiArchive,        kBsiStructured,
    kBsiSourceUri,      kBsiDeployableUri,
    kBsiIdentifiers,    kBsiOriginalLicences,
};

constexpr SbomRequirement kCra[] = {
    {"cra.format",
     "A commonly used machine-readable format (Annex I Part II (1)): CycloneDX or SPDX", false},
    {"cra.product",
     "The product the SBOM is drawn up for is named (cradle's reading: the "
     "component the SBOM describes)",
     false},
    {"cra.top-level",
     "At the very least the top-level dependencies (Annex I Part II (1)): the "
     "product's direct dependencies are listed",
     false},
    {"cra.identity", "Each component identified: a name and a version (cradle's reading)", true},
    {"cra.lookup",
     "Each component can be looked up for vulnerabilities: a purl or a CPE "
     "(cradle's reading)",
     true},
};

std::span<const SbomRequirement> requirements_of(SbomProfile profile) {
  switch (profile) {
    case SbomProfile::ntia:
      return kNtia;
    case SbomProfile::bsi_2_0:
      return kBsi20;
    case SbomProfile::bsi_2_1:
      return kBsi21;
    case SbomProfile::cra:
      return kCra;
  }
  return kNtia;
}

std::string label(const Component& component) {
  if (!component.purl_text.empty()) return component.purl_text;
  if (!component.name.empty()) {
    return component.version.empty() ? component.name
                                     : fmt::format("{}@{}", component.name, component.version);
  }
  return component.ref;
}

std::string relationships(const Sbom& sbom) {
  return fmt::format("{} relationship{}", sbom.dependencies.size(),
                     sbom.dependencies.size() == 1 ? "" : "s");
}

RequirementResult result(std::string_view id, std::size_t component, bool met, std::string detail) {
  return RequirementResult{id, component, met ? RequirementStatus::met : RequirementStatus::not_met,
                           std::move(detail)};
}

// What every check of one document needs, worked out once.
struct Facts {
  const Sbom& sbom;
  SbomProfile profile;
  absl::flat_hash_set<std::string_view> listed;  // refs whose dependency lists are stated
  absl::flat_hash_map<std::string_view, std::string_view> completeness;  // ref -> as written
  absl::flat_hash_map<std::string_view, std::size_t> edges_from;         // ref -> count

  Facts(const Sbom& document, SbomProfile checked) : sbom(document), profile(checked) {
    for (const std::string& ref : sbom.dependency_lists) listed.insert(ref);
    for (const DependencyCompleteness& c : sbom.dependency_completeness)
      completeness.try_emplace(c.ref, c.completeness);
    for (const Dependency& d : sbom.dependencies) ++edges_from[d.from];
  }
  bool spdx3() const {
    return sbom.format == SbomFormat::spdx && sbom.spec_version.starts_with("3");
  }
  bool v21() const { return profile == SbomProfile::bsi_2_1; }
};

// A check's outcome for one component; the detail is empty when it is met.
struct Outcome {
  RequirementStatus status;
  std::string detail;
};

Outcome met() { return Outcome{RequirementStatus::met, {}}; }
Outcome unmet(std::string detail) { return Outcome{RequirementStatus::not_met, std::move(detail)}; }
Outcome untold(std::string detail) {
  return Outcome{RequirementStatus::cannot_tell, std::move(detail)};
}

const std::string* property(const Component& c, std::string_view name) {
  for (const Property& p : c.details->properties) {
    if (p.name == name) return &p.value;
  }
  return nullptr;
}

Outcome check_contact(const std::vector<std::string>& contacts, std::string_view named,
                      std::string_view nobody) {
  if (std::ranges::any_of(contacts, [](const std::string& c) { return is_contact_point(c); }))
    return met();
  if (!contacts.empty())
    return unmet(fmt::format("'{}' is neither an e-mail address nor a web URL", contacts.front()));
  if (!named.empty())
    return unmet(fmt::format("'{}' is named, without an e-mail address or a URL", named));
  return unmet(std::string(nobody));
}

// Licence fields as the TR wants them: each a valid SPDX expression, NONE and NOASSERTION not.
// `additional`: an absent one cannot tell rather than fail.
Outcome check_licences(const std::vector<std::string>& licences, bool additional,
                       std::string_view absent) {
  if (licences.empty())
    return additional ? untold(std::string(absent)) : unmet(std::string(absent));
  for (const std::string& text : licences) {
    if (text == "NONE" || text == "NOASSERTION")
      return unmet(fmt::format("'{}' is not a licence the TR accepts", text));
    if (std::string problem = license_expression_error(text); !problem.empty())
      return unmet(std::move(problem));
  }
  return met();
}

// "1.6" >= "1.5", "3.0.1" >= "2.2": numeric dot-separated parts, a missing one as 0.
bool version_at_least(std::string_view version, std::string_view floor) {
  auto next = [](std::string_view& text) {
    unsigned number = 0;
    while (!text.empty() && is_ascii_digit(text.front())) {
      number = number * 10 + static_cast<unsigned>(text.front() - '0');
      text.remove_prefix(1);
    }
    if (!text.empty()) text.remove_prefix(1);  // the dot
    return number;
  };
  while (!version.empty() || !floor.empty()) {
    const unsigned have = next(version);
    const unsigned want = next(floor);
    if (have != want) return have > want;
  }
  return true;
}

bool is_vcs_url(std::string_view url) {
  return url.starts_with("git+") || url.starts_with("git://") || url.starts_with("svn+") ||
         url.starts_with("hg+") || url.starts_with("bzr+") || ascii_iends_with(url, ".git");
}

Outcome check_bsi_component(const SbomRequirement& requirement, const Component& c,
                            const Facts& facts) {
  const std::string_view id = requirement.id;
  const bool cyclonedx = facts.sbom.format == SbomFormat::cyclonedx;
  if (id == "bsi.creator") {
    std::string_view named = c.details->supplier.empty() ? std::string_view(c.details->author)
                                                         : std::string_view(c.details->supplier);
    return check_contact(c.details->contacts, named, "no creator, supplier or author is named");
  }
  if (id == "bsi.name") return c.name.empty() ? unmet("no name") : met();
  if (id == "bsi.version") return c.version.empty() ? unmet("no version") : met();
  if (id == "bsi.filename") {
    const std::string* name = cyclonedx                      ? property(c, "bsi:component:filename")
                              : c.details->file_name.empty() ? nullptr
                                                             : &c.details->file_name;
    if (name == nullptr) {
      if (facts.spdx3())
        return untold(
            "the TR puts it on a distribution artifact file (hasDistributionArtifact), "
            "which cradle does not follow");
      return unmet(cyclonedx ? "no property bsi:component:filename" : "no packageFileName");
    }
    if (name->empty()) return unmet("the filename is empty");
    if (name->find_first_of("/\\") != std::string::npos)
      return unmet(fmt::format("'{}' is a path, not a file name", *name));
    return met();
  }
  if (id == "bsi.dependencies") {
    if (c.ref.empty()) return unmet("it has no bom-ref, so no dependency list can name it");
    if (!facts.listed.contains(c.ref))
      return unmet("no list of its dependencies is stated (a leaf needs an empty one)");
    if (!facts.v21()) return met();
    auto completeness = facts.completeness.find(c.ref);
    if (completeness == facts.completeness.end()) {
      return unmet(cyclonedx ? "its dependencies are listed; no composition says how complete"
                             : "its dependencies are listed; no relationship says how complete");
    }
    return met();
  }
  if (id == "bsi.licences") {
    if (facts.v21()) {
      if (c.concluded_licenses.empty() && !c.declared_licenses.empty()) {
        return unmet(cyclonedx ? "licences are given, none with acknowledgement 'concluded'"
                               : "a declared licence is given, no concluded one");
      }
      return check_licences(c.concluded_licenses, false, "no licence");
    }
    return check_licences(c.concluded_licenses.empty() ? c.declared_licenses : c.concluded_licenses,
                          false, "no licence");
  }
  if (id == "bsi.other-licences") {
    return facts.v21() ? check_licences(c.declared_licenses, true, "no declared licence")
                       : check_licences(c.concluded_licenses, true, "no concluded licence");
  }
  if (id == "bsi.hash") {
    auto sha512 = [](const Hash& h) { return h.algorithm == "SHA-512"; };
    if (std::ranges::any_of(c.hashes, sha512)) return met();
    std::vector<std::string_view> given;
    for (const Hash& h : c.hashes) given.push_back(h.algorithm);
    for (const ExternalReference& r : c.external_references) {
      if (r.type != "distribution") continue;
      if (std::ranges::any_of(r.hashes, sha512)) {
        if (facts.v21()) return met();
        return unmet(
            "its SHA-512 is on its distribution reference, where v2.1 puts it; v2.0 "
            "asks for it among the component's hashes");
      }
      for (const Hash& h : r.hashes) given.push_back(h.algorithm);
    }
    if (facts.spdx3() && given.empty())
      return untold(
          "the package states no hash; the TR puts it on a distribution artifact file, "
          "which cradle does not follow");
    if (given.empty()) return unmet("no hash");
    std::ranges::sort(given);
    given.erase(std::ranges::unique(given).begin(), given.end());
    return unmet(fmt::format("no SHA-512 (given: {})", fmt::join(given, ", ")));
  }
  if (id == "bsi.executable" || id == "bsi.archive" || id == "bsi.structured") {
    if (!cyclonedx) {
      return untold(
          "SPDX has no field for it; the TR's mapping (annotations, a distribution "
          "artifact's purposes) is not read by cradle");
    }
    const std::string_view name = id == "bsi.executable" ? "bsi:component:executable"
                                  : id == "bsi.archive"  ? "bsi:component:archive"
                                                         : "bsi:component:structured";
    const std::array<std::string_view, 2> values =
        id == "bsi.executable" ? std::array<std::string_view, 2>{"executable", "non-executable"}
        : id == "bsi.archive"  ? std::array<std::string_view, 2>{"archive", "no archive"}
                               : std::array<std::string_view, 2>{"structured", "unstructured"};
    const std::string* value = property(c, name);
    if (value == nullptr) return unmet(fmt::format("no property {}", name));
    if (*value != values[0] && *value != values[1])
      return unmet(fmt::format("'{}' is neither '{}' nor '{}'", *value, values[0], values[1]));
    return met();
  }
  if (id == "bsi.source-uri") {
    for (const ExternalReference& r : c.external_references) {
      if (r.type == "vcs" || r.type == "source-distribution" ||
          (r.type == "distribution" && is_vcs_url(r.url)))
        return met();
    }
    return untold("none is stated; required only where one exists, which the SBOM cannot show");
  }
  if (id == "bsi.deployable-uri") {
    for (const ExternalReference& r : c.external_references) {
      if (r.type == "distribution" && !is_vcs_url(r.url)) return met();
    }
    return untold("none is stated; required only where one exists, which the SBOM cannot show");
  }
  if (id == "bsi.identifiers") {
    if (!c.purl_text.empty() || !c.details->cpes.empty()) return met();
    return untold(
        "no purl or CPE (cradle does not read SWID tags); required only where one "
        "exists");
  }
  return untold("cradle has no check for this requirement");
}

Outcome check_bsi_document(const SbomRequirement& requirement, const Facts& facts) {
  const Sbom& sbom = facts.sbom;
  const std::string_view id = requirement.id;
  if (id == "bsi.format") {
    const std::string stated =
        fmt::format("{} {} {}", to_string(sbom.format), sbom.spec_version, sbom.encoding);
    if (sbom.encoding != "JSON" && sbom.encoding != "XML" && sbom.encoding != "JSON-LD")
      return unmet(fmt::format("{}: the TR accepts JSON or XML only", stated));
    auto at_least = [&](std::string_view floor) {
      return version_at_least(sbom.spec_version, floor);
    };
    const bool recent_enough = sbom.format == SbomFormat::cyclonedx
                                   ? at_least(facts.v21() ? "1.6" : "1.5")
                                   // SPDX 2.2.1 documents state "SPDX-2.2", as 2.2 ones do.
                                   : at_least(facts.v21() ? "3.0.1" : "2.2");
    return recent_enough ? Outcome{RequirementStatus::met, stated}
                         : unmet(fmt::format("{}: older than the TR accepts", stated));
  }
  if (id == "bsi.sbom-creator") {
    Outcome outcome =
        check_contact(sbom.creator_contacts, sbom.creators.empty() ? "" : sbom.creators.front(),
                      sbom.tools.empty() ? "no creator is named"
                                         : "only tools are named, with no e-mail address or URL");
    if (outcome.status == RequirementStatus::met) {
      // An e-mail address, which the TR prefers, else a URL.
      auto email = std::ranges::find_if(sbom.creator_contacts, [](const std::string& c) {
        return is_contact_point(c) && !is_web_url(c);
      });
      outcome.detail = email != sbom.creator_contacts.end()
                           ? *email
                           : *std::ranges::find_if(sbom.creator_contacts, is_web_url);
    }
    return outcome;
  }
  if (id == "bsi.timestamp") {
    if (sbom.created.empty()) return unmet("no timestamp");
    if (!parse_rfc3339(sbom.created))
      return unmet(fmt::format("'{}' is not an RFC 3339 date-time", sbom.created));
    const bool utc = sbom.created.ends_with('Z') || sbom.created.ends_with('z') ||
                     sbom.created.ends_with("+00:00");
    return Outcome{
        RequirementStatus::met,
        utc ? sbom.created : fmt::format("{} (not UTC, which the TR recommends)", sbom.created)};
  }
  if (id == "bsi.sbom-uri") {
    if (sbom.serial_number.empty())
      return untold("none is stated; required only where one exists, which the SBOM cannot show");
    if (sbom.serial_number.find(':') == std::string::npos)
      return unmet(fmt::format("'{}' is not a URI", sbom.serial_number));
    return Outcome{RequirementStatus::met, sbom.serial_number};
  }
  return untold("cradle has no check for this requirement");
}

// Per component, a detail only where a requirement is not met: a large SBOM has 100,000 of them.
void check_ntia_component(const Component& c, std::size_t index,
                          std::vector<RequirementResult>& out) {
  auto add = [&](std::string_view id, bool met, std::string_view missing) {
    out.push_back(result(id, index, met, met ? std::string() : std::string(missing)));
  };
  add("ntia.supplier", !c.details->supplier.empty(),
      "no supplier (nor manufacturer or publisher) is named");
  add("ntia.name", !c.name.empty(), "no name");
  add("ntia.version", !c.version.empty(), "no version");
  add("ntia.identifiers", !c.purl_text.empty() || !c.details->cpes.empty(),
      "neither a purl nor a CPE (cradle does not read SWID tags)");
}

void check_ntia_document(const Sbom& sbom, std::vector<RequirementResult>& out) {
  // The top level: the dependencies of the component the SBOM describes, else any stated.
  const Component* described = described_component(sbom);
  const std::size_t top_level = described == nullptr
                                    ? 0
                                    : static_cast<std::size_t>(std::ranges::count(
                                          sbom.dependencies, described->ref, &Dependency::from));
  if (sbom.components.empty()) {
    out.push_back(RequirementResult{"ntia.dependencies", kTheDocument,
                                    RequirementStatus::not_applicable,
                                    "the SBOM lists no components"});
  } else if (top_level > 0) {
    out.push_back(result(
        "ntia.dependencies", kTheDocument, true,
        fmt::format("{}, {} of them from {}", relationships(sbom), top_level, label(*described))));
  } else if (!sbom.dependencies.empty()) {
    out.push_back(result("ntia.dependencies", kTheDocument, described == nullptr,
                         described == nullptr
                             ? fmt::format("{}; the SBOM names no single component it describes",
                                           relationships(sbom))
                             : fmt::format("{}, none from {}, the component the SBOM describes",
                                           relationships(sbom), label(*described))));
  } else {
    out.push_back(
        result("ntia.dependencies", kTheDocument, false, "no dependency relationship is stated"));
  }
  out.push_back(result(
      "ntia.author", kTheDocument, !sbom.creators.empty(),
      sbom.creators.empty()
          ? (sbom.tools.empty() ? std::string("no author is named")
                                : fmt::format("only tools are named ({})", sbom.tools.front()))
          : fmt::format("{}", fmt::join(sbom.creators, "; "))));
  if (sbom.created.empty()) {
    out.push_back(result("ntia.timestamp", kTheDocument, false, "no timestamp"));
  } else {
    const bool valid = parse_rfc3339(sbom.created).has_value();
    out.push_back(result(
        "ntia.timestamp", kTheDocument, valid,
        valid ? sbom.created : fmt::format("'{}' is not an RFC 3339 date-time", sbom.created)));
  }
}

void check_cra_component(const Component& c, std::size_t index,
                         std::vector<RequirementResult>& out) {
  const bool identified = !c.name.empty() && !c.version.empty();
  out.push_back(result("cra.identity", index, identified,
                       identified       ? std::string()
                       : c.name.empty() ? std::string("no name")
                                        : std::string("no version")));
  const bool lookup = !c.purl_text.empty() || !c.details->cpes.empty();
  out.push_back(
      result("cra.lookup", index, lookup, lookup ? std::string() : "neither a purl nor a CPE"));
}

void check_cra_document(const Facts& facts, std::vector<RequirementResult>& out) {
  const Sbom& sbom = facts.sbom;
  out.push_back(
      result("cra.format", kTheDocument, true,
             fmt::format("{} {} {}", to_string(sbom.format), sbom.spec_version, sbom.encoding)));
  const Component* product = described_component(sbom);
  out.push_back(result("cra.product", kTheDocument, product != nullptr,
                       product != nullptr ? label(*product)
                       : sbom.described_refs.size() > 1
                           ? fmt::format("the SBOM describes {} components, not one product",
                                         sbom.described_refs.size())
                           : std::string("the SBOM names no component it describes")));
  if (product == nullptr) {
    out.push_back(RequirementResult{"cra.top-level", kTheDocument, RequirementStatus::cannot_tell,
                                    "without the product, its direct dependencies are unknown"});
    return;
  }
  auto edges = facts.edges_from.find(product->ref);
  const std::size_t direct = edges == facts.edges_from.end() ? 0 : edges->second;
  if (direct > 0) {
    out.push_back(result("cra.top-level", kTheDocument, true,
                         fmt::format("{} direct dependenc{} of {}", direct,
                                     direct == 1 ? "y" : "ies", label(*product))));
  } else if (facts.listed.contains(product->ref)) {
    out.push_back(result("cra.top-level", kTheDocument, true,
                         fmt::format("{} is stated to have no dependencies", label(*product))));
  } else {
    out.push_back(result("cra.top-level", kTheDocument, false,
                         fmt::format("no dependency of {} is listed", label(*product))));
  }
}

void check_component(const Facts& facts, const Component& c, std::size_t index,
                     std::span<const SbomRequirement> requirements,
                     std::vector<RequirementResult>& out) {
  switch (facts.profile) {
    case SbomProfile::ntia:
      check_ntia_component(c, index, out);
      return;
    case SbomProfile::cra:
      check_cra_component(c, index, out);
      return;
    case SbomProfile::bsi_2_0:
    case SbomProfile::bsi_2_1:
      for (const SbomRequirement& requirement : requirements) {
        if (!requirement.per_component) continue;
        Outcome outcome = check_bsi_component(requirement, c, facts);
        out.push_back(
            RequirementResult{requirement.id, index, outcome.status, std::move(outcome.detail)});
      }
      return;
  }
}

void check_document(const Facts& facts, std::span<const SbomRequirement> requirements,
                    std::vector<RequirementResult>& out) {
  switch (facts.profile) {
    case SbomProfile::ntia:
      check_ntia_document(facts.sbom, out);
      return;
    case SbomProfile::cra:
      check_cra_document(facts, out);
      return;
    case SbomProfile::bsi_2_0:
    case SbomProfile::bsi_2_1:
      for (const SbomRequirement& requirement : requirements) {
        if (requirement.per_component) continue;
        Outcome outcome = check_bsi_document(requirement, facts);
        out.push_back(RequirementResult{requirement.id, kTheDocument, outcome.status,
                                        std::move(outcome.detail)});
      }
      return;
  }
}

}  // namespace

std::string_view to_string(SbomProfile profile) {
  return kSbomProfileNames[static_cast<std::size_t>(profile)];
}

std::optional<SbomProfile> parse_sbom_profile(std::string_view text) {
  auto found = std::ranges::find(kSbomProfileNames, text);
  if (found == std::end(kSbomProfileNames)) return std::nullopt;
  return static_cast<SbomProfile>(found - std::begin(kSbomProfileNames));
}

std::string_view to_string(RequirementStatus status) {
  switch (status) {
    case RequirementStatus::met:
      return "met";
    case RequirementStatus::not_met:
      return "not met";
    case RequirementStatus::not_applicable:
      return "not applicable";
    case RequirementStatus::cannot_tell:
      return "cannot tell";
  }
  return "cannot tell";
}

std::size_t ProfileCheck::count(RequirementStatus status) const {
  return static_cast<std::size_t>(std::ranges::count(results, status, &RequirementResult::status));
}

std::optional<double> ProfileCheck::score() const {
  const std::size_t counted = results.size() - count(RequirementStatus::not_applicable);
  if (counted == 0) return std::nullopt;
  return static_cast<double>(count(RequirementStatus::met)) / static_cast<double>(counted);
}

ProfileCheck check_sbom(const Sbom& sbom, SbomProfile profile) {
  ProfileCheck out;
  out.profile = profile;
  const std::span<const SbomRequirement> requirements = requirements_of(profile);
  out.requirements.assign(requirements.begin(), requirements.end());
  const std::size_t per_component = static_cast<std::size_t>(
      std::ranges::count(requirements, true, &SbomRequirement::per_component));
  const Facts facts(sbom, profile);
  std::vector<RequirementResult> unordered;
  unordered.reserve((sbom.components.size() + 1) * per_component + requirements.size());
  out.components.reserve(sbom.components.size() + 1);
  auto check = [&](const Component& component) {
    check_component(facts, component, out.components.size(), requirements, unordered);
    out.components.push_back(CheckedComponent{label(component), component.line});
  };
  if (sbom.primary_component) check(*sbom.primary_component);
  for (const Component& component : sbom.components) check(component);
  check_document(facts, requirements, unordered);
  // By requirement in the profile's order; within one, in document order.
  out.results.reserve(unordered.size());
  for (const SbomRequirement& requirement : out.requirements) {
    for (RequirementResult& r : unordered) {
      if (r.requirement == requirement.id) out.results.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace cradle

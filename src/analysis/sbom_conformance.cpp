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

constexpr SbomRequirement kNtiaSupplier{
    "ntia.supplier", "Supplier name: the entity that creates, defines and identifies the component",
    true};
constexpr SbomRequirement kNtiaName{
    "ntia.name", "Component name: the name the supplier gives the component", true};
constexpr SbomRequirement kNtiaVersion{
    "ntia.version", "Version of the component: the supplier's identifier of this version", true};
constexpr SbomRequirement kNtiaIdentifiers{
    "ntia.identifiers",
    "Other unique identifiers: a purl, CPE or SWID tag that looks the "
    "component up",
    true};
constexpr SbomRequirement kNtiaDependencies{
    "ntia.dependencies",
    "Dependency relationship: which components are included in which, at "
    "least for the top level",
    false};
constexpr SbomRequirement kNtiaAuthor{
    "ntia.author", "Author of SBOM data: the entity that creates the SBOM (a tool does not count)",
    false};
constexpr SbomRequirement kNtiaTimestamp{
    "ntia.timestamp", "Timestamp: the date and time the SBOM data was assembled (RFC 3339)", false};

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

constexpr SbomRequirement kCraFormat{
    "cra.format",
    "A commonly used machine-readable format (Annex I Part II (1)): CycloneDX or "
    "SPDX",
    false};
constexpr SbomRequirement kCraProduct{
    "cra.product",
    "The product the SBOM is drawn up for is named (cradle's reading: the "
    "component the SBOM describes)",
    false};
constexpr SbomRequirement kCraTopLevel{
    "cra.top-level",
    "At the very least the top-level dependencies (Annex I Part II (1)): the "
    "product's direct dependencies are listed",
    false};
constexpr SbomRequirement kCraIdentity{
    "cra.identity", "Each component identified: a name and a version (cradle's reading)", true};
constexpr SbomRequirement kCraLookup{
    "cra.lookup",
    "Each component can be looked up for vulnerabilities: a purl or a CPE "
    "(cradle's reading)",
    true};

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

// What every check of one document needs, worked out once.
struct Facts {
  const Sbom& sbom;
  SbomProfile profile;
  absl::flat_hash_set<std::string_view> listed;  // refs whose dependency lists are stated
  absl::flat_hash_map<std::string_view, std::string_view> completeness;  // ref -> as written
  absl::flat_hash_map<std::string_view, std::size_t> edges_from;         // ref -> count
  // BSI: a component whose list names a ref the SBOM does not declare -> the first such ref.
  absl::flat_hash_map<std::string_view, std::string_view> dangling;

  Facts(const Sbom& document, SbomProfile checked) : sbom(document), profile(checked) {
    for (const std::string& ref : sbom.dependency_lists) listed.insert(ref);
    for (const DependencyCompleteness& c : sbom.dependency_completeness)
      completeness.try_emplace(c.ref, c.completeness);
    for (const Dependency& d : sbom.dependencies) ++edges_from[d.from];
    if (profile == SbomProfile::bsi_2_0 || profile == SbomProfile::bsi_2_1) {
      absl::flat_hash_set<std::string_view> declared;
      declared.reserve(sbom.components.size() + 1);
      if (sbom.primary_component) declared.insert(sbom.primary_component->ref);
      for (const Component& c : sbom.components) declared.insert(c.ref);
      for (const Dependency& d : sbom.dependencies) {
        if (!declared.contains(d.to)) dangling.try_emplace(d.from, d.to);
      }
    }
  }
  bool spdx3() const {
    return sbom.format == SbomFormat::spdx && sbom.spec_version.starts_with("3");
  }
  bool v21() const { return profile == SbomProfile::bsi_2_1; }
};

// A check's outcome: a fixed text, or one of its own. The string_view forms of met/unmet/untold
// are for literals and constants, which outlive the check; a text made at run time is passed as
// a std::string, and kept.
struct Outcome {
  RequirementStatus status;
  std::string_view text;
  std::string owned;  // when the text is not a fixed one
};

Outcome met() { return Outcome{RequirementStatus::met, {}, {}}; }
Outcome met(std::string found) { return Outcome{RequirementStatus::met, {}, std::move(found)}; }
Outcome unmet(std::string_view fixed) { return Outcome{RequirementStatus::not_met, fixed, {}}; }
Outcome unmet(std::string detail) {
  return Outcome{RequirementStatus::not_met, {}, std::move(detail)};
}
Outcome unmet(const char* fixed) { return unmet(std::string_view(fixed)); }
Outcome untold(std::string_view fixed) {
  return Outcome{RequirementStatus::cannot_tell, fixed, {}};
}
Outcome untold(std::string) = delete;  // no text made at run time cannot tell yet
Outcome untold(const char* fixed) { return untold(std::string_view(fixed)); }

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
  return unmet(nobody);
}

// Licence fields as the TR wants them: each a valid SPDX expression, NONE and NOASSERTION not.
// `additional`: an absent one cannot tell rather than fail.
Outcome check_licences(const std::vector<std::string>& licences, bool additional,
                       std::string_view absent) {
  if (licences.empty()) return additional ? untold(absent) : unmet(absent);
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

// One function per requirement: a component's, or the document's.
using ComponentCheck = Outcome (*)(const Component&, const Facts&);
using DocumentCheck = Outcome (*)(const Facts&);

struct Rule {
  SbomRequirement requirement;
  ComponentCheck component = nullptr;  // for a per-component requirement
  DocumentCheck document = nullptr;    // for the document's
};

Outcome met_if(bool condition, std::string_view missing) {
  return condition ? met() : unmet(missing);
}

bool has_identifier(const Component& c) { return !c.purl_text.empty() || !c.details->cpes.empty(); }

// NTIA minimum elements.

Outcome ntia_supplier(const Component& c, const Facts&) {
  return met_if(!c.details->supplier.empty(),
                "no supplier (nor manufacturer or publisher) is named");
}
// A name and a version: what NTIA and BSI ask alike.
Outcome has_name(const Component& c, const Facts&) { return met_if(!c.name.empty(), "no name"); }
Outcome has_version(const Component& c, const Facts&) {
  return met_if(!c.version.empty(), "no version");
}
Outcome ntia_identifiers(const Component& c, const Facts&) {
  return met_if(has_identifier(c), "neither a purl nor a CPE (cradle does not read SWID tags)");
}

// The top level: the dependencies of the component the SBOM describes, else any stated.
Outcome ntia_dependencies(const Facts& facts) {
  const Sbom& sbom = facts.sbom;
  const Component* described = described_component(sbom);
  const std::size_t top_level = described == nullptr
                                    ? 0
                                    : static_cast<std::size_t>(std::ranges::count(
                                          sbom.dependencies, described->ref, &Dependency::from));
  if (sbom.components.empty())
    return Outcome{RequirementStatus::not_applicable, "the SBOM lists no components", {}};
  if (top_level > 0) {
    return met(
        fmt::format("{}, {} of them from {}", relationships(sbom), top_level, label(*described)));
  }
  if (sbom.dependencies.empty()) return unmet("no dependency relationship is stated");
  if (described == nullptr) {
    return met(
        fmt::format("{}; the SBOM names no single component it describes", relationships(sbom)));
  }
  return unmet(fmt::format("{}, none from {}, the component the SBOM describes",
                           relationships(sbom), label(*described)));
}

Outcome ntia_author(const Facts& facts) {
  const Sbom& sbom = facts.sbom;
  if (!sbom.creators.empty()) return met(fmt::format("{}", fmt::join(sbom.creators, "; ")));
  return unmet(sbom.tools.empty() ? std::string("no author is named")
                                  : fmt::format("only tools are named ({})", sbom.tools.front()));
}

Outcome ntia_timestamp(const Facts& facts) {
  const Sbom& sbom = facts.sbom;
  if (sbom.created.empty()) return unmet("no timestamp");
  if (!parse_rfc3339(sbom.created))
    return unmet(fmt::format("'{}' is not an RFC 3339 date-time", sbom.created));
  return met(sbom.created);
}

// BSI TR-03183-2.

Outcome bsi_format(const Facts& facts) {
  const Sbom& sbom = facts.sbom;
  const std::string stated =
      fmt::format("{} {} {}", to_string(sbom.format), sbom.spec_version, sbom.encoding);
  if (sbom.encoding != "JSON" && sbom.encoding != "XML" && sbom.encoding != "JSON-LD")
    return unmet(fmt::format("{}: the TR accepts JSON or XML only", stated));
  // SPDX 2.2.1 documents state "SPDX-2.2", as 2.2 ones do.
  const std::string_view floor = sbom.format == SbomFormat::cyclonedx
                                     ? (facts.v21() ? "1.6" : "1.5")
                                 : facts.v21() ? "3.0.1"
                                               : "2.2";
  if (!version_at_least(sbom.spec_version, floor))
    return unmet(fmt::format("{}: older than the TR accepts", stated));
  return met(stated);
}

Outcome bsi_sbom_creator(const Facts& facts) {
  const Sbom& sbom = facts.sbom;
  Outcome outcome =
      check_contact(sbom.creator_contacts, sbom.creators.empty() ? "" : sbom.creators.front(),
                    sbom.tools.empty() ? "no creator is named"
                                       : "only tools are named, with no e-mail address or URL");
  if (outcome.status == RequirementStatus::met) {
    // An e-mail address, which the TR prefers, else a URL.
    auto email = std::ranges::find_if(sbom.creator_contacts, [](const std::string& c) {
      return is_contact_point(c) && !is_web_url(c);
    });
    outcome.owned = email != sbom.creator_contacts.end()
                        ? *email
                        : *std::ranges::find_if(sbom.creator_contacts, is_web_url);
  }
  return outcome;
}

Outcome bsi_timestamp(const Facts& facts) {
  const std::string& created = facts.sbom.created;
  if (created.empty()) return unmet("no timestamp");
  if (!parse_rfc3339(created))
    return unmet(fmt::format("'{}' is not an RFC 3339 date-time", created));
  const bool utc = created.ends_with('Z') || created.ends_with('z') || created.ends_with("+00:00");
  return met(utc ? created : fmt::format("{} (not UTC, which the TR recommends)", created));
}

constexpr std::string_view kWhereItExists =
    "none is stated; required only where one exists, which the SBOM cannot show";

Outcome bsi_sbom_uri(const Facts& facts) {
  const std::string& serial = facts.sbom.serial_number;
  if (serial.empty()) return untold(kWhereItExists);
  if (serial.find(':') == std::string::npos) return unmet(fmt::format("'{}' is not a URI", serial));
  return met(serial);
}

Outcome bsi_creator(const Component& c, const Facts&) {
  const std::string& named = c.details->supplier.empty() ? c.details->author : c.details->supplier;
  return check_contact(c.details->contacts, named, "no creator, supplier or author is named");
}

Outcome bsi_filename(const Component& c, const Facts& facts) {
  const bool cyclonedx = facts.sbom.format == SbomFormat::cyclonedx;
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

Outcome bsi_dependencies(const Component& c, const Facts& facts) {
  if (c.ref.empty()) return unmet("it has no bom-ref, so no dependency list can name it");
  if (!facts.listed.contains(c.ref))
    return unmet("no list of its dependencies is stated (a leaf needs an empty one)");
  if (auto unknown = facts.dangling.find(c.ref); unknown != facts.dangling.end()) {
    return unmet(
        fmt::format("its list names '{}', which the SBOM does not declare", unknown->second));
  }
  if (!facts.v21() || facts.completeness.contains(c.ref)) return met();
  return unmet(facts.sbom.format == SbomFormat::cyclonedx
                   ? "its dependencies are listed; no composition says how complete"
                   : "its dependencies are listed; no relationship says how complete");
}

// v2.0: associated licences, the concluded ones else the declared; v2.1: distribution
// licences, the concluded ones.
Outcome bsi_licences(const Component& c, const Facts& facts) {
  if (!facts.v21()) {
    return check_licences(c.concluded_licenses.empty() ? c.declared_licenses : c.concluded_licenses,
                          false, "no licence");
  }
  if (c.concluded_licenses.empty() && !c.declared_licenses.empty()) {
    return unmet(facts.sbom.format == SbomFormat::cyclonedx
                     ? "licences are given, none with acknowledgement 'concluded'"
                     : "a declared licence is given, no concluded one");
  }
  return check_licences(c.concluded_licenses, false, "no licence");
}

// v2.0: concluded licences; v2.1: original licences, the declared ones.
Outcome bsi_other_licences(const Component& c, const Facts& facts) {
  return facts.v21() ? check_licences(c.declared_licenses, true, "no declared licence")
                     : check_licences(c.concluded_licenses, true, "no concluded licence");
}

Outcome bsi_hash(const Component& c, const Facts& facts) {
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

// A BSI property of the CycloneDX taxonomy that takes one of two values.
Outcome bsi_property(const Component& c, const Facts& facts, std::string_view name,
                     std::string_view yes, std::string_view no) {
  if (facts.sbom.format != SbomFormat::cyclonedx) {
    return untold(
        "SPDX has no field for it; the TR's mapping (annotations, a distribution "
        "artifact's purposes) is not read by cradle");
  }
  const std::string* value = property(c, name);
  if (value == nullptr) return unmet(fmt::format("no property {}", name));
  if (*value != yes && *value != no)
    return unmet(fmt::format("'{}' is neither '{}' nor '{}'", *value, yes, no));
  return met();
}
Outcome bsi_executable(const Component& c, const Facts& facts) {
  return bsi_property(c, facts, "bsi:component:executable", "executable", "non-executable");
}
Outcome bsi_archive(const Component& c, const Facts& facts) {
  return bsi_property(c, facts, "bsi:component:archive", "archive", "no archive");
}
Outcome bsi_structured(const Component& c, const Facts& facts) {
  return bsi_property(c, facts, "bsi:component:structured", "structured", "unstructured");
}

Outcome bsi_source_uri(const Component& c, const Facts&) {
  for (const ExternalReference& r : c.external_references) {
    if (r.type == "vcs" || r.type == "source-distribution" ||
        (r.type == "distribution" && is_vcs_url(r.url)))
      return met();
  }
  return untold(kWhereItExists);
}

Outcome bsi_deployable_uri(const Component& c, const Facts&) {
  for (const ExternalReference& r : c.external_references) {
    if (r.type == "distribution" && !is_vcs_url(r.url)) return met();
  }
  return untold(kWhereItExists);
}

Outcome bsi_identifiers(const Component& c, const Facts&) {
  if (has_identifier(c)) return met();
  return untold("no purl or CPE (cradle does not read SWID tags); required only where one exists");
}

// CRA, as cradle reads Annex I Part II (1).

Outcome cra_format(const Facts& facts) {
  const Sbom& sbom = facts.sbom;
  return met(fmt::format("{} {} {}", to_string(sbom.format), sbom.spec_version, sbom.encoding));
}

Outcome cra_product(const Facts& facts) {
  if (const Component* product = described_component(facts.sbom)) return met(label(*product));
  if (facts.sbom.described_refs.size() > 1) {
    return unmet(fmt::format("the SBOM describes {} components, not one product",
                             facts.sbom.described_refs.size()));
  }
  return unmet("the SBOM names no component it describes");
}

Outcome cra_top_level(const Facts& facts) {
  const Component* product = described_component(facts.sbom);
  if (product == nullptr) return untold("without the product, its direct dependencies are unknown");
  auto edges = facts.edges_from.find(product->ref);
  const std::size_t direct = edges == facts.edges_from.end() ? 0 : edges->second;
  if (direct > 0) {
    return met(fmt::format("{} direct dependenc{} of {}", direct, direct == 1 ? "y" : "ies",
                           label(*product)));
  }
  if (facts.listed.contains(product->ref))
    return met(fmt::format("{} is stated to have no dependencies", label(*product)));
  return unmet(fmt::format("no dependency of {} is listed", label(*product)));
}

Outcome cra_identity(const Component& c, const Facts&) {
  if (c.name.empty()) return unmet("no name");
  return met_if(!c.version.empty(), "no version");
}

Outcome cra_lookup(const Component& c, const Facts&) {
  return met_if(has_identifier(c), "neither a purl nor a CPE");
}

constexpr Rule kNtia[] = {
    {kNtiaSupplier, ntia_supplier},
    {kNtiaName, has_name},
    {kNtiaVersion, has_version},
    {kNtiaIdentifiers, ntia_identifiers},
    {kNtiaDependencies, nullptr, ntia_dependencies},
    {kNtiaAuthor, nullptr, ntia_author},
    {kNtiaTimestamp, nullptr, ntia_timestamp},
};

// The document's requirements first, then the components', as the TR's tables order them.
constexpr Rule kBsi20[] = {
    {kBsiFormat20, nullptr, bsi_format},
    {kBsiSbomCreator, nullptr, bsi_sbom_creator},
    {kBsiTimestamp, nullptr, bsi_timestamp},
    {kBsiSbomUri, nullptr, bsi_sbom_uri},
    {kBsiCreator, bsi_creator},
    {kBsiName, has_name},
    {kBsiVersion, has_version},
    {kBsiFilename, bsi_filename},
    {kBsiDependencies20, bsi_dependencies},
    {kBsiAssociatedLicences, bsi_licences},
    {kBsiHash20, bsi_hash},
    {kBsiExecutable, bsi_executable},
    {kBsiArchive, bsi_archive},
    {kBsiStructured, bsi_structured},
    {kBsiSourceUri, bsi_source_uri},
    {kBsiDeployableUri, bsi_deployable_uri},
    {kBsiIdentifiers, bsi_identifiers},
    {kBsiConcludedLicences, bsi_other_licences},
};
constexpr Rule kBsi21[] = {
    {kBsiFormat21, nullptr, bsi_format},
    {kBsiSbomCreator, nullptr, bsi_sbom_creator},
    {kBsiTimestamp, nullptr, bsi_timestamp},
    {kBsiSbomUri, nullptr, bsi_sbom_uri},
    {kBsiCreator, bsi_creator},
    {kBsiName, has_name},
    {kBsiVersion, has_version},
    {kBsiFilename, bsi_filename},
    {kBsiDependencies21, bsi_dependencies},
    {kBsiDistributionLicences, bsi_licences},
    {kBsiHash21, bsi_hash},
    {kBsiExecutable, bsi_executable},
    {kBsiArchive, bsi_archive},
    {kBsiStructured, bsi_structured},
    {kBsiSourceUri, bsi_source_uri},
    {kBsiDeployableUri, bsi_deployable_uri},
    {kBsiIdentifiers, bsi_identifiers},
    {kBsiOriginalLicences, bsi_other_licences},
};

constexpr Rule kCra[] = {
    {kCraFormat, nullptr, cra_format},
    {kCraProduct, nullptr, cra_product},
    {kCraTopLevel, nullptr, cra_top_level},
    {kCraIdentity, cra_identity},
    {kCraLookup, cra_lookup},
};

// A result of `check`; an outcome's own text is kept in the check's details.
RequirementResult result(std::string_view requirement, std::size_t component, Outcome outcome,
                         ProfileCheck& check) {
  std::string_view detail = outcome.text;
  if (!outcome.owned.empty()) detail = check.details.emplace_back(std::move(outcome.owned));
  return RequirementResult{requirement, component, outcome.status, detail};
}

std::span<const Rule> rules_of(SbomProfile profile) {
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

}  // namespace

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

namespace {

// The components a profile checks: the primary one first, then the inventory.
std::vector<const Component*> checked_components(const Sbom& sbom) {
  std::vector<const Component*> components;
  components.reserve(sbom.components.size() + 1);
  if (sbom.primary_component) components.push_back(&*sbom.primary_component);
  for (const Component& component : sbom.components) components.push_back(&component);
  return components;
}

// Every result of `profile` on `sbom`, by requirement in the profile's order and within one in
// document order: visit(rule, component index or kTheDocument, outcome).
template <typename Visit>
void for_each_result(const Sbom& sbom, SbomProfile profile,
                     const std::vector<const Component*>& components, Visit visit) {
  const Facts facts(sbom, profile);
  for (const Rule& rule : rules_of(profile)) {
    if (rule.document != nullptr) {
      visit(rule, kTheDocument, rule.document(facts));
      continue;
    }
    for (std::size_t i = 0; i < components.size(); ++i)
      visit(rule, i, rule.component(*components[i], facts));
  }
}

}  // namespace

ProfileCheck check_sbom(const Sbom& sbom, SbomProfile profile) {
  ProfileCheck out;
  out.profile = profile;
  const std::span<const Rule> rules = rules_of(profile);
  for (const Rule& rule : rules) out.requirements.push_back(rule.requirement);
  const std::size_t per_component = static_cast<std::size_t>(
      std::ranges::count_if(rules, [](const Rule& rule) { return rule.component != nullptr; }));
  const std::vector<const Component*> components = checked_components(sbom);
  out.components.reserve(components.size());
  for (const Component* component : components)
    out.components.push_back(CheckedComponent{label(*component), component->line});
  out.results.reserve(components.size() * per_component + rules.size());
  for_each_result(
      sbom, profile, components, [&](const Rule& rule, std::size_t component, Outcome outcome) {
        out.results.push_back(result(rule.requirement.id, component, std::move(outcome), out));
      });
  return out;
}

ConformanceTally tally_sbom(const Sbom& sbom, SbomProfile profile) {
  ConformanceTally tally;
  tally.profile = profile;
  for_each_result(sbom, profile, checked_components(sbom),
                  [&](const Rule&, std::size_t, const Outcome& outcome) {
                    ++tally.counts[static_cast<std::size_t>(outcome.status)];
                  });
  return tally;
}

std::string_view ConformanceTally::verdict() const {
  if (count(RequirementStatus::not_met) > 0) return "nonconformant";
  if (count(RequirementStatus::cannot_tell) > 0) return "undetermined";
  return "conformant";
}

std::vector<SbomConformance> check_conformance(const Sbom& sbom) {
  std::vector<SbomConformance> out;
  for (SbomProfile profile : kSbomProfiles) {
    const ConformanceTally tally = tally_sbom(sbom, profile);
    out.push_back(SbomConformance{std::string(to_string(profile)), std::string(tally.verdict()),
                                  tally.count(RequirementStatus::met),
                                  tally.count(RequirementStatus::not_met),
                                  tally.count(RequirementStatus::cannot_tell),
                                  tally.count(RequirementStatus::not_applicable)});
  }
  return out;
}

}  // namespace cradle

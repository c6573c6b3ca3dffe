#include "model/osv_package.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "model/ascii.h"

namespace cradle {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kPlainEcosystems{{
    {"cargo", "crates.io"},
    {"gem", "RubyGems"},
    {"nuget", "NuGet"},
    {"pub", "Pub"},
    {"hex", "Hex"},
    {"hackage", "Hackage"},
    {"cran", "CRAN"},
    {"conan", "ConanCenter"},
    {"bitnami", "Bitnami"},
    {"swift", "SwiftURL"},
    {"composer", "Packagist"},
    {"githubactions", "GitHub Actions"},
    {"golang", "Go"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kDebianCodenames{{
    {"jessie", "8"},
    {"stretch", "9"},
    {"buster", "10"},
    {"bullseye", "11"},
    {"bookworm", "12"},
    {"trixie", "13"},
    {"forky", "14"},
}};

std::string_view strip_prefix(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix) ? s.substr(prefix.size()) : s;
}

// "debian-12" -> "12", "bookworm" -> "12", "12.4" -> "12".
std::string debian_release(std::string_view distro) {
  distro = strip_prefix(distro, "debian-");
  for (auto [codename, number] : kDebianCodenames) {
    if (distro == codename) return std::string(number);
  }
  return std::string(distro.substr(0, distro.find('.')));
}

// "ubuntu-22.04" -> "22.04:LTS"; LTS releases are the even years' April releases.
std::string ubuntu_release(std::string_view distro) {
  distro = strip_prefix(distro, "ubuntu-");
  std::string release(distro);
  if (distro.size() == 5 && distro[2] == '.' && distro.substr(3) == "04" &&
      (distro[1] - '0') % 2 == 0) {
    release += ":LTS";
  }
  return release;
}

// "alpine-3.18.4" or "3.18.4" -> "v3.18".
std::string alpine_release(std::string_view distro) {
  distro = strip_prefix(distro, "alpine-");
  distro = strip_prefix(distro, "v");
  auto first_dot = distro.find('.');
  if (first_dot == std::string_view::npos) return std::string("v") + std::string(distro);
  auto second_dot = distro.find('.', first_dot + 1);
  return "v" + std::string(distro.substr(0, second_dot));
}

// "almalinux-8.9" -> "8".
std::string major_release(std::string_view distro) {
  auto dash = distro.rfind('-');
  if (dash != std::string_view::npos) distro = distro.substr(dash + 1);
  return std::string(distro.substr(0, distro.find('.')));
}

std::string with_release(std::string_view ecosystem, const std::string& release) {
  if (release.empty()) return std::string(ecosystem);
  return fmt::format("{}:{}", ecosystem, release);
}

// The source package named by the `upstream` qualifier: "openssl", "glibc@2.36-9" or, from
// rpm tools, "openssl-3.0.7-24.el9.src.rpm".
std::string upstream_source_name(std::string_view upstream, std::string_view type) {
  upstream = upstream.substr(0, upstream.find('@'));
  if (type == "rpm") return source_rpm_name(upstream);
  return std::string(upstream);
}

}  // namespace

std::string source_rpm_name(std::string_view file_name) {
  if (!file_name.ends_with(".src.rpm")) return std::string(file_name);
  file_name.remove_suffix(8);
  for (int dash = 0; dash < 2; ++dash) {
    auto at = file_name.rfind('-');
    if (at == std::string_view::npos) break;
    file_name = file_name.substr(0, at);
  }
  return std::string(file_name);
}

std::string pep503_normalize(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_separator_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_separator_run) out.push_back('-');
      in_separator_run = true;
      continue;
    }
    in_separator_run = false;
    out.push_back(ascii_lower(c));
  }
  return out;
}

std::expected<OsvPackage, Error> osv_package_for(const Purl& purl, std::string_view source_name) {
  const std::string qualified_name =
      purl.namespace_.empty() ? purl.name : purl.namespace_ + "/" + purl.name;

  if (purl.type == "npm") return OsvPackage{"npm", qualified_name};
  if (purl.type == "pypi") return OsvPackage{"PyPI", pep503_normalize(purl.name)};
  if (purl.type == "maven") {
    std::string ecosystem = "Maven";
    if (auto repository = purl.qualifier("repository_url")) {
      bool central = repository->find("repo.maven.apache.org") != std::string_view::npos ||
                     repository->find("repo1.maven.org") != std::string_view::npos;
      if (!central) ecosystem = fmt::format("Maven:{}", *repository);
    }
    return OsvPackage{ecosystem, purl.namespace_ + ":" + purl.name};
  }
  for (auto [type, ecosystem] : kPlainEcosystems) {
    if (purl.type == type) return OsvPackage{std::string(ecosystem), qualified_name};
  }

  // Distributions: source package, release from the `distro` qualifier.
  std::string name = purl.name;
  if (!source_name.empty()) {
    name = std::string(source_name);
  } else if (auto upstream = purl.qualifier("upstream"); upstream && !upstream->empty()) {
    name = upstream_source_name(*upstream, purl.type);
  }
  std::string distro(purl.qualifier("distro").value_or(""));
  const std::string& vendor = purl.namespace_;

  if (purl.type == "deb") {
    if (vendor == "debian") return OsvPackage{with_release("Debian", debian_release(distro)), name};
    if (vendor == "ubuntu") return OsvPackage{with_release("Ubuntu", ubuntu_release(distro)), name};
  } else if (purl.type == "apk") {
    if (vendor == "alpine") return OsvPackage{with_release("Alpine", alpine_release(distro)), name};
    if (vendor == "wolfi") return OsvPackage{"Wolfi", name};
    if (vendor == "chainguard") return OsvPackage{"Chainguard", name};
  } else if (purl.type == "rpm") {
    if (vendor == "redhat") return OsvPackage{"Red Hat", name};
    if (vendor == "suse" || vendor == "sles") return OsvPackage{"SUSE", name};
    if (vendor == "opensuse") return OsvPackage{"openSUSE", name};
    if (vendor == "almalinux") {
      return OsvPackage{with_release("AlmaLinux", major_release(distro)), name};
    }
    if (vendor == "rocky-linux" || vendor == "rocky") {
      return OsvPackage{with_release("Rocky Linux", major_release(distro)), name};
    }
    if (vendor == "mageia") return OsvPackage{with_release("Mageia", major_release(distro)), name};
    if (vendor == "openeuler") return OsvPackage{"openEuler", name};
  }
  std::string what = purl.namespace_.empty() || (purl.type != "deb" && purl.type != "apk" &&
                                                  purl.type != "rpm")
                         ? fmt::format("purl type '{}'", purl.type)
                         : fmt::format("'{}' packages from '{}'", purl.type, purl.namespace_);
  return std::unexpected(
      Error{ErrorCode::unsupported, fmt::format("OSV has no ecosystem for {}", what), {}});
}

void osv_package_key(std::string_view ecosystem, std::string_view name, std::string& out) {
  if (ecosystem == "PyPI") {
    out = pep503_normalize(name);
  } else {
    out.assign(name);
  }
}

}  // namespace cradle

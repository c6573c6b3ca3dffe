#include "formats/spdx/spdx2_tag_value.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "formats/spdx/spdx2_document.h"
#include "formats/text_position.h"
#include "model/ascii.h"

namespace cradle {
namespace {

struct TagLine {
  std::string_view tag;
  std::string_view value;
  SourceLocation at;  // of the value
};

std::string_view trim(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// Splits "A B C" into three words; nullopt when there are not exactly `count`.
std::optional<std::vector<std::string_view>> words(std::string_view s, std::size_t count) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < s.size()) {
    auto start = s.find_first_not_of(" \t", at);
    if (start == std::string_view::npos) break;
    auto end = s.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = s.size();
    // The last word takes the rest of the line (an external ref locator may hold spaces).
    if (out.size() + 1 == count) end = s.find_last_not_of(" \t") + 1;
    out.push_back(s.substr(start, end - start));
    at = end;
  }
  if (out.size() != count) return std::nullopt;
  return out;
}

class Spdx2TagValueParser {
 public:
  Spdx2TagValueParser(std::string_view file, SbomParseResult& result) : file_(file), result_(result) {}

  void parse(std::string_view text) {
    // A text file's byte-order mark is no part of its first tag (and no column an editor shows).
    if (text.starts_with(kUtf8ByteOrderMark)) text.remove_prefix(kUtf8ByteOrderMark.size());
    if (auto bad = first_invalid_utf8(text)) {
      error(position_at(text, *bad), "invalid UTF-8");
      return;
    }
    text_ = text;
    Sbom sbom;
    sbom.encoding = "tag-value";
    Spdx2Builder builder(
        sbom,
        [this](const SourceLocation& at, Severity severity, std::string message) {
          result_.diagnostics.push_back(
              Diagnostic{severity, std::string(file_), at, std::move(message)});
        },
        [this](std::size_t origin) { return relationship_at_[origin]; });
    builder_ = &builder;

    bool version_seen = false;
    std::size_t at = 0;
    while (at < text.size()) {
      auto line = next_tag_line(at);
      if (!line) {
        if (fatal_) return;
        continue;
      }
      if (!version_seen) {
        if (line->tag != "SPDXVersion") {
          error(line->at, "the first tag must be SPDXVersion");
          return;
        }
        if (!builder.set_version(line->value, line->at)) return;
        version_seen = true;
        continue;
      }
      handle(*line, sbom);
    }
    if (!version_seen) {
      error(SourceLocation{1, 1, {}}, "no SPDXVersion tag: not an SPDX tag-value document");
      return;
    }
    flush_package();
    builder.finish();
    result_.sbom = std::move(sbom);
  }

 private:
  enum class Section { document, package, file, snippet, license, other };

  void error(const SourceLocation& at, std::string message) {
    result_.diagnostics.push_back(
        Diagnostic{Severity::error, std::string(file_), at, std::move(message)});
  }

  // The next "Tag: value" from `at`, with <text>...</text> values spanning lines. Skips blank
  // lines and comments (returns nullopt for them and advances `at`).
  std::optional<TagLine> next_tag_line(std::size_t& at) {
    const auto [end, next] = line_end(at);
    std::string_view line = text_.substr(at, end - at);
    std::size_t line_start = at;
    int line_number = ++line_number_;
    at = next;
    auto here = [&](std::size_t offset) {
      return SourceLocation{line_number, static_cast<int>(offset - line_start) + 1, {}};
    };
    std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') return std::nullopt;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      error(here(line_start), fmt::format("expected 'Tag: value', found '{}'",
                                                        content.substr(0, 80)));
      return std::nullopt;
    }
    TagLine tag_line;
    tag_line.tag = trim(line.substr(0, colon));
    std::size_t value_start = line_start + colon + 1;
    std::string_view value = text_.substr(value_start, end - value_start);
    std::size_t skip = value.find_first_not_of(" \t");
    value_start += skip == std::string_view::npos ? value.size() : skip;
    tag_line.at = here(value_start);
    value = text_.substr(value_start, end - value_start);
    if (value.starts_with("<text>")) {
      auto close = text_.find("</text>", value_start + 6);
      if (close == std::string_view::npos) {
        error(tag_line.at, "<text> is not closed by </text>");
        fatal_ = true;
        at = text_.size();
        return std::nullopt;
      }
      tag_line.value = text_.substr(value_start + 6, close - value_start - 6);
      const auto [span_end, after] = line_end(close);
      at = after;
      // The lines the text value spans after its first one.
      line_number_ += line_breaks(text_.substr(end, span_end - end));
    } else {
      tag_line.value = trim(value);
    }
    return tag_line;
  }

  // Where the line from `from` ends, and where the next begins: a line ends at LF, CR LF or a
  // lone CR (classic Mac OS line endings, which some producers still write).
  std::pair<std::size_t, std::size_t> line_end(std::size_t from) const {
    const std::size_t end = text_.find_first_of("\r\n", from);
    if (end == std::string_view::npos) return {text_.size(), text_.size()};
    const bool crlf = text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n';
    return {end, end + (crlf ? 2 : 1)};
  }

  // The line breaks in `text`, each LF, CR LF or lone CR counted once.
  static int line_breaks(std::string_view text) {
    int breaks = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
        ++breaks;
      }
    }
    return breaks;
  }

  void flush_package() {
    if (!package_) return;
    Component& added = builder_->add_package(package_id_, [&] { return package_at_; });
    std::string ref = added.ref;
    added = std::move(*package_);
    added.ref = std::move(ref);
    added.line = static_cast<std::uint32_t>(package_at_.line);
    package_.reset();
    package_id_.clear();
  }

  void handle(const TagLine& line, Sbom& sbom) {
    const std::string_view tag = line.tag;
    const std::string_view value = line.value;
    if (tag == "PackageName") {
      flush_package();
      section_ = Section::package;
      package_.emplace();
      package_->name = std::string(value);
      package_->type = "library";
      package_at_ = SourceLocation{line.at.line, 1, {}};
      return;
    }
    if (tag == "FileName" || tag == "SnippetSPDXID" || tag == "LicenseID") {
      flush_package();
      section_ = tag == "FileName" ? Section::file
                 : tag == "LicenseID" ? Section::license
                                      : Section::snippet;
      if (tag == "SnippetSPDXID") builder_->add_other_element(value);
      return;
    }
    if (tag == "SPDXID") {
      if (section_ == Section::document) {
        builder_->set_document_id(value);
      } else if (section_ == Section::package) {
        package_id_ = std::string(value);
      } else {
        builder_->add_other_element(value);
      }
      return;
    }
    if (tag == "Relationship") {
      auto parts = words(value, 3);
      if (!parts) {
        error(line.at, "expected 'Relationship: ELEMENT TYPE ELEMENT'");
        return;
      }
      builder_->add_relationship((*parts)[0], (*parts)[1], (*parts)[2], relationship_at_.size());
      relationship_at_.push_back(line.at);
      return;
    }
    if (section_ == Section::document) {
      if (tag == "DocumentName") sbom.name = std::string(value);
      if (tag == "DocumentNamespace") sbom.serial_number = std::string(value);
      if (tag == "Creator") builder_->add_creator(value);
      if (tag == "Created") {
        sbom.created = std::string(value);
        sbom.evidence.produced_at = sbom.created;
      }
      return;
    }
    if (section_ != Section::package || !package_) return;
    Component& c = *package_;
    if (tag == "PackageVersion") {
      c.version = std::string(value);
    } else if (tag == "PackageSupplier") {
      builder_->set_supplier(c, value);
    } else if (tag == "PackageOriginator") {
      builder_->set_originator(c, value);
    } else if (tag == "PackageFileName") {
      c.details.edit().file_name = std::string(value);
    } else if (tag == "PackageSourceInfo") {
      builder_->set_source_info(c, value);
    } else if (tag == "PackageLicenseDeclared") {
      builder_->add_license(c.declared_licenses, value, [&] { return line.at; });
    } else if (tag == "PackageLicenseConcluded") {
      builder_->add_license(c.concluded_licenses, value, [&] { return line.at; });
    } else if (tag == "PackageDownloadLocation") {
      if (value != "NOASSERTION" && value != "NONE") {
        c.external_references.push_back(ExternalReference{"distribution", std::string(value)});
      }
    } else if (tag == "PackageHomePage") {
      if (value != "NOASSERTION" && value != "NONE") {
        c.external_references.push_back(ExternalReference{"website", std::string(value)});
      }
    } else if (tag == "PrimaryPackagePurpose") {
      c.type = std::string(value);
      for (char& ch : c.type) {
        ch = ch == '_' ? '-' : ascii_lower(ch);
      }
    } else if (tag == "PackageChecksum") {
      auto colon = value.find(':');
      if (colon == std::string_view::npos) {
        error(line.at, "expected 'PackageChecksum: ALGORITHM: VALUE'");
        return;
      }
      builder_->add_checksum(c, trim(value.substr(0, colon)), trim(value.substr(colon + 1)),
                             [&] { return line.at; });
    } else if (tag == "ExternalRef") {
      auto parts = words(value, 3);
      if (!parts) {
        error(line.at, "expected 'ExternalRef: CATEGORY TYPE LOCATOR'");
        return;
      }
      builder_->add_external_ref(c, (*parts)[0], (*parts)[1], (*parts)[2],
                                 [&] { return line.at; });
    }
  }

  std::string_view file_;
  SbomParseResult& result_;
  std::string_view text_;
  Spdx2Builder* builder_ = nullptr;
  Section section_ = Section::document;
  std::optional<Component> package_;
  std::string package_id_;
  SourceLocation package_at_;
  std::vector<SourceLocation> relationship_at_;  // of each relationship, by its origin number
  bool fatal_ = false;
  int line_number_ = 0;
};

}  // namespace

SbomParseResult parse_spdx2_tag_value(std::string_view bytes, std::string_view file,
                                      const ParseLimits& /*limits: checked by parse_sbom*/) {
  SbomParseResult result;
  Spdx2TagValueParser(file, result).parse(bytes);
  return result;
}

}  // namespace cradle

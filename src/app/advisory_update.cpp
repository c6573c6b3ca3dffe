#include "app/advisory_update.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "formats/osv/osv_record.h"
#include "model/date_time.h"
#include "model/redacted_url.h"
#include "sources/http_fetch.h"

namespace cradle {
namespace {

const std::vector<std::string> kRecordExtensions{".json", ".yaml", ".yml"};
constexpr std::string_view kOsvExports = "https://osv-vulnerabilities.storage.googleapis.com";

bool wanted_ecosystem(std::string_view ecosystem, const std::vector<std::string>& ecosystems) {
  return ecosystems.empty() ||
         std::ranges::find(ecosystems, base_ecosystem(ecosystem)) != ecosystems.end();
}

bool wanted(const Advisory& advisory, const std::vector<std::string>& ecosystems) {
  return std::ranges::any_of(advisory.affected, [&](const AffectedPackage& package) {
    return wanted_ecosystem(package.versions.ecosystem, ecosystems);
  });
}

// Reads one source's documents into the store; returns false when the store failed (the
// caller then rolls back).
class Importer {
 public:
  Importer(Store& store, const AdvisoryUpdateOptions& options, AdvisoryUpdate& update)
      : store_(store), options_(options), update_(update) {}

  void operator()(const std::string& name, std::string_view bytes) {
    if (failure_) return;
    if (options_.progress && update_.documents % 100 == 0) options_.progress(update_.documents, options_.total);
    ++update_.documents;
    AdvisoryParseResult parsed = parse_osv(bytes, name, limits_);
    for (Diagnostic& d : parsed.diagnostics) update_.diagnostics.push_back(std::move(d));
    if (!parsed.accepted()) {
      ++update_.rejected;
      return;
    }
    Advisory& advisory = *parsed.advisory;
    if (!wanted(advisory, options_.ecosystems)) {
      ++update_.other_ecosystems;
      return;
    }
    tally_.add(advisory, [this](std::string_view ecosystem) {
      return wanted_ecosystem(ecosystem, options_.ecosystems);
    });
    auto stored = store_.advisory_modified(advisory.id);
    if (!stored) return fail(stored.error());
    // RFC 3339 times in UTC compare as text.
    if (*stored && **stored >= advisory.modified) {
      ++update_.unchanged;
      return;
    }
    advisory.evidence.source = name;
    auto document = store_.put_document(advisory.evidence, bytes);
    if (!document) return fail(document.error());
    if (auto put = store_.put_advisory(advisory, *document); !put) return fail(put.error());
    ++(*stored ? update_.replaced : update_.added);
    changed(advisory);
  }

  // What this source delivered of each ecosystem kept, for the store's coverage.
  std::vector<EcosystemLoad> loads(bool example, std::size_t unreadable) const {
    return tally_.loads(update_.source, store_.clock().now_text(), unreadable,
                        example);
  }

  std::expected<void, Error> result() const {
    if (failure_) return std::unexpected(*failure_);
    return {};
  }

 private:
  void changed(const Advisory& advisory) {
    update_.changed_ids.push_back(advisory.id);
    for (const AffectedPackage& package : advisory.affected) {
      if (!package.name.empty()) update_.changed_packages.push_back(OsvPackage{package.versions.ecosystem, package.name});
    }
  }

  void fail(Error error) { failure_ = std::move(error); }

  Store& store_;
  const AdvisoryUpdateOptions& options_;
  AdvisoryUpdate& update_;
  ParseLimits limits_;
  std::optional<Error> failure_;
  EcosystemTally tally_;
};

// Runs `read` (which feeds the importer) in one transaction, records what it delivered of
// each ecosystem, plus `also` on success.
template <typename Read, typename Also>
void import_in_transaction(Store& store, const AdvisoryUpdateOptions& options,
                           AdvisoryUpdate& update, bool example, Read&& read, Also&& also) {
  auto done = in_transaction(store, [&]() -> std::expected<void, Error> {
    Importer importer(store, options, update);
    SourceReport report = read(DocumentSink(std::ref(importer)));
    // A document the source could not hand over (too large, refused) is a record missing too.
    const auto unreadable = update.rejected + static_cast<std::size_t>(std::ranges::count(
                                                  report.diagnostics, Severity::error, &Diagnostic::severity));
    for (Diagnostic& d : report.diagnostics) update.diagnostics.push_back(std::move(d));
    if (auto imported = importer.result(); !imported) return imported;
    auto recorded = store.put_ecosystem_loads(importer.loads(example, unreadable));
    if (!recorded) return recorded;
    // The re-evaluation the changed records call for, owed until it is done.
    if (!update.changed_ids.empty()) {
      auto owed = store.put_pending_reevaluation(PendingReevaluation{
          0, "advisories " + update.source, update.changed_ids, update.changed_packages, {}});
      if (!owed) return std::unexpected(owed.error());
    }
    return also();
  });
  if (!done) {
    update.store_failed = true;
    update.changed_ids.clear();
    update.changed_packages.clear();
    update.diagnostics.push_back(Diagnostic{Severity::error, update.source, {},
                                            fmt::format("{} (nothing from this source was stored)",
                                                        done.error().message)});
  }
}

std::string percent_encode_spaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') {
      out += "%20";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

AdvisoryUpdate update_advisories(Store& store, const std::string& source,
                                 const DocumentReader& read, const AdvisoryUpdateOptions& options) {
  AdvisoryUpdate update;
  update.source = source;
  import_in_transaction(store, options, update, is_example_data(source), read,
                        [] { return std::expected<void, Error>(); });
  return update;
}

AdvisoryUpdate update_advisories_from_path(Store& store, const std::string& path,
                                           const AdvisoryUpdateOptions& options) {
  // A file named .zip is read as one, so that one which is not says what it is instead.
  const bool zip = is_zip_file(path) || named_as_zip(path);
  AdvisoryUpdateOptions counted = options;
  // A tree's total is known for the progress display; a walk costs little beside the reading.
  if (!zip && options.progress) counted.total = list_file_tree(path, kRecordExtensions).files.size();
  return update_advisories(
      store, path,
      [&](const DocumentSink& sink) {
        return zip ? read_zip_file(path, kRecordExtensions, options.limits, sink)
                   : read_file_tree(path, kRecordExtensions, options.limits, sink);
      },
      counted);
}

AdvisoryUpdate update_advisories_from_url(Store& store, const std::string& url,
                                          const AdvisoryUpdateOptions& options) {
  // The URL as stored and shown: its credentials, if any, stay with the request.
  const std::string source = redacted_url(url);
  AdvisoryUpdate update;
  update.source = source;
  auto known = store.fetch_state(source);
  if (!known) {
    update.store_failed = true;
    update.diagnostics.push_back(Diagnostic{Severity::error, source, {}, known.error().message});
    return update;
  }
  HttpValidators validators;
  if (*known) validators = HttpValidators{(*known)->etag, (*known)->last_modified};
  auto response = http_get(url, validators, options.limits.max_total_bytes);
  if (!response) {
    update.diagnostics.push_back(Diagnostic{Severity::error, source, {}, response.error().message});
    return update;
  }
  const FetchState state{response->validators.etag, response->validators.last_modified,
                         store.clock().now_text()};
  if (response->status == 304) {
    update.not_modified = true;
    import_in_transaction(
        store, options, update, false, [](const DocumentSink&) { return SourceReport{}; },
        [&]() -> std::expected<void, Error> {
          if (auto touched = store.touch_ecosystem_loads(source, state.fetched_at); !touched) {
            return touched;
          }
          return store.set_fetch_state(source, state);
        });
    return update;
  }
  if (!looks_like_zip(response->body)) {
    update.diagnostics.push_back(
        Diagnostic{Severity::error, source, {}, "the response is not a zip archive"});
    return update;
  }
  import_in_transaction(
      store, options, update, false,
      [&](const DocumentSink& sink) {
        return read_zip(response->body, source, kRecordExtensions, options.limits, sink);
      },
      // A source read with errors is fetched again next time, whatever its validators say.
      [&]() -> std::expected<void, Error> {
        if (update.failed()) return {};
        return store.set_fetch_state(source, state);
      });
  return update;
}

AdvisoryUpdate update_advisories_from_source(Store& store, const std::string& source,
                                             const AdvisoryUpdateOptions& options) {
  const bool url = source.starts_with("http://") || source.starts_with("https://");
  return url ? update_advisories_from_url(store, source, options)
             : update_advisories_from_path(store, source, options);
}

std::vector<std::string> osv_export_urls(const std::vector<std::string>& ecosystems) {
  if (ecosystems.empty()) return {fmt::format("{}/all.zip", kOsvExports)};
  std::vector<std::string> urls;
  for (const std::string& ecosystem : ecosystems) {
    urls.push_back(fmt::format("{}/{}/all.zip", kOsvExports, percent_encode_spaces(ecosystem)));
  }
  return urls;
}

}  // namespace cradle

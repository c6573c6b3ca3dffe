// SqlStore: the Store written once, as SQL and row mappings, over an engine's SqlConnection
// (store/sql_connection.h). Both engines run the same statements and the same migrations.
//
// Not safe to use from several threads at once (its connection is not).
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "store/sql_connection.h"
#include "store/store.h"

namespace cradle {

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<SqlConnection> db);

  const std::string& location() const { return db_->location(); }

  // Applies the missing migrations (store/schema.h) in one transaction.
  std::expected<void, Error> migrate();

  std::expected<void, Error> begin() override;
  std::expected<void, Error> commit() override;
  void rollback() override;

  std::expected<std::int64_t, Error> put_document(const EvidenceRef& evidence, std::string_view content) override;
  std::expected<std::optional<StoredDocument>, Error> document(std::string_view sha256) override;
  std::expected<std::optional<std::string>, Error> advisory_modified(std::string_view id) override;
  std::expected<void, Error> put_advisory(const Advisory& advisory, std::int64_t document_id) override;
  std::expected<std::vector<StoredAdvisory>, Error> advisories_for(std::span<const OsvPackage> packages) override;
  std::expected<std::vector<StoredAdvisory>, Error> advisories(std::span<const std::string> ids) override;
  std::expected<std::vector<std::string>, Error> advisories_naming(std::span<const std::string> ids) override;
  std::expected<AdvisoryCounts, Error> advisory_counts() override;

  std::expected<void, Error> put_ecosystem_loads(std::span<const EcosystemLoad> loads) override;
  std::expected<void, Error> touch_ecosystem_loads(std::string_view source, std::string_view loaded_at) override;
  std::expected<AdvisoryCoverage, Error> advisory_coverage() override;

  std::expected<std::optional<FetchState>, Error> fetch_state(std::string_view url) override;
  std::expected<void, Error> set_fetch_state(std::string_view url, const FetchState& state) override;

  std::expected<std::int64_t, Error> enqueue_job(std::string_view kind, std::string_view payload) override;
  std::expected<std::optional<Job>, Error> claim_job(std::string_view worker, std::string_view stale_before) override;
  std::expected<void, Error> finish_job(std::int64_t id, bool succeeded, std::string_view result) override;
  std::expected<JobCounts, Error> job_counts() override;

  std::expected<std::int64_t, Error> put_product(const Product& product) override;
  std::expected<std::optional<StoredProduct>, Error> product(std::string_view name) override;
  std::expected<std::vector<StoredProduct>, Error> products() override;
  std::expected<SbomPut, Error> put_sbom(std::int64_t product_id, const SbomRecord& sbom, std::int64_t document_id,
                                         const SbomGraphRecord& graph) override;
  std::expected<std::vector<SbomRecord>, Error> product_sboms(std::string_view product) override;
  std::expected<SbomGraphRecord, Error> sbom_graph(std::int64_t sbom_id) override;
  std::expected<std::vector<PortfolioComponent>, Error> current_components_for(
      std::span<const OsvPackage> packages) override;
  std::expected<std::vector<EcosystemUse>, Error> current_ecosystems() override;
  std::expected<std::vector<std::vector<ComponentRecord>>, Error> shortest_paths(
      std::span<const std::pair<std::int64_t, std::int64_t>> nodes) override;
  std::expected<std::vector<SbomIdentity>, Error> sbom_identities(std::span<const std::int64_t> sbom_ids) override;
  std::expected<std::optional<SbomRecord>, Error> sbom(std::int64_t sbom_id) override;

  std::expected<bool, Error> put_vex_document(std::int64_t document_id,
                                              std::span<const VexStatement> statements) override;
  std::expected<std::vector<VexStatement>, Error> vex_statements(std::span<const std::string> naming) override;
  std::expected<std::vector<StoredDocument>, Error> vex_documents_without_rows(
      std::span<const std::string> naming) override;

  std::expected<bool, Error> put_attestations(std::int64_t document_id,
                                              std::span<const Attestation> attestations) override;
  std::expected<std::vector<Attestation>, Error> attestations_for_digest(std::string_view algorithm,
                                                                        std::string_view digest) override;
  std::expected<bool, Error> put_signals(std::int64_t document_id, std::span<const Signal> signals) override;
  std::expected<std::vector<Signal>, Error> signals_about(std::string_view subject) override;

  std::expected<std::int64_t, Error> put_assessment(std::int64_t product_id, std::int64_t policy_document_id,
                                                    const Assessment& assessment) override;
  std::expected<std::vector<Assessment>, Error> assessments(std::string_view product, std::string_view version,
                                                            std::size_t limit) override;

  std::expected<std::vector<FindingRecord>, Error> findings(std::int64_t sbom_id) override;
  std::expected<void, Error> replace_findings(std::int64_t product_id, std::int64_t sbom_id,
                                              std::span<const FindingRecord> findings) override;
  std::expected<void, Error> mark_evaluated(std::int64_t sbom_id, std::string_view at) override;
  std::expected<std::vector<std::int64_t>, Error> current_sboms_naming(std::span<const std::string> ids) override;
  std::expected<void, Error> add_events(std::span<const EventRecord> events) override;
  std::expected<std::vector<EventRecord>, Error> events(std::string_view since) override;
  std::expected<std::vector<EventRecord>, Error> undelivered_events(std::string_view url,
                                                                    std::string_view since) override;
  std::expected<void, Error> mark_delivered(std::string_view url, std::int64_t event_id, int attempts) override;
  std::expected<bool, Error> claim_delivery(std::string_view url, std::int64_t event_id, std::string_view deliverer,
                                            std::string_view stale_before) override;
  std::expected<void, Error> release_delivery(std::string_view url, std::int64_t event_id) override;

  std::expected<int, Error> schema_version() override;

 private:
  std::unique_ptr<SqlConnection> db_;
};

// The store over an open connection: migrated to the newest schema for read_write; for
// read_only, refused unless at the newest schema.
std::expected<std::unique_ptr<Store>, Error> open_sql_store(std::unique_ptr<SqlConnection> connection,
                                                            OpenMode mode);

}  // namespace cradle

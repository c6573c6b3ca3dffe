// Webhooks against a real HTTP receiver on loopback: the signature (checked against RFC 4231's
// HMAC-SHA256 test vector and recomputed over the body received), retries with backoff on 5xx,
// no retry on 4xx, a receiver that is not there; and `cradle webhook deliver` end to end: every
// event once, in order, and nothing twice on the next run.
#include "notify/webhook.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "shared_data.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

// Answers `failures` requests with `failure_status`, then 200; keeps what it was sent.
class Receiver {
 public:
  Receiver(int failures, int failure_status)
      : failures_(failures), failure_status_(failure_status) {
    server_.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex_);
      ++requests_;
      if (failures_ > 0) {
        --failures_;
        response.status = failure_status_;
        return;
      }
      bodies_.push_back(request.body);
      signatures_.push_back(request.get_header_value("X-Cradle-Signature"));
      deliveries_.push_back(request.get_header_value("X-Cradle-Delivery"));
      kinds_.push_back(request.get_header_value("X-Cradle-Event"));
      response.status = 204;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

  int requests_ = 0;
  std::vector<std::string> bodies_, signatures_, deliveries_, kinds_;

 private:
  int failures_;
  int failure_status_;
  std::mutex mutex_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

EventRecord sample_event() {
  return EventRecord{42,
                     "2026-12-01T00:00:00Z",
                     EventKind::new_finding,
                     "portal",
                     "1.0",
                     7,
                     "pkg:pypi/flask@2.2.2",
                     "CVE-2023-30861",
                     {"CVE-2023-30861", "GHSA-m2qf-hxjv-5gpq"},
                     "",
                     "affected",
                     "sbom abc"};
}

TEST(Webhook, SignsWithHmacSha256) {
  // RFC 4231, test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Webhook, RetriesServerErrorsWithGrowingWaitsAndSignsTheBody) {
  Receiver receiver(2, 503);
  std::vector<double> waits;
  WebhookOptions options{
      receiver.url(), "s3cret", 5, 0.5, 5, [&](double seconds) { waits.push_back(seconds); }};
  const WebhookDelivery delivery = deliver_event(sample_event(), options);
  EXPECT_TRUE(delivery.delivered) << delivery.error;
  EXPECT_EQ(delivery.attempts, 3);
  EXPECT_EQ(waits, (std::vector<double>{0.5, 1.0}));
  ASSERT_EQ(receiver.bodies_.size(), 1u);
  EXPECT_EQ(receiver.signatures_[0], "sha256=" + hmac_sha256_hex("s3cret", receiver.bodies_[0]));
  EXPECT_EQ(receiver.deliveries_[0], "42");
  EXPECT_EQ(receiver.kinds_[0], "new_finding");
  const auto body = nlohmann::json::parse(receiver.bodies_[0]);
  EXPECT_EQ(body["vulnerability"], "CVE-2023-30861");
  EXPECT_EQ(body["status_after"], "affected");
  EXPECT_TRUE(body["status_before"].is_null());
}

TEST(Webhook, ClientErrorsAreFinalAndAnAbsentReceiverIsRetriedThenReported) {
  Receiver rejecting(100, 400);
  WebhookOptions options{rejecting.url(), "s", 5, 0.0, 5, [](double) {}};
  WebhookDelivery refused = deliver_event(sample_event(), options);
  EXPECT_FALSE(refused.delivered);
  EXPECT_EQ(refused.attempts, 1);
  EXPECT_NE(refused.error.find("HTTP status 400"), std::string::npos) << refused.error;

  std::string absent_url;
  {
    Receiver gone(0, 0);
    absent_url = gone.url();
  }
  options.url = absent_url;
  options.attempts = 3;
  WebhookDelivery absent = deliver_event(sample_event(), options);
  EXPECT_FALSE(absent.delivered);
  EXPECT_EQ(absent.attempts, 3);
  EXPECT_FALSE(absent.error.empty());
}

// The command line: ingest the example (events), deliver them, deliver again (nothing left).
TEST(Webhook, DeliverCommandSendsEveryEventOnceInOrder) {
  const fs::path root = testing::project_root();
  const fs::path dir = fs::temp_directory_path() / ("cradle-webhook-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "secret") << "team-secret\n";
  const std::string db = (dir / "c.db").string();
  const std::string cradle = CRADLE_BINARY;
  auto run = [&](const std::string& arguments) {
    return std::system(
        (cradle + " " + arguments + " > " + (dir / "out").string() + " 2>&1").c_str());
  };
  ASSERT_EQ(run("ingest " + (root / "examples/osv").string() + " " +
                (root / "examples/webapp.cdx.json").string() + " " +
                (root / "examples/webapp.openvex.json").string() + " --db " + db),
            0)
      << testing::read_file(dir / "out");
  Receiver receiver(1, 502);  // the first attempt fails
  const std::string deliver = "webhook deliver " + receiver.url() + " --secret-file " +
                              (dir / "secret").string() + " --backoff 0 --db " + db;
  ASSERT_EQ(run(deliver), 0) << testing::read_file(dir / "out");
  EXPECT_NE(testing::read_file(dir / "out").find("6 events delivered, 0 left"), std::string::npos)
      << testing::read_file(dir / "out");
  ASSERT_EQ(receiver.bodies_.size(), 6u);  // 4 new findings, then 2 status changes from the VEX
  for (std::size_t i = 0; i < receiver.bodies_.size(); ++i) {
    EXPECT_EQ(receiver.signatures_[i],
              "sha256=" + hmac_sha256_hex("team-secret", receiver.bodies_[i]));
    EXPECT_EQ(receiver.deliveries_[i], std::to_string(i + 1));
  }
  EXPECT_EQ(receiver.kinds_.back(), "status_changed");
  ASSERT_EQ(run(deliver), 0);
  EXPECT_NE(testing::read_file(dir / "out").find("0 events delivered, 0 left"), std::string::npos);
  EXPECT_EQ(receiver.bodies_.size(), 6u);
  fs::remove_all(dir);
}

// Workers with --webhook push the events their jobs record: each event reaches the receiver
// once, however many workers share the store (three on PostgreSQL; SQLite serves one machine,
// one worker).
class WorkerWebhookTest : public testing::EngineTest {};

INSTANTIATE_TEST_SUITE_P(Engines, WorkerWebhookTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(WorkerWebhookTest, WorkersDeliverEachEventOnce) {
  const fs::path root = testing::project_root();
  const fs::path dir = fs::temp_directory_path() /
                       ("cradle-worker-webhook-" + std::to_string(::getpid()) + "-" +
                        testing::engine_name({GetParam(), 0}));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "secret") << "team-secret\n";
  const std::string db = "'" + scratch_->location() + "'";
  const std::string cradle = CRADLE_BINARY;
  auto run = [&](const std::string& arguments, const fs::path& out) {
    return std::system((cradle + " " + arguments + " > " + out.string() + " 2>&1").c_str());
  };
  // Three jobs: advisories, an SBOM and a VEX document, each recording events.
  ASSERT_EQ(run("db update --queue --from " + (root / "examples/osv").string() + " --db " + db,
                dir / "queue.out"),
            0)
      << testing::read_file(dir / "queue.out");
  ASSERT_EQ(run("ingest --queue " + (root / "examples/webapp.cdx.json").string() + " " +
                    (root / "examples/webapp.openvex.json").string() + " --db " + db,
                dir / "queue.out"),
            0)
      << testing::read_file(dir / "queue.out");
  Receiver receiver(1, 503);  // the first attempt fails, and is retried
  const int workers = GetParam() == testing::Engine::postgresql ? 3 : 1;
  std::vector<std::thread> threads;
  std::vector<int> statuses(workers, -1);
  for (int i = 0; i < workers; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = run("worker --exit-when-idle --poll 0.05 --name worker-" + std::to_string(i) +
                            " --webhook " + receiver.url() + " --webhook-secret-file " +
                            (dir / "secret").string() + " --db " + db,
                        dir / ("worker-" + std::to_string(i) + ".out"));
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < workers; ++i)
    EXPECT_EQ(statuses[i], 0) << testing::read_file(dir / ("worker-" + std::to_string(i) + ".out"));
  auto events = store_->events("");
  ASSERT_TRUE(events);
  ASSERT_GE(events->size(), 4u);  // at least the four findings of the example
  std::set<std::string> expected;
  for (const EventRecord& event : *events) expected.insert(std::to_string(event.id));
  const std::set<std::string> received(receiver.deliveries_.begin(), receiver.deliveries_.end());
  EXPECT_EQ(receiver.deliveries_.size(), events->size()) << "an event was delivered twice";
  EXPECT_EQ(received, expected);
  for (std::size_t i = 0; i < receiver.bodies_.size(); ++i) {
    EXPECT_EQ(receiver.signatures_[i],
              "sha256=" + hmac_sha256_hex("team-secret", receiver.bodies_[i]));
  }
  auto left = store_->undelivered_events(receiver.url(), "");
  ASSERT_TRUE(left);
  EXPECT_TRUE(left->empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cradle

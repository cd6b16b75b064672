// End-to-end tests of what operators and the other registries rely on: the audit log (and its
// tamper detection across a restart), health checking, the metrics endpoint, the legal-entity
// registry beside the population registry, and the audit of calls the server does not implement.
#include <string>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "mdhub/v1/spatial.grpc.pb.h"
#include "store/internal/codec.h"
#include "store/internal/keys.h"
#include "store/model.pb.h"
#include "store/rocksdb_kv_store.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

constexpr char kPopulation[] = "mdhub.v1.PopulationService/";

// Rewrites audit entry `sequence` in the stopped server's store with a different purpose, as
// someone with access to the disk would.
void TamperWithAuditEntry(const std::string& db_path, uint64_t sequence) {
  auto kv = store::OpenRocksDb({.path = db_path});
  ASSERT_TRUE(kv.ok()) << kv.status();
  const std::string key = store::keys::Audit(sequence);
  auto raw = (*kv)->Get(key);
  ASSERT_TRUE(raw.ok()) << raw.status();
  auto entry = store::internal::Decode<store::AuditEntry>(*raw, "audit entry");
  ASSERT_TRUE(entry.ok()) << entry.status();
  ASSERT_EQ(entry->sequence(), sequence);
  entry->set_purpose("statistics");
  store::WriteBatch batch;
  batch.Put(key, store::internal::Encode(*entry));
  ASSERT_TRUE((*kv)->Write(batch).ok());
}

TEST_F(E2eTest, AuditRecordsEveryCallAndDetectsTamperingAfterRestart) {
  // Four audited calls: a write, a read, a denied write and a read of a missing record.
  v1::SubmitRecordRequest submit;
  *submit.mutable_record() =
      Record("ps.hukou", "h1", {{"name", "李娜"}, {"citizen_id", "450102199003071238"}});
  v1::SubmitResult submitted;
  grpc::Status s = Population("ps")->SubmitRecord(Context("officer-017", "household registration").get(),
                                                  submit, &submitted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  clock_.Advance(absl::Seconds(30));
  v1::GetEntityRequest get;
  get.set_entity_id(submitted.entity_id());
  v1::Entity person;
  s = Population("health")->GetPerson(Context("dr-wang", "treatment").get(), get, &person);
  ASSERT_TRUE(s.ok()) << s.error_message();
  s = Population("health")->SubmitRecord(Context("dr-wang", "treatment").get(), submit, &submitted);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::GetRecordRequest missing;
  missing.set_source("ps.hukou");
  missing.set_record_key("nobody");
  v1::SourceRecord record;
  s = Population("ps")->GetRecord(Context().get(), missing, &record);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  auto admin = Admin("admin");
  v1::VerifyAuditResponse verified;
  s = admin->VerifyAudit(Context("auditor", "annual review").get(), v1::VerifyAuditRequest(),
                         &verified);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(verified.ok()) << verified.problem();
  EXPECT_EQ(verified.entries(), 4u);

  v1::ListAuditEntriesResponse listed;
  s = admin->ListAuditEntries(Context().get(), v1::ListAuditEntriesRequest(), &listed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(listed.entries_size(), 5);  // the four calls and VerifyAudit
  const v1::AuditEntry& write = listed.entries(0);
  EXPECT_EQ(write.sequence(), 1u);
  EXPECT_EQ(write.agency(), "ps");
  EXPECT_THAT(write.method(), HasSubstr(std::string(kPopulation) + "SubmitRecord"));
  EXPECT_EQ(write.end_user(), "officer-017");
  EXPECT_EQ(write.purpose(), "household registration");
  EXPECT_EQ(write.code(), 0);
  EXPECT_THAT(write.touched(), Contains("ps.hukou/h1"));
  EXPECT_THAT(write.touched(), Contains(submitted.entity_id()));
  EXPECT_EQ(write.time().seconds(), absl::ToUnixSeconds(clock_.Now() - absl::Seconds(30)));
  const v1::AuditEntry& read = listed.entries(1);
  EXPECT_EQ(read.agency(), "health");
  EXPECT_THAT(read.method(), HasSubstr(std::string(kPopulation) + "GetPerson"));
  EXPECT_EQ(read.end_user(), "dr-wang");
  EXPECT_EQ(read.purpose(), "treatment");
  EXPECT_THAT(read.touched(), Contains(submitted.entity_id()));
  const v1::AuditEntry& denied = listed.entries(2);
  EXPECT_EQ(denied.agency(), "health");
  EXPECT_EQ(denied.code(), static_cast<int>(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(denied.detail(), HasSubstr("SubmitRecord"));
  EXPECT_EQ(listed.entries(3).code(), static_cast<int>(grpc::StatusCode::NOT_FOUND));
  const v1::AuditEntry& verify = listed.entries(4);
  EXPECT_EQ(verify.agency(), "admin");
  EXPECT_THAT(verify.method(), HasSubstr("mdhub.v1.AdminService/VerifyAudit"));
  EXPECT_EQ(verify.purpose(), "annual review");
  // The entries form a hash chain.
  EXPECT_EQ(listed.entries(0).previous_hash(), "");
  for (int i = 0; i < listed.entries_size(); ++i) {
    EXPECT_EQ(listed.entries(i).hash().size(), 64u);
    if (i > 0) {
      EXPECT_EQ(listed.entries(i).previous_hash(), listed.entries(i - 1).hash());
    }
  }
  v1::ListAuditEntriesRequest page;
  page.set_after_sequence(2);
  page.set_page_size(2);
  s = admin->ListAuditEntries(Context().get(), page, &listed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(listed.entries_size(), 2);
  EXPECT_EQ(listed.entries(0).sequence(), 3u);
  EXPECT_EQ(listed.entries(1).sequence(), 4u);

  // Someone edits entry 2 on disk while the server is down.
  admin.reset();
  StopServer();
  TamperWithAuditEntry(config().db_path(), 2);
  StartServer();

  // The data survived the restart, and the audit chain no longer verifies from entry 2 on.
  s = Population("health")->GetPerson(Context().get(), get, &person);
  EXPECT_TRUE(s.ok()) << s.error_message();
  s = Admin("admin")->VerifyAudit(Context().get(), v1::VerifyAuditRequest(), &verified);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(verified.ok());
  EXPECT_EQ(verified.first_bad_sequence(), 2u);
  EXPECT_FALSE(verified.problem().empty());
}

TEST_F(E2eTest, HealthCheckReportsServing) {
  auto health = grpc::health::v1::Health::NewStub(Channel("health"));
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status s =
      health->Check(Context().get(), grpc::health::v1::HealthCheckRequest(), &response);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(E2eTest, MetricsCountCallsByMethodAndCode) {
  SubmitPerson("ps", "ps.hukou", "h1", {{"name", "张伟"}});
  SubmitPerson("ps", "ps.hukou", "h2", {{"name", "李娜"}});
  v1::SubmitRecordRequest request;
  *request.mutable_record() = Record("ps.hukou", "h3", {{"name", "王芳"}});
  v1::SubmitResult result;
  ASSERT_EQ(Population("health")->SubmitRecord(Context().get(), request, &result).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  httplib::Client http("127.0.0.1", server().metrics_port());
  http.set_connection_timeout(5);
  http.set_read_timeout(5);
  httplib::Result response = http.Get("/metrics");
  ASSERT_TRUE(response) << httplib::to_string(response.error());
  EXPECT_EQ(response->status, 200);
  const std::string& body = response->body;
  EXPECT_THAT(body, HasSubstr("mdhub_grpc_requests_total{method=\"mdhub.v1.PopulationService/"
                              "SubmitRecord\",code=\"0\"} 2\n"));
  EXPECT_THAT(body, HasSubstr("mdhub_grpc_requests_total{method=\"mdhub.v1.PopulationService/"
                              "SubmitRecord\",code=\"7\"} 1\n"));
  EXPECT_THAT(body, HasSubstr("mdhub_grpc_request_duration_seconds_count{method=\"mdhub.v1."
                              "PopulationService/SubmitRecord\"} 3\n"));
}

TEST_F(E2eTest, LegalEntitiesAreServedByTheirOwnRegistry) {
  auto aic = LegalEntity("aic");
  v1::SubmitRecordRequest request;
  *request.mutable_record() = Record("aic.registration", "r1",
                                     {{"name", "福州某某科技有限公司"},
                                      {"credit_code", "91350100M000100Y43"}});
  v1::SubmitResult result;
  grpc::Status s = aic->SubmitRecord(Context().get(), request, &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(result.outcome(), v1::SubmitResult::CREATED);
  const std::string company = result.entity_id();

  v1::LookupByCreditCodeRequest lookup;
  lookup.set_credit_code("91350100m000100y43");
  lookup.set_include_members(true);
  v1::Entity found;
  s = aic->LookupByCreditCode(Context().get(), lookup, &found);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(found.id(), company);
  EXPECT_EQ(found.kind(), v1::LEGAL_ENTITY);
  ASSERT_EQ(found.members_size(), 1);
  EXPECT_EQ(found.members(0).record_key(), "r1");

  // The population registry does not serve legal entities.
  auto ps = Population("ps");
  v1::GetEntityRequest get;
  get.set_entity_id(company);
  v1::Entity person;
  s = ps->GetPerson(Context().get(), get, &person);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  v1::GetRecordRequest get_record;
  get_record.set_source("aic.registration");
  get_record.set_record_key("r1");
  v1::SourceRecord record;
  EXPECT_EQ(ps->GetRecord(Context().get(), get_record, &record).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Nor may a population-only agency call the legal-entity registry.
  EXPECT_EQ(LegalEntity("ps")->LookupByCreditCode(Context().get(), lookup, &found).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(E2eTest, UnimplementedCallsAreAudited) {
  // A method the server does not have (a client built from a newer API, say).
  grpc::GenericStub generic(Channel("spatial"));
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;
  grpc::Status status;
  absl::Notification done;
  // The call is asynchronous: its context must outlive it, until the callback has run.
  std::unique_ptr<grpc::ClientContext> context = Context();
  generic.UnaryCall(context.get(), "/mdhub.v1.SpatialService/NoSuchMethod", grpc::StubOptions(),
                    &request, &response, [&](grpc::Status s) {
                      status = s;
                      done.Notify();
                    });
  done.WaitForNotification();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  // Calls that gRPC answers by itself are audited too.
  v1::ListAuditEntriesResponse listed;
  ASSERT_TRUE(
      Admin("admin")->ListAuditEntries(Context().get(), v1::ListAuditEntriesRequest(), &listed).ok());
  ASSERT_GE(listed.entries_size(), 1);
  EXPECT_EQ(listed.entries(0).method(), "mdhub.v1.SpatialService/NoSuchMethod");
  EXPECT_EQ(listed.entries(0).agency(), "spatial");
  EXPECT_EQ(listed.entries(0).code(), static_cast<int>(grpc::StatusCode::UNIMPLEMENTED));
}

// Shutdown right after Start must not hang. services/server.cc runs the metrics listener on a
// thread and stops it with httplib::Server::stop(), which does nothing until that thread has
// entered listen_after_bind(); Shutdown then waits forever in join(). The window is narrow, so
// this catches it only now and then (about one cycle in a thousand was seen to hang); it never
// fails spuriously.
TEST_F(E2eTest, ShutdownRightAfterStartDoesNotHang) {
  for (int cycle = 0; cycle < 25; ++cycle) {
    ASSERT_TRUE(StopServerWithin(absl::Seconds(15))) << "Shutdown hung in cycle " << cycle;
    StartServer();
  }
}

// "Letters upper-cased" (resolver/identifiers.h) holds for full-width letters too: a citizen id
// typed with a full-width lowercase ｘ finds the person.
TEST_F(E2eTest, LookupUpperCasesFullWidthLetters) {
  const std::string zhang =
      SubmitPerson("ps", "ps.hukou", "h1", {{"name", "张伟"}, {"citizen_id", "11010519491231002X"}})
          .entity_id();
  v1::LookupByCitizenIdRequest lookup;
  lookup.set_citizen_id("１１０１０５１９４９１２３１００２ｘ");
  v1::Entity found;
  grpc::Status s = Population("health")->LookupByCitizenId(Context().get(), lookup, &found);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(found.id(), zhang);
}

}  // namespace
}  // namespace mdhub::tests

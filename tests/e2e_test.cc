// End-to-end tests of the population registry as agencies use it: submitting records (one by one
// and streamed), reading them back, access control over mutual TLS, input errors that name the
// field, and following the change feed across a reconnect.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kZhangWeiId[] = "11010519491231002X";
constexpr char kLiNaId[] = "450102199003071238";

v1::RecordMutation Upsert(const std::string& tag, const v1::SourceRecord& record) {
  v1::RecordMutation m;
  m.set_client_tag(tag);
  *m.mutable_upsert()->mutable_record() = record;
  return m;
}

v1::RecordMutation Delete(const std::string& tag, const std::string& source,
                          const std::string& key) {
  v1::RecordMutation m;
  m.set_client_tag(tag);
  m.mutable_delete_()->set_source(source);
  m.mutable_delete_()->set_record_key(key);
  return m;
}

// Sends the mutations on one SubmitRecords stream and returns the results; the stream must end OK.
std::vector<v1::MutationResult> SubmitStream(v1::PopulationService::Stub& stub,
                                             const std::vector<v1::RecordMutation>& mutations) {
  auto ctx = Context();
  auto stream = stub.SubmitRecords(ctx.get());
  for (const v1::RecordMutation& m : mutations) EXPECT_TRUE(stream->Write(m));
  EXPECT_TRUE(stream->WritesDone());
  std::vector<v1::MutationResult> results;
  v1::MutationResult r;
  while (stream->Read(&r)) results.push_back(r);
  grpc::Status s = stream->Finish();
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return results;
}

std::string Golden(const v1::Entity& e, const std::string& name) {
  for (const v1::GoldenAttribute& a : e.attributes()) {
    if (a.name() == name) return a.value();
  }
  return "";
}

TEST_F(E2eTest, SubmittedRecordsAreLinkedAndReadBack) {
  v1::SubmitResult first = SubmitPerson(
      "ps", "ps.hukou", "h1", {{"name", "张伟"}, {"citizen_id", kZhangWeiId}, {"gender", "M"}});
  EXPECT_EQ(first.outcome(), v1::SubmitResult::CREATED);
  EXPECT_EQ(first.record_version(), 1);
  EXPECT_EQ(first.change_sequence(), 1);
  const std::string zhang = first.entity_id();
  ASSERT_FALSE(zhang.empty());
  clock_.Advance(absl::Minutes(1));

  auto ps = Population("ps");
  std::vector<v1::MutationResult> results = SubmitStream(
      *ps, {// Same person, citizen id written with a lowercase x.
            Upsert("civil", Record("ps.civil_affairs", "c1",
                                   {{"name", "张伟"}, {"citizen_id", "11010519491231002x"}})),
            Upsert("lina", Record("ps.hukou", "h2", {{"name", "李娜"}, {"citizen_id", kLiNaId}})),
            Upsert("bad", Record("ps.Hukou", "h3", {{"name", "王芳"}})),
            Upsert("moved", Record("ps.hukou", "h1",
                                   {{"name", "张伟"},
                                    {"citizen_id", kZhangWeiId},
                                    {"gender", "M"},
                                    {"address", "北京市朝阳区建国路1号"}}))});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].client_tag(), "civil");
  EXPECT_EQ(results[0].result().outcome(), v1::SubmitResult::CREATED);
  EXPECT_EQ(results[0].result().entity_id(), zhang);
  EXPECT_EQ(results[1].client_tag(), "lina");
  EXPECT_EQ(results[1].result().outcome(), v1::SubmitResult::CREATED);
  const std::string lina = results[1].result().entity_id();
  EXPECT_NE(lina, zhang);
  EXPECT_EQ(results[2].client_tag(), "bad");
  EXPECT_FALSE(results[2].has_result());
  EXPECT_EQ(results[2].error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(results[2].error().field(), "upsert.record.source");
  EXPECT_THAT(results[2].error().message(), StartsWith("upsert.record.source: "));
  EXPECT_EQ(results[3].client_tag(), "moved");
  EXPECT_EQ(results[3].result().outcome(), v1::SubmitResult::UPDATED);
  EXPECT_EQ(results[3].result().record_version(), 2);
  EXPECT_EQ(results[3].result().entity_id(), zhang);
  for (const v1::MutationResult& r : {results[0], results[1], results[3]}) {
    EXPECT_FALSE(r.has_error()) << r.client_tag() << ": " << r.error().message();
  }
  // Accepted mutations got consecutive change sequences; the rejected one none.
  EXPECT_EQ(results[0].result().change_sequence(), 2);
  EXPECT_EQ(results[1].result().change_sequence(), 3);
  EXPECT_EQ(results[3].result().change_sequence(), 4);

  // A reading agency sees the golden record and its members.
  auto health = Population("health");
  v1::GetEntityRequest get;
  get.set_entity_id(zhang);
  get.set_include_members(true);
  v1::Entity person;
  grpc::Status s = health->GetPerson(Context().get(), get, &person);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(person.id(), zhang);
  EXPECT_EQ(person.kind(), v1::PERSON);
  EXPECT_EQ(person.version(), 3);
  EXPECT_EQ(Golden(person, "name"), "张伟");
  EXPECT_EQ(Golden(person, "address"), "北京市朝阳区建国路1号");
  ASSERT_EQ(person.identifiers_size(), 1);
  EXPECT_EQ(person.identifiers(0).type(), "citizen_id");
  EXPECT_EQ(person.identifiers(0).value(), kZhangWeiId);
  std::vector<std::string> members;
  for (const v1::SourceRecord& m : person.members()) {
    members.push_back(m.source() + "/" + m.record_key() + "@" + std::to_string(m.version()));
  }
  EXPECT_THAT(members, ::testing::UnorderedElementsAre("ps.hukou/h1@2", "ps.civil_affairs/c1@1"));

  // Lookup standardises width, case, spaces and hyphens.
  for (const std::string& id :
       {std::string(kZhangWeiId), std::string("11010519491231002x"),
        std::string("１１０１０５１９４９１２３１００２Ｘ"), std::string("１１０１０５１９４９１２３１００２x"),
        std::string(" 110105-19491231-002x ")}) {
    v1::LookupByCitizenIdRequest lookup;
    lookup.set_citizen_id(id);
    v1::Entity found;
    s = health->LookupByCitizenId(Context().get(), lookup, &found);
    ASSERT_TRUE(s.ok()) << id << ": " << s.error_message();
    EXPECT_EQ(found.id(), zhang) << id;
  }
  v1::LookupByCitizenIdRequest unknown;
  unknown.set_citizen_id("110105194912310038");
  v1::Entity nobody;
  EXPECT_EQ(health->LookupByCitizenId(Context().get(), unknown, &nobody).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::GetRecordRequest get_record;
  get_record.set_source("ps.hukou");
  get_record.set_record_key("h1");
  v1::SourceRecord record;
  s = ps->GetRecord(Context().get(), get_record, &record);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(record.version(), 2);
  EXPECT_EQ(record.entity_id(), zhang);
  EXPECT_EQ(record.change_sequence(), 4);
  EXPECT_FALSE(record.deleted());
  EXPECT_EQ(record.attributes().at("address"), "北京市朝阳区建国路1号");
  EXPECT_EQ(record.recorded_at().seconds(), absl::ToUnixSeconds(clock_.Now()));

  // History, newest first, paged.
  v1::ListHistoryRequest history;
  history.set_entity_id(zhang);
  history.set_page_size(2);
  v1::ListHistoryResponse page;
  s = ps->ListPersonHistory(Context().get(), history, &page);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(page.versions_size(), 2);
  EXPECT_EQ(page.versions(0).entity().version(), 3);
  EXPECT_EQ(page.versions(0).change_sequence(), 4);
  EXPECT_EQ(page.versions(0).cause().record_key(), "h1");
  EXPECT_EQ(page.versions(1).entity().version(), 2);
  EXPECT_EQ(page.versions(1).change_sequence(), 2);
  EXPECT_EQ(page.versions(1).cause().source(), "ps.civil_affairs");
  ASSERT_FALSE(page.next_page_token().empty());
  history.set_page_token(page.next_page_token());
  v1::ListHistoryResponse rest;
  s = ps->ListPersonHistory(Context().get(), history, &rest);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(rest.versions_size(), 1);
  EXPECT_EQ(rest.versions(0).entity().version(), 1);
  EXPECT_EQ(rest.versions(0).change_sequence(), 1);
  EXPECT_TRUE(rest.next_page_token().empty());
}

TEST_F(E2eTest, AgenciesAreLimitedToTheirGrant) {
  SubmitPerson("ps", "ps.hukou", "h1", {{"name", "李娜"}, {"citizen_id", kLiNaId}});

  // health may read but not write.
  v1::SubmitRecordRequest request;
  *request.mutable_record() = Record("health.patient_index", "p1", {{"citizen_id", kLiNaId}});
  v1::SubmitResult result;
  grpc::Status s = Population("health")->SubmitRecord(Context().get(), request, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("mdhub.v1.PopulationService/SubmitRecord"));

  // ps may call SubmitRecord, but only for its own sources.
  auto ps = Population("ps");
  s = ps->SubmitRecord(Context().get(), request, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("health.patient_index"));
  v1::GetRecordRequest get;
  get.set_source("health.patient_index");
  get.set_record_key("p1");
  v1::SourceRecord record;
  EXPECT_EQ(ps->GetRecord(Context().get(), get, &record).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // In a stream the foreign source is rejected alone.
  std::vector<v1::MutationResult> results = SubmitStream(
      *ps, {Upsert("foreign", request.record()),
            Upsert("own", Record("ps.hukou", "h2", {{"name", "王芳"}}))});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].error().code(), static_cast<int>(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(results[0].error().message(), HasSubstr("health.patient_index"));
  EXPECT_EQ(results[1].result().outcome(), v1::SubmitResult::CREATED);

  // ps may ping but not administer; an agency outside the policy may do nothing.
  v1::PingResponse pong;
  s = Admin("ps")->Ping(Context().get(), v1::PingRequest(), &pong);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::VerifyAuditResponse verified;
  s = Admin("ps")->VerifyAudit(Context().get(), v1::VerifyAuditRequest(), &verified);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("mdhub.v1.AdminService/VerifyAudit"));
  v1::LookupByCitizenIdRequest lookup;
  lookup.set_citizen_id(kLiNaId);
  v1::Entity person;
  s = Population("spatial")->LookupByCitizenId(Context().get(), lookup, &person);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("spatial"));
}

TEST_F(E2eTest, OnlyClientsWithATrustedCertificateConnect) {
  v1::PingResponse pong;
  grpc::Status s = v1::AdminService::NewStub(Channel("ps"))
                       ->Ping(Context().get(), v1::PingRequest(), &pong);
  EXPECT_TRUE(s.ok()) << s.error_message();

  s = v1::AdminService::NewStub(Channel(/*agency=*/""))
          ->Ping(Context().get(), v1::PingRequest(), &pong);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();

  s = v1::AdminService::NewStub(Channel("ps", /*untrusted_ca=*/true))
          ->Ping(Context().get(), v1::PingRequest(), &pong);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
}

TEST_F(E2eTest, BadInputIsInvalidArgumentNamingTheField) {
  auto ps = Population("ps");
  auto submit = [&](const v1::SubmitRecordRequest& request) {
    v1::SubmitResult result;
    return ps->SubmitRecord(Context().get(), request, &result);
  };
  auto expect_invalid = [](const grpc::Status& s, const std::string& field) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field << ": " << s.error_message();
    EXPECT_THAT(s.error_message(), StartsWith(field + ": "));
  };

  expect_invalid(submit(v1::SubmitRecordRequest()), "record");
  v1::SubmitRecordRequest request;
  *request.mutable_record() = Record("ps.HUKOU", "h1", {{"name", "张伟"}});
  expect_invalid(submit(request), "record.source");
  *request.mutable_record() = Record("ps.hukou", "", {{"name", "张伟"}});
  expect_invalid(submit(request), "record.record_key");
  *request.mutable_record() = Record("ps.hukou", "h1", {{"Name", "张伟"}});
  expect_invalid(submit(request), "record.attributes[\"Name\"]");
  *request.mutable_record() = Record("ps.hukou", "h1", {{"name", "张伟"}});
  request.mutable_record()->mutable_source_time()->set_seconds(-100000000000LL);
  expect_invalid(submit(request), "record.source_time");

  v1::GetEntityRequest get;
  v1::Entity entity;
  expect_invalid(ps->GetPerson(Context().get(), get, &entity), "entity_id");
  v1::LookupByCitizenIdRequest lookup;
  expect_invalid(ps->LookupByCitizenId(Context().get(), lookup, &entity), "citizen_id");
  v1::ListHistoryRequest history;
  history.set_entity_id("P0000000001");
  history.set_page_size(-1);
  v1::ListHistoryResponse versions;
  expect_invalid(ps->ListPersonHistory(Context().get(), history, &versions), "page_size");
  v1::WatchChangesRequest watch;
  watch.set_after_sequence(-1);
  auto ctx = Context();
  auto reader = ps->WatchChanges(ctx.get(), watch);
  v1::ChangeEvent event;
  EXPECT_FALSE(reader->Read(&event));
  expect_invalid(reader->Finish(), "after_sequence");

  // Nothing of the above was written.
  EXPECT_EQ(SubmitPerson("ps", "ps.hukou", "h1", {{"name", "张伟"}}).change_sequence(), 1);
}

// A missing source is malformed input, whatever the caller may write: INVALID_ARGUMENT naming
// the field, as for any other malformed source, not PERMISSION_DENIED for source "".
TEST_F(E2eTest, MissingSourceIsInvalidArgumentNotPermissionDenied) {
  auto ps = Population("ps");
  v1::SubmitRecordRequest request;
  *request.mutable_record() = Record("", "h1", {{"name", "张伟"}});
  v1::SubmitResult result;
  grpc::Status s = ps->SubmitRecord(Context().get(), request, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), StartsWith("record.source: "));

  std::vector<v1::MutationResult> results = SubmitStream(*ps, {Upsert("nosource", request.record())});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT))
      << results[0].error().message();
  EXPECT_EQ(results[0].error().field(), "upsert.record.source");
}

// Errors of deletes name the fields of the delete request, not of an upsert.
TEST_F(E2eTest, DeleteErrorsNameTheDeleteRequestField) {
  auto ps = Population("ps");
  v1::DeleteRecordRequest request;
  request.set_source("ps.hukou");
  v1::SubmitResult result;
  grpc::Status s = ps->DeleteRecord(Context().get(), request, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), StartsWith("record_key: "));

  std::vector<v1::MutationResult> results = SubmitStream(*ps, {Delete("nokey", "ps.hukou", "")});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(results[0].error().field(), "delete.record_key");
}

// Reads `n` events from a change feed, appending their sequence numbers.
void ReadEvents(grpc::ClientReaderInterface<v1::ChangeEvent>& reader, int n,
                std::vector<int64_t>* sequences) {
  v1::ChangeEvent e;
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(reader.Read(&e)) << "feed ended after " << sequences->size() << " events";
    EXPECT_EQ(e.kind(), v1::PERSON);
    EXPECT_EQ(e.type(), v1::ChangeEvent::RECORD_UPSERTED);
    EXPECT_FALSE(e.entity_id().empty());
    sequences->push_back(e.sequence());
  }
}

TEST_F(E2eTest, ChangeFeedResumesAfterReconnectWithoutGapOrDuplicate) {
  for (const char* key : {"h1", "h2", "h3"}) {
    SubmitPerson("ps", "ps.hukou", key, {{"name", key}});
  }
  auto health = Population("health");
  std::vector<int64_t> received;

  // First connection: replay from the beginning, then a live change; then the client goes away.
  {
    v1::WatchChangesRequest request;
    request.set_after_sequence(0);
    auto ctx = Context();
    auto reader = health->WatchChanges(ctx.get(), request);
    ReadEvents(*reader, 3, &received);
    SubmitPerson("ps", "ps.hukou", "h4", {{"name", "h4"}});
    ReadEvents(*reader, 1, &received);
    ctx->TryCancel();
    v1::ChangeEvent late;
    while (reader->Read(&late)) received.push_back(late.sequence());
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  ASSERT_FALSE(received.empty());

  // Changes while disconnected.
  SubmitPerson("ps", "ps.hukou", "h5", {{"name", "h5"}});
  SubmitPerson("ps", "ps.hukou", "h1", {{"name", "h1"}, {"gender", "F"}});

  // Second connection resumes after the last sequence received.
  {
    v1::WatchChangesRequest request;
    request.set_after_sequence(received.back());
    request.add_kinds(v1::PERSON);
    auto ctx = Context();
    auto reader = health->WatchChanges(ctx.get(), request);
    ReadEvents(*reader, 6 - static_cast<int>(received.size()), &received);
    SubmitPerson("ps", "ps.hukou", "h6", {{"name", "h6"}});
    ReadEvents(*reader, 1, &received);
    ctx->TryCancel();
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  EXPECT_THAT(received, ElementsAre(1, 2, 3, 4, 5, 6, 7));
}

}  // namespace
}  // namespace mdhub::tests

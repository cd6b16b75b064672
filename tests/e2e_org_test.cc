// End-to-end tests of the legal-entity registry's lookups by pre-2015 codes, registration status
// with its history, and organisation search, as agencies use them over mutual TLS.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;
using State = v1::RegistrationStatus;

constexpr char kCreditCode[] = "91450100MA5K00012J";  // embeds organisation code MA5K0001-2
constexpr char kRegistrationNumber[] = "450100000012346";

std::vector<std::string> HitIds(const v1::SearchLegalEntitiesResponse& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits()) ids.push_back(h.legal_entity().id());
  return ids;
}

class E2eOrgTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    company_ = SubmitLegalEntity("aic", "aic.registration", "R1",
                                 {{"name", "某某科技（南宁）有限公司"},
                                  {"credit_code", kCreditCode},
                                  {"address", "广西壮族自治区南宁市青秀区民族大道100号"},
                                  {"established", "2015-06-01"},
                                  {"status", "存续（在营、开业、在册）"}})
                   .entity_id();
    clock_.Advance(absl::Hours(1));
    // A pre-2015 extract knows it by its organisation code and registration number only.
    legacy_ = SubmitLegalEntity("aic", "aic.legacy", "L1",
                                {{"name", "南宁市某某电脑有限公司"},
                                 {"organization_code", "MA5K0001-2"},
                                 {"registration_number", kRegistrationNumber}})
                  .entity_id();
    clock_.Advance(absl::Hours(1));
    branch_ = SubmitLegalEntity("aic", "aic.registration", "R2",
                                {{"name", "南宁某某科技有限公司柳州分公司"},
                                 {"address", "柳州市城中区文昌路8号"},
                                 {"status", "存续"}})
                  .entity_id();
    clock_.Advance(absl::Hours(1));
  }

  grpc::Status Status(const v1::GetRegistrationStatusRequest& request,
                      v1::GetRegistrationStatusResponse* out) {
    return LegalEntity("aic")->GetRegistrationStatus(Context().get(), request, out);
  }

  grpc::Status Search(const v1::SearchLegalEntitiesRequest& request,
                      v1::SearchLegalEntitiesResponse* out) {
    return LegalEntity("aic")->SearchLegalEntities(Context("u1", "inspection").get(), request, out);
  }

  grpc::Status Legacy(const std::string& code, v1::Entity* out,
                      v1::LookupByLegacyCodeRequest::CodeType type =
                          v1::LookupByLegacyCodeRequest::CODE_TYPE_UNSPECIFIED) {
    v1::LookupByLegacyCodeRequest request;
    request.set_code(code);
    request.set_code_type(type);
    request.set_include_members(true);
    return LegalEntity("aic")->LookupByLegacyCode(Context().get(), request, out);
  }

  std::string company_, legacy_, branch_;
};

// Resolved on arrival with the organisation preset: a record that knows only an old name joins
// the renamed organisation (its former name), a branch stays apart from its head office.
TEST_F(E2eOrgTest, AnOldNameJoinsTheRenamedOrganisationAndABranchStaysApart) {
  const std::string renamed =
      SubmitLegalEntity("aic", "aic.registration", "R9",
                        {{"name", "广西华盛智能科技有限公司"},
                         {"former_name", "南宁市华盛电子有限公司"},
                         {"credit_code", "91450100MA5K00055Y"},
                         {"legal_representative", "陆建国"}})
          .entity_id();
  const v1::SubmitResult old_name =
      SubmitLegalEntity("aic", "aic.county", "C9",
                        {{"name", "南宁市华盛电子有限公司"}, {"legal_representative", "陆建国"}});
  EXPECT_EQ(old_name.entity_id(), renamed);
  EXPECT_NE(branch_, company_);

  // Explained field by field: the old name agrees exactly with a former name.
  v1::ExplainPairRequest pair;
  pair.mutable_left()->set_source("aic.registration");
  pair.mutable_left()->set_record_key("R9");
  pair.mutable_right()->set_source("aic.county");
  pair.mutable_right()->set_record_key("C9");
  v1::Explanation e;
  ASSERT_TRUE(LegalEntity("aic")->ExplainPair(Context().get(), pair, &e).ok());
  EXPECT_EQ(e.decision(), "link; both records are in " + renamed);
  bool name_exact = false;
  for (const auto& f : e.fields()) {
    name_exact = name_exact || (f.name() == "name" && f.level() == "exact");
  }
  EXPECT_TRUE(name_exact) << e.DebugString();
}

TEST_F(E2eOrgTest, EachLegacyCodeFindsTheEntityItsCreditCodeHolds) {
  // The legacy record joined the entity whose credit code embeds its organisation code.
  EXPECT_EQ(legacy_, company_);
  for (const std::string code :
       {"MA5K0001-2", "ma5k00012", "ＭＡ５Ｋ０００１２", "450100 000012346"}) {
    v1::Entity e;
    grpc::Status s = Legacy(code, &e);
    ASSERT_TRUE(s.ok()) << code << ": " << s.error_message();
    EXPECT_EQ(e.id(), company_) << code;
    EXPECT_EQ(e.members_size(), 2) << code;
  }
  v1::Entity e;
  ASSERT_TRUE(Legacy("MA5K00012", &e, v1::LookupByLegacyCodeRequest::ORGANIZATION_CODE).ok());
  EXPECT_EQ(e.id(), company_);
  ASSERT_TRUE(
      Legacy(kRegistrationNumber, &e, v1::LookupByLegacyCodeRequest::REGISTRATION_NUMBER).ok());
  EXPECT_EQ(e.id(), company_);

  grpc::Status s = Legacy("12345", &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("code: "));
  s = Legacy("MA5K00012", &e, v1::LookupByLegacyCodeRequest::REGISTRATION_NUMBER);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("code: "));
  EXPECT_EQ(Legacy("", &e).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Legacy("D2143569-X", &e).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Legacy("450100000099994", &e).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(E2eOrgTest, RegistrationStatusWithHistoryAndAsOf) {
  SubmitLegalEntity("aic", "aic.registration", "R1",
                    {{"name", "某某科技（南宁）有限公司"},
                     {"credit_code", kCreditCode},
                     {"status", "吊销，未注销"},
                     {"status_date", "2020-05-01"},
                     {"authority", "南宁市市场监督管理局"},
                     {"status_reason", "南市监吊字〔2020〕15号"}});
  clock_.Advance(absl::Hours(1));
  const absl::Time revoked_known = clock_.Now();
  clock_.Advance(absl::Hours(1));
  SubmitLegalEntity("aic", "aic.registration", "R1",
                    {{"name", "某某科技（南宁）有限公司"},
                     {"credit_code", kCreditCode},
                     {"status", "注销"},
                     {"status_date", "2022-01-10"}});

  v1::GetRegistrationStatusRequest request;
  request.set_entity_id(company_);
  request.set_include_history(true);
  v1::GetRegistrationStatusResponse response;
  grpc::Status s = Status(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.entity_id(), company_);
  EXPECT_EQ(response.current().state(), State::DEREGISTERED);
  EXPECT_EQ(response.current().source_text(), "注销");
  EXPECT_EQ(response.current().since().seconds(), 1641744000);  // 2022-01-10 00:00 UTC+8
  EXPECT_EQ(response.current().asserted_by().source(), "aic.registration");
  EXPECT_EQ(response.current().asserted_by().record_key(), "R1");
  ASSERT_EQ(response.history_size(), 2);
  EXPECT_EQ(response.history(0).state(), State::ACTIVE);
  EXPECT_EQ(response.history(0).since().seconds(), 1433088000);  // established 2015-06-01
  EXPECT_EQ(response.history(1).state(), State::REVOKED);
  EXPECT_EQ(response.history(1).since().seconds(), 1588262400);
  EXPECT_EQ(response.history(1).authority(), "南宁市市场监督管理局");
  EXPECT_EQ(response.history(1).reason(), "南市监吊字〔2020〕15号");

  // As mdhub knew it before the deregistration; and without history.
  request.mutable_as_of()->set_seconds(absl::ToUnixSeconds(revoked_known));
  response.Clear();
  ASSERT_TRUE(Status(request, &response).ok());
  EXPECT_EQ(response.current().state(), State::REVOKED);
  ASSERT_EQ(response.history_size(), 1);
  EXPECT_EQ(response.history(0).state(), State::ACTIVE);
  request.clear_as_of();
  request.set_include_history(false);
  response.Clear();
  ASSERT_TRUE(Status(request, &response).ok());
  EXPECT_EQ(response.current().state(), State::DEREGISTERED);
  EXPECT_EQ(response.history_size(), 0);

  // A deregistered company is still an entity.
  v1::GetEntityRequest get;
  get.set_entity_id(company_);
  v1::Entity entity;
  ASSERT_TRUE(LegalEntity("aic")->GetLegalEntity(Context().get(), get, &entity).ok());
  EXPECT_FALSE(entity.retired());

  request.set_entity_id("no-such-entity");
  EXPECT_EQ(Status(request, &response).error_code(), grpc::StatusCode::NOT_FOUND);
  request.clear_entity_id();
  s = Status(request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("entity_id: "));
}

TEST_F(E2eOrgTest, SearchRanksFiltersPagesAndIsAudited) {
  SubmitLegalEntity("aic", "aic.registration", "R1",
                    {{"name", "某某科技（南宁）有限公司"},
                     {"credit_code", kCreditCode},
                     {"status", "注销"},
                     {"status_date", "2022-01-10"}});
  v1::SearchLegalEntitiesRequest request;
  request.set_name("南宁市某某科技有限公司");
  v1::SearchLegalEntitiesResponse response;
  grpc::Status s = Search(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // The company first, its branch after it; each with its current status.
  EXPECT_THAT(HitIds(response), ElementsAre(company_, branch_));
  EXPECT_DOUBLE_EQ(response.hits(0).score(), 1.0);
  EXPECT_LT(response.hits(1).score(), response.hits(0).score());
  EXPECT_EQ(response.hits(0).registration_status().state(), State::DEREGISTERED);
  EXPECT_EQ(response.hits(1).registration_status().state(), State::ACTIVE);
  EXPECT_EQ(response.hits(0).legal_entity().members_size(), 0);

  // Only those still registered; by a typo; by the name the legacy record gave.
  request.add_states(State::ACTIVE);
  response.Clear();
  ASSERT_TRUE(Search(request, &response).ok());
  EXPECT_THAT(HitIds(response), ElementsAre(branch_));
  for (const std::string name : {"某某科枝", "南宁市某某电脑有限公司"}) {
    request = v1::SearchLegalEntitiesRequest();
    request.set_name(name);
    response.Clear();
    ASSERT_TRUE(Search(request, &response).ok());
    ASSERT_GE(response.hits_size(), 1) << name;
    EXPECT_EQ(response.hits(0).legal_entity().id(), company_) << name;
  }

  // The search is audited with the entities it returned.
  v1::ListAuditEntriesResponse audit;
  ASSERT_TRUE(Admin("admin")
                  ->ListAuditEntries(Context().get(), v1::ListAuditEntriesRequest(), &audit)
                  .ok());
  const v1::AuditEntry& last = audit.entries(audit.entries_size() - 1);
  EXPECT_EQ(last.method(), "mdhub.v1.LegalEntityService/SearchLegalEntities");
  EXPECT_EQ(last.touched(0), company_);

  // Pages by region, continued with tokens.
  request = v1::SearchLegalEntitiesRequest();
  request.set_region_code("45");
  request.set_page_size(1);
  std::vector<std::string> seen;
  for (int page = 0; page < 3; ++page) {
    response.Clear();
    ASSERT_TRUE(Search(request, &response).ok());
    for (const std::string& id : HitIds(response)) seen.push_back(id);
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_THAT(seen, ElementsAre(company_, branch_));

  // Errors name the field.
  request = v1::SearchLegalEntitiesRequest();
  s = Search(request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("name: "));
  request.set_name("某某");
  request.set_page_size(201);
  s = Search(request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("page_size: "));
  request.set_page_size(0);
  request.set_region_code("45010");
  s = Search(request, &response);
  EXPECT_THAT(s.error_message(), StartsWith("region_code: "));
}

}  // namespace
}  // namespace mdhub::tests

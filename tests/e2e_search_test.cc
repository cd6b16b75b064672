// End-to-end tests of person search and household members as agencies use them over mutual TLS:
// fuzzy, ranked results, filters, paging with opaque tokens, households, input errors that name
// the field, access control and the audit of who was returned.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/standardize/citizen_id.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

// A valid citizen id: region (6 digits), birth date (8), sequence (3, odd for men).
std::string Id(const std::string& region, const std::string& birth, const std::string& seq) {
  const std::string first17 = region + birth + seq;
  return first17 + resolver::CitizenIdCheckCharacter(first17);
}

std::vector<std::string> HitIds(const v1::SearchPersonsResponse& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits()) ids.push_back(h.person().id());
  return ids;
}

class E2eSearchTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    // A household of three in Nanning (兴宁区 450102), a homophone in Guilin (七星区 450305).
    zhang_wei_ = SubmitPerson("ps", "ps.hukou", "h1",
                              {{"name", "张伟"},
                               {"citizen_id", Id("450102", "19900307", "011")},
                               {"household_no", "450102000123"}})
                     .entity_id();
    li_na_ = SubmitPerson("ps", "ps.hukou", "h2",
                          {{"name", "李娜"},
                           {"citizen_id", Id("450102", "19920511", "022")},
                           {"household_no", "450102000123"}})
                 .entity_id();
    child_ = SubmitPerson("ps", "ps.hukou", "h3",
                          {{"name", "张小明"},
                           {"citizen_id", Id("450102", "20180101", "031")},
                           {"household_no", "450102000123"}})
                 .entity_id();
    homophone_ = SubmitPerson("ps", "ps.civil_affairs", "c1",
                              {{"name", "張瑋"}, {"citizen_id", Id("450305", "19900307", "042")}})
                     .entity_id();
  }

  grpc::Status Search(const v1::SearchPersonsRequest& request, v1::SearchPersonsResponse* out,
                      const std::string& agency = "ps") {
    return Population(agency)->SearchPersons(Context("u1", "registration").get(), request, out);
  }

  std::string zhang_wei_, li_na_, child_, homophone_;
};

TEST_F(E2eSearchTest, RankedFuzzyHitsWithFilters) {
  v1::SearchPersonsRequest request;
  request.set_name("张伟");
  request.set_include_members(true);
  v1::SearchPersonsResponse response;
  grpc::Status s = Search(request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(HitIds(response), ElementsAre(zhang_wei_, homophone_));
  EXPECT_DOUBLE_EQ(response.hits(0).score(), 1.0);
  EXPECT_LT(response.hits(1).score(), 1.0);
  EXPECT_EQ(response.hits(0).person().members_size(), 1);
  EXPECT_EQ(response.hits(1).person().members(0).source(), "ps.civil_affairs");
  EXPECT_TRUE(response.next_page_token().empty());
  EXPECT_FALSE(response.truncated());

  // Pinyin input, filtered to Guilin; birth date alone, filtered by gender.
  request = v1::SearchPersonsRequest();
  request.set_name("Zhang Wei");
  request.set_region_code("4503");
  response.Clear();
  ASSERT_TRUE(Search(request, &response).ok());
  EXPECT_THAT(HitIds(response), ElementsAre(homophone_));
  EXPECT_EQ(response.hits(0).person().members_size(), 0);

  request = v1::SearchPersonsRequest();
  request.set_birth_date("1990-03-07");
  request.set_gender("F");
  response.Clear();
  ASSERT_TRUE(Search(request, &response).ok());
  EXPECT_THAT(HitIds(response), ElementsAre(homophone_));

  // The search is audited with the persons it returned.
  v1::ListAuditEntriesResponse audit;
  ASSERT_TRUE(
      Admin("admin")->ListAuditEntries(Context().get(), v1::ListAuditEntriesRequest(), &audit).ok());
  ASSERT_GE(audit.entries_size(), 1);
  const v1::AuditEntry& last = audit.entries(audit.entries_size() - 1);
  EXPECT_EQ(last.method(), "mdhub.v1.PopulationService/SearchPersons");
  EXPECT_EQ(last.purpose(), "registration");
  EXPECT_THAT(last.touched(), ElementsAre(homophone_));
}

TEST_F(E2eSearchTest, PagesFollowTokens) {
  v1::SearchPersonsRequest request;
  request.set_name("zhangwei");
  request.set_page_size(1);
  std::vector<std::string> seen;
  std::string token;
  for (int page = 0; page < 3; ++page) {
    request.set_page_token(token);
    v1::SearchPersonsResponse response;
    grpc::Status s = Search(request, &response);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const std::string& id : HitIds(response)) seen.push_back(id);
    token = response.next_page_token();
    if (token.empty()) break;
  }
  EXPECT_THAT(seen, ElementsAre(zhang_wei_, homophone_));  // equal scores: by id

  // A token continues only the query it came from.
  request.set_page_token("");
  v1::SearchPersonsResponse first;
  ASSERT_TRUE(Search(request, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_name("李娜");
  request.set_page_token(first.next_page_token());
  v1::SearchPersonsResponse other;
  grpc::Status s = Search(request, &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("page_token: "));
}

TEST_F(E2eSearchTest, HouseholdMembers) {
  auto ps = Population("ps");
  v1::ListHouseholdMembersRequest request;
  request.set_entity_id(child_);
  v1::ListHouseholdMembersResponse response;
  grpc::Status s = ps->ListHouseholdMembers(Context().get(), request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<std::string> ids;
  for (const v1::Entity& e : response.members()) ids.push_back(e.id());
  EXPECT_THAT(ids, ElementsAre(zhang_wei_, li_na_, child_));

  request.set_page_size(2);
  response.Clear();
  ASSERT_TRUE(ps->ListHouseholdMembers(Context().get(), request, &response).ok());
  EXPECT_EQ(response.members_size(), 2);
  request.set_page_token(response.next_page_token());
  response.Clear();
  ASSERT_TRUE(ps->ListHouseholdMembers(Context().get(), request, &response).ok());
  ASSERT_EQ(response.members_size(), 1);
  EXPECT_EQ(response.members(0).id(), child_);
  EXPECT_TRUE(response.next_page_token().empty());

  request = v1::ListHouseholdMembersRequest();
  request.set_entity_id(homophone_);  // no household number
  EXPECT_EQ(ps->ListHouseholdMembers(Context().get(), request, &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  request.set_entity_id("P0000000999");
  EXPECT_EQ(ps->ListHouseholdMembers(Context().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(E2eSearchTest, MalformedRequestsNameTheField) {
  auto expect_invalid = [&](const v1::SearchPersonsRequest& request, const std::string& field) {
    v1::SearchPersonsResponse response;
    grpc::Status s = Search(request, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field << ": "
                                                                  << s.error_message();
    EXPECT_THAT(s.error_message(), StartsWith(field + ": "));
  };
  v1::SearchPersonsRequest request;
  expect_invalid(request, "name");  // neither a name nor a birth date
  request.set_name("张伟");
  request.set_birth_date("1990-02-30");
  expect_invalid(request, "birth_date");
  request.clear_birth_date();
  request.set_gender("X");
  expect_invalid(request, "gender");
  request.clear_gender();
  request.set_region_code("45x");
  expect_invalid(request, "region_code");
  request.clear_region_code();
  request.set_page_size(-1);
  expect_invalid(request, "page_size");
  request.clear_page_size();
  request.set_page_token("not a token");
  expect_invalid(request, "page_token");

  v1::ListHouseholdMembersResponse members;
  grpc::Status s = Population("ps")->ListHouseholdMembers(
      Context().get(), v1::ListHouseholdMembersRequest(), &members);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("entity_id: "));
}

TEST_F(E2eSearchTest, SearchNeedsAGrant) {
  v1::SearchPersonsRequest request;
  request.set_name("张伟");
  v1::SearchPersonsResponse response;
  grpc::Status s = Search(request, &response, "health");  // reads by id only in this policy
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(response.hits_size(), 0);
}

}  // namespace
}  // namespace mdhub::tests

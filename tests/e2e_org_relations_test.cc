// End-to-end tests of the legal-entity registry's relationships over mutual TLS: links derived
// from golden attributes in both directions and as of a time, the organisations a person
// represents, the persons an organisation insures, what callers without person grants see; and
// stewards' merge, split and pair decisions on legal entities.
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/org_scenario.h"

namespace mdhub::tests {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

v1::RecordRef Ref(const std::string& source, const std::string& key) {
  v1::RecordRef r;
  r.set_source(source);
  r.set_record_key(key);
  return r;
}

std::string Name(const v1::Entity& e) {
  for (const v1::GoldenAttribute& a : e.attributes()) {
    if (a.name() == "name") return a.value();
  }
  return "";
}

// "type incoming? entity_id asserted_by" per item, for compact assertions.
std::vector<std::string> Describe(const v1::ListRelationshipsResponse& r) {
  std::vector<std::string> out;
  for (const auto& item : r.items()) {
    const v1::Relationship& rel = item.relationship();
    out.push_back(rel.type() + (item.incoming() ? " <- " : " -> ") + rel.entity_id() + " by " +
                  rel.asserted_by().source() + "/" + rel.asserted_by().record_key());
  }
  return out;
}

class E2eOrgRelationsTest : public OrgScenario<E2eTest> {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    SubmitScenario();
  }

  v1::ListRelationshipsResponse Relations(const std::string& agency, v1::ListRelationshipsRequest r,
                                          grpc::StatusCode expect = grpc::StatusCode::OK) {
    v1::ListRelationshipsResponse out;
    grpc::Status s = LegalEntity(agency)->ListRelationships(Context().get(), r, &out);
    EXPECT_EQ(s.error_code(), expect) << s.error_message();
    return out;
  }

  static v1::ListRelationshipsRequest Request(const std::string& id, bool incoming,
                                              bool related = false) {
    v1::ListRelationshipsRequest r;
    r.set_entity_id(id);
    r.set_include_incoming(incoming);
    r.set_include_related(related);
    return r;
  }
};

TEST_F(E2eOrgRelationsTest, AHeadOfficeListsItsLinksAndThoseOfItsBranchesAndSchool) {
  v1::ListRelationshipsResponse r = Relations("aic", Request(head_, true));
  std::vector<std::string> got = Describe(r);
  ASSERT_EQ(got.size(), 5u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0], "legal_representative -> " + wei_ + " by aic.registration/A1");
  // The registered address lies in 兴宁区 (450102): the organisation's place on the map.
  EXPECT_THAT(got[1], StartsWith("registered_in_division -> division:450102"));
  EXPECT_THAT(got[1], HasSubstr(" by aic.registration/A1"));
  // Incoming, each group by type: both branches (by code, and by a name written otherwise),
  // then the school it sponsors.
  EXPECT_THAT(std::vector<std::string>(got.begin() + 2, got.begin() + 4),
              UnorderedElementsAre("branch_of <- " + branch_ + " by aic.registration/A3",
                                   "branch_of <- " + branch2_ + " by aic.registration/A4"));
  EXPECT_EQ(got[4], "sponsored_by <- " + school_ + " by mca.social_org/M1");
  EXPECT_TRUE(r.next_page_token().empty());

  // Without include_incoming only its own links.
  EXPECT_THAT(Describe(Relations("aic", Request(head_, false))), ::testing::SizeIs(2));
}

TEST_F(E2eOrgRelationsTest, BranchesAndTheSchoolPointAtTheHeadOffice) {
  EXPECT_THAT(Describe(Relations("aic", Request(branch_, true))),
              ElementsAre("branch_of -> " + head_ + " by aic.registration/A3"));
  EXPECT_THAT(Describe(Relations("aic", Request(branch2_, true))),
              ElementsAre("branch_of -> " + head_ + " by aic.registration/A4"));
  EXPECT_THAT(Describe(Relations("mca", Request(school_, false))),
              ElementsAre("sponsored_by -> " + head_ + " by mca.social_org/M1"));
  // The trading company's representative is the one its newest record names.
  EXPECT_THAT(Describe(Relations("aic", Request(trade_, true))),
              ElementsAre("legal_representative -> " + li_ + " by aic.change/A2-1"));
}

TEST_F(E2eOrgRelationsTest, RelatedPersonsAreFilledOnlyForCallersGrantedPersonReads) {
  v1::ListRelationshipsRequest request = Request(head_, true, /*related=*/true);
  request.add_types("legal_representative");
  request.add_types("branch_of");
  // aic may not read persons: the representative comes as id and kind only; organisations in full.
  v1::ListRelationshipsResponse aic = Relations("aic", request);
  ASSERT_EQ(aic.items_size(), 3);
  const v1::Entity& masked = aic.items(0).related();
  EXPECT_EQ(masked.id(), wei_);
  EXPECT_EQ(masked.kind(), v1::PERSON);
  EXPECT_THAT(masked.attributes(), IsEmpty());
  EXPECT_THAT(masked.identifiers(), IsEmpty());
  for (int i = 1; i < 3; ++i) {
    EXPECT_THAT(Name(aic.items(i).related()), HasSubstr("南宁市某某科技有限公司"));
    EXPECT_EQ(aic.items(i).related().kind(), v1::LEGAL_ENTITY);
  }
  // hrss reads persons.
  v1::ListRelationshipsResponse hrss = Relations("hrss", request);
  ASSERT_EQ(hrss.items_size(), 3);
  EXPECT_EQ(Name(hrss.items(0).related()), "韦国强");
}

TEST_F(E2eOrgRelationsTest, TypesFilterAndPagesTogetherListEverythingOnce) {
  v1::ListRelationshipsRequest request = Request(head_, true);
  request.add_types("branch_of");
  EXPECT_THAT(Describe(Relations("aic", request)),
              UnorderedElementsAre("branch_of <- " + branch_ + " by aic.registration/A3",
                                   "branch_of <- " + branch2_ + " by aic.registration/A4"));

  const std::vector<std::string> all = Describe(Relations("aic", Request(head_, true)));
  std::vector<std::string> paged;
  request = Request(head_, true);
  request.set_page_size(2);
  int pages = 0;
  do {
    v1::ListRelationshipsResponse page = Relations("aic", request);
    for (std::string& d : Describe(page)) paged.push_back(std::move(d));
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(paged, all);

  // A token continues only the request it came from; unknown types are named.
  request = Request(branch_, true);
  request.set_page_token(Relations("aic",
                                   [&] {
                                     v1::ListRelationshipsRequest r = Request(head_, true);
                                     r.set_page_size(2);
                                     return r;
                                   }())
                             .next_page_token());
  Relations("aic", request, grpc::StatusCode::INVALID_ARGUMENT);
  request = Request(head_, false);
  request.add_types("owner_of");
  Relations("aic", request, grpc::StatusCode::INVALID_ARGUMENT);
  request = Request(wei_, false);  // a person is no legal entity
  Relations("aic", request, grpc::StatusCode::NOT_FOUND);
}

TEST_F(E2eOrgRelationsTest, AsOfAnEarlierTimeListsTheLinksAsTheyWereThen) {
  v1::ListRelationshipsRequest request = Request(head_, true);
  const int64_t micros = absl::ToUnixMicros(before_branches_);
  request.mutable_as_of()->set_seconds(micros / 1000000);
  request.mutable_as_of()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  std::vector<std::string> got = Describe(Relations("aic", request));
  ASSERT_EQ(got.size(), 2u) << ::testing::PrintToString(got);  // no branches, no school yet
  EXPECT_EQ(got[0], "legal_representative -> " + wei_ + " by aic.registration/A1");
}

TEST_F(E2eOrgRelationsTest, APersonRepresentsCurrentAndFormerOrganisations) {
  auto list = [&](const std::string& person, bool former) {
    v1::ListOrganisationsByRepresentativeRequest r;
    r.set_person_entity_id(person);
    r.set_include_former(former);
    v1::ListOrganisationsByRepresentativeResponse out;
    grpc::Status s =
        LegalEntity("aic")->ListOrganisationsByRepresentative(Context().get(), r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> got;
    for (const auto& o : out.organisations()) {
      got.push_back(o.legal_entity().id() + (o.current() ? " current by " : " former by ") +
                    o.asserted_by().source() + "/" + o.asserted_by().record_key());
    }
    return got;
  };
  EXPECT_THAT(list(wei_, false), ElementsAre(head_ + " current by aic.registration/A1"));
  EXPECT_THAT(list(wei_, true), UnorderedElementsAre(head_ + " current by aic.registration/A1",
                                                     trade_ + " former by aic.registration/A2"));
  EXPECT_THAT(list(li_, true), ElementsAre(trade_ + " current by aic.change/A2-1"));
  EXPECT_THAT(list(wang_, true), IsEmpty());

  // By registration state, each with its status.
  v1::ListOrganisationsByRepresentativeRequest by_state;
  by_state.set_person_entity_id(wei_);
  by_state.set_include_former(true);
  by_state.add_states(v1::RegistrationStatus::DEREGISTERED);
  v1::ListOrganisationsByRepresentativeResponse deregistered;
  ASSERT_TRUE(LegalEntity("aic")
                  ->ListOrganisationsByRepresentative(Context().get(), by_state, &deregistered)
                  .ok());
  ASSERT_EQ(deregistered.organisations_size(), 1);
  EXPECT_EQ(deregistered.organisations(0).legal_entity().id(), trade_);
  EXPECT_EQ(deregistered.organisations(0).registration_status().source_text(), "注销");
  by_state.set_states(0, v1::RegistrationStatus::ACTIVE);
  v1::ListOrganisationsByRepresentativeResponse active;
  ASSERT_TRUE(LegalEntity("aic")
                  ->ListOrganisationsByRepresentative(Context().get(), by_state, &active)
                  .ok());
  ASSERT_EQ(active.organisations_size(), 1);
  EXPECT_EQ(active.organisations(0).legal_entity().id(), head_);
  EXPECT_EQ(active.organisations(0).registration_status().state(), v1::RegistrationStatus::ACTIVE);

  v1::ListOrganisationsByRepresentativeRequest r;
  r.set_person_entity_id(head_);  // not a person
  v1::ListOrganisationsByRepresentativeResponse out;
  EXPECT_EQ(
      LegalEntity("aic")->ListOrganisationsByRepresentative(Context().get(), r, &out).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(E2eOrgRelationsTest, InsuredPersonsComeFromSocialSecurityRecordsNamingTheEmployer) {
  auto insured = [&](const std::string& agency, const std::string& org, int page_size,
                     grpc::StatusCode expect = grpc::StatusCode::OK) {
    std::vector<std::string> got;
    v1::ListInsuredPersonsRequest r;
    r.set_entity_id(org);
    r.set_page_size(page_size);
    do {
      v1::ListInsuredPersonsResponse out;
      grpc::Status s = LegalEntity(agency)->ListInsuredPersons(Context().get(), r, &out);
      EXPECT_EQ(s.error_code(), expect) << s.error_message();
      if (!s.ok()) break;
      for (const auto& p : out.persons()) {
        std::string d = Name(p.person());
        for (const v1::RecordRef& ref : p.records())
          d += " " + ref.source() + "/" + ref.record_key();
        got.push_back(d);
      }
      r.set_page_token(out.next_page_token());
    } while (!r.page_token().empty());
    return got;
  };
  // By name (written two ways); not the branch's employee, not the household record.
  EXPECT_THAT(insured("hrss", head_, 20),
              UnorderedElementsAre("王芳 hrss.insured/S1", "陆建国 hrss.insured/S2"));
  EXPECT_THAT(insured("hrss", head_, 1), ::testing::SizeIs(2));  // one a page
  // By credit code, whatever the name says.
  EXPECT_THAT(insured("hrss", trade_, 20), ElementsAre("张三 hrss.insured/S3"));
  EXPECT_THAT(insured("hrss", branch_, 20), ElementsAre("赵四 hrss.insured/S4"));
  // Person data: aic is not granted person reads.
  insured("aic", head_, 20, grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(E2eOrgRelationsTest, StewardsMergeSplitAndDecideOnLegalEntities) {
  // The same shop twice under two trade names, without a code: too little for the model to link
  // them (the names differ), so a steward does.
  const std::string a =
      SubmitLegalEntity("aic", "aic.registration", "X1",
                        {{"name", "南宁市某某餐饮店"}, {"org_type", "个体工商户"}})
          .entity_id();
  const std::string b = SubmitLegalEntity("aic", "aic.registration", "X2",
                                          {{"name", "某某小吃店"}, {"address", "南宁市青秀区"}})
                            .entity_id();
  ASSERT_NE(a, b);
  auto stub = LegalEntity("aic");

  v1::MergeRequest merge;
  merge.set_entity_id(a);
  merge.set_merged_entity_id(b);
  merge.set_reason("the same shop");
  v1::Entity merged;
  ASSERT_TRUE(stub->MergeLegalEntities(Context().get(), merge, &merged).ok());
  EXPECT_EQ(merged.id(), a);
  EXPECT_EQ(merged.kind(), v1::LEGAL_ENTITY);
  v1::GetEntityRequest get;
  get.set_entity_id(b);
  v1::Entity followed;
  ASSERT_TRUE(stub->GetLegalEntity(Context().get(), get, &followed).ok());
  EXPECT_EQ(followed.id(), a);
  EXPECT_EQ(followed.redirected_from(), b);

  v1::EntityExplanation why;
  get.set_entity_id(a);
  ASSERT_TRUE(stub->ExplainLegalEntity(Context().get(), get, &why).ok());
  ASSERT_EQ(why.members_size(), 2);
  EXPECT_THAT(why.members(1).link_reason(), HasSubstr("the same shop"));

  v1::SplitRequest split;
  split.set_entity_id(a);
  *split.add_records() = Ref("aic.registration", "X2");
  split.set_reason("two shops after all");
  v1::SplitResponse parts;
  ASSERT_TRUE(stub->SplitLegalEntity(Context().get(), split, &parts).ok());
  EXPECT_EQ(parts.remaining().id(), a);
  EXPECT_NE(parts.split_off().id(), a);

  v1::DecidePairRequest decide;
  *decide.mutable_left() = Ref("aic.registration", "X1");
  *decide.mutable_right() = Ref("aic.registration", "X2");
  decide.set_decision(v1::DecidePairRequest::MUST_LINK);
  decide.set_reason("one shop");
  v1::DecidePairResponse decided;
  ASSERT_TRUE(stub->DecidePair(Context().get(), decide, &decided).ok());
  EXPECT_EQ(decided.left_entity().id(), decided.right_entity().id());

  v1::ListReviewItemsResponse review;
  ASSERT_TRUE(stub->ListReviewItems(Context().get(), v1::ListReviewItemsRequest(), &review).ok());
  EXPECT_THAT(review.items(), IsEmpty());

  // Persons are not the legal-entity service's to change or explain.
  merge.set_entity_id(wei_);
  merge.set_merged_entity_id(li_);
  EXPECT_FALSE(stub->MergeLegalEntities(Context().get(), merge, &merged).ok());
  *decide.mutable_left() = Ref("ps.hukou", "h1");
  *decide.mutable_right() = Ref("ps.hukou", "h2");
  EXPECT_EQ(stub->DecidePair(Context().get(), decide, &decided).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ExplainPairRequest pair;
  *pair.mutable_left() = Ref("ps.hukou", "h1");
  *pair.mutable_right() = Ref("ps.hukou", "h2");
  v1::Explanation e;
  EXPECT_EQ(stub->ExplainPair(Context().get(), pair, &e).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(E2eOrgRelationsTest, AfterAMergeTheBranchPointsAtTheSurvivor) {
  // The head office known a second time, without its code and under a longer name the model
  // does not link on its own; the steward merges, keeping the new id.
  const std::string copy =
      SubmitLegalEntity("aic", "aic.annual_report", "R1", {{"name", "南宁市某某信息科技有限公司"}})
          .entity_id();
  ASSERT_NE(copy, head_);
  v1::MergeRequest merge;
  merge.set_entity_id(copy);
  merge.set_merged_entity_id(head_);
  merge.set_reason("annual report of the head office");
  v1::Entity merged;
  ASSERT_TRUE(LegalEntity("aic")->MergeLegalEntities(Context().get(), merge, &merged).ok());

  EXPECT_THAT(Describe(Relations("aic", Request(branch_, false))),
              ElementsAre("branch_of -> " + copy + " by aic.registration/A3"));
  // The merged id is followed; the survivor has the head office's branches.
  v1::ListRelationshipsRequest request = Request(head_, true);
  request.add_types("branch_of");
  EXPECT_THAT(Describe(Relations("aic", request)), ::testing::SizeIs(2));
}

}  // namespace
}  // namespace mdhub::tests

#include "resolver/relations/org_link_terms.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/internal/apply.h"
#include "resolver/standardize/org_name.h"

namespace mdhub::resolver {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

store::Record MakeRecord(const std::string& source, const std::string& key, store::Kind kind,
                         const std::vector<std::pair<std::string, std::string>>& attributes,
                         int64_t time_us = 0) {
  store::Record r;
  r.set_source(source);
  r.set_record_key(key);
  r.set_kind(kind);
  r.set_source_time_us(time_us);
  for (const auto& [name, value] : attributes) (*r.mutable_attributes())[name] = value;
  return r;
}

// The entity the resolver builds from `members` (golden attributes and search terms).
store::Entity Build(store::Kind kind, const std::vector<store::Record>& members) {
  store::Entity e;
  e.set_kind(kind);
  internal::Survive(members, e);
  return e;
}

TEST(OrgLinkTermsTest, NamesHeadOfficeSponsorAndEveryRepresentative) {
  const std::vector<store::Record> members = {
      MakeRecord("aic.registration", "A1", store::LEGAL_ENTITY,
                 {{"name", "南宁市某某科技有限公司青秀分公司"},
                  {"head_office_credit_code", "９１４５０１００ma5l000138"},  // full-width, lower
                  {"head_office_name", "南宁市某某科技有限公司"},
                  {"legal_representative_id", "450102197501010017"}},
                 1),
      MakeRecord("aic.change", "C1", store::LEGAL_ENTITY,
                 {{"name", "某某科技(南宁)有限公司青秀分公司"},
                  {"former_name", "甲公司；乙公司"},
                  {"legal_representative_id", "450103198002020027"}},  // the newer one
                 2),
  };
  const store::Entity e = Build(store::LEGAL_ENTITY, members);
  const std::vector<std::string> terms = OrgLinkTerms(e, members);
  EXPECT_THAT(terms, Contains(HeadOfficeTerm("91450100MA5L000138")));
  EXPECT_THAT(terms, Contains(HeadOfficeTerm(StandardOrgName("南宁市某某科技有限公司"))));
  // Both representatives: the golden one and the one an older record still names.
  EXPECT_THAT(terms, Contains(RepresentativeTerm("450102197501010017")));
  EXPECT_THAT(terms, Contains(RepresentativeTerm("450103198002020027")));
  // Its own names (both spellings read the same) and the former names, split on ；.
  EXPECT_THAT(OwnNames(e),
              UnorderedElementsAre(StandardOrgName("南宁市某某科技有限公司青秀分公司"),
                                   StandardOrgName("甲公司"), StandardOrgName("乙公司")));
  EXPECT_THAT(terms, Not(Contains(::testing::StartsWith("sp:"))));  // no sponsor
}

TEST(OrgLinkTermsTest, BranchNameIsNotItsHeadOfficesName) {
  const std::vector<store::Record> branch = {
      MakeRecord("aic.registration", "A1", store::LEGAL_ENTITY,
                 {{"name", "南宁市某某科技有限公司青秀分公司"}})};
  const std::vector<store::Record> head = {MakeRecord("aic.registration", "A2", store::LEGAL_ENTITY,
                                                      {{"name", "南宁市某某科技有限公司"}})};
  EXPECT_NE(OwnNames(Build(store::LEGAL_ENTITY, branch)),
            OwnNames(Build(store::LEGAL_ENTITY, head)));
}

TEST(EmployerTermsTest, OnlySocialSecurityRecordsNameAnEmployerCreditCodeFirst) {
  const std::vector<store::Record> members = {
      MakeRecord("hrss.insured", "S1", store::PERSON, {{"employer", "某某科技（南宁）有限公司"}}),
      MakeRecord(
          "hrss.pension", "S2", store::PERSON,
          {{"employer", "广西某某贸易公司"}, {"employer_credit_code", "91450100MA5L000213"}}),
      MakeRecord("ps.hukou", "H1", store::PERSON, {{"employer", "南宁市某某餐饮店"}}),
  };
  EXPECT_THAT(EmployerTerms(members),
              ElementsAre(EmployerTerm(StandardOrgName("南宁市某某科技有限公司")),
                          EmployerTerm("91450100MA5L000213")));
  EXPECT_EQ(EmployerKey(members[2]), "");
  // The resolver indexes them with the person search terms.
  EXPECT_THAT(Build(store::PERSON, members).search_terms(),
              Contains(EmployerTerm("91450100MA5L000213")));
  EXPECT_THAT(EmployerTerms({}), IsEmpty());
}

}  // namespace
}  // namespace mdhub::resolver

// Legal-entity identifiers: the unified social credit code and the legacy codes, and how records
// that share any of them become one legal entity (the crosswalk from pre-2015 codes).
#include "resolver/identifiers.h"

#include <map>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/record_resolver.h"
#include "resolver/standardize/credit_code.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

store::Record Org(const std::map<std::string, std::string>& attributes) {
  store::Record r;
  r.set_kind(store::LEGAL_ENTITY);
  for (const auto& [k, v] : attributes) (*r.mutable_attributes())[k] = v;
  return r;
}

// (type, value, problem) of each identifier.
std::vector<std::string> Described(const std::vector<store::Identifier>& ids) {
  std::vector<std::string> out;
  for (const store::Identifier& id : ids) {
    out.push_back(id.type() + " " + id.value() + (id.problem().empty() ? "" : " !"));
  }
  return out;
}

TEST(LegalEntityIdentifiersTest, CreditCodeEmbedsItsOrganisationCode) {
  EXPECT_THAT(Described(ExtractIdentifiers(Org({{"credit_code", "91450100ma5k00012j"},
                                                {"registration_number", "450100 000012346"}}))),
              UnorderedElementsAre("credit_code 91450100MA5K00012J", "organization_code MA5K00012",
                                   "registration_number 450100000012346"));
  // The given organisation code, written with its hyphen and in full width, is the same one.
  EXPECT_THAT(
      Described(ExtractIdentifiers(
          Org({{"credit_code", "91450100MA5K00012J"}, {"organization_code", "ＭＡ5Ｋ0001-2"}}))),
      UnorderedElementsAre("credit_code 91450100MA5K00012J", "organization_code MA5K00012"));
}

TEST(LegalEntityIdentifiersTest, ValuesFailingTheirCheckKeepTheProblem) {
  auto ids = ExtractIdentifiers(Org({{"credit_code", "91450100MA5K000120"},
                                     {"organization_code", "D2143569-1"},
                                     {"registration_number", "450100000012345"}}));
  std::map<std::string, std::string> problems;
  for (const store::Identifier& id : ids) problems[id.type() + " " + id.value()] = id.problem();
  EXPECT_THAT(problems["credit_code 91450100MA5K000120"], HasSubstr("check character"));
  EXPECT_THAT(problems["organization_code D21435691"], HasSubstr("should be X"));
  EXPECT_THAT(problems["registration_number 450100000012345"], HasSubstr("should be 6"));
  // The code embedded in a well-formed credit code is held even when the credit code's own check
  // fails (the organisation code may be right); it passes its own check here.
  EXPECT_EQ(problems.count("organization_code MA5K00012"), 1u);
  EXPECT_EQ(problems["organization_code MA5K00012"], "");
  // A malformed credit code embeds nothing; a 13-digit number has no check digit.
  EXPECT_THAT(Described(ExtractIdentifiers(
                  Org({{"credit_code", "91450100"}, {"registration_number", "4501000000123"}}))),
              UnorderedElementsAre("credit_code 91450100 !", "registration_number 4501000000123"));
}

TEST(LegalEntityIdentifiersTest, LegacyCodeTypeIsInferredFromTheFormat) {
  EXPECT_EQ(LegacyCodeType(IdentifierKey(kOrganizationCode, "MA5K0001-2")), kOrganizationCode);
  EXPECT_EQ(LegacyCodeType("D2143569X"), kOrganizationCode);
  EXPECT_EQ(LegacyCodeType("450100000012346"), kRegistrationNumber);
  EXPECT_EQ(LegacyCodeType("4501000000123"), kRegistrationNumber);
  EXPECT_EQ(LegacyCodeType("45010000001234"), "");
  EXPECT_EQ(LegacyCodeType("91450100MA5K00012J"), "");
  EXPECT_EQ(LegacyCodeType("MA5K0001"), "");
  EXPECT_EQ(LegacyCodeType(""), "");
}

TEST(LegalEntityIdentifiersTest, RegistrationNumberCheckDigitIsIso7064Mod11_10) {
  EXPECT_EQ(RegistrationNumberCheckDigit("11010800000001"), '6');
  EXPECT_EQ(RegistrationNumberProblem("110108000000016"), "");
  EXPECT_THAT(RegistrationNumberProblem("11010800000001"), HasSubstr("13 or 15 digits, has 14"));
  EXPECT_THAT(RegistrationNumberProblem("11010800000001X"), HasSubstr("not a digit"));
  EXPECT_EQ(OrganizationCodeProblem("450000120"), "");
  EXPECT_THAT(OrganizationCodeProblem("45000012"), HasSubstr("9 characters"));
}

class CrosswalkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    es_ = *store::EntityStore::Open(db_.kv(), clock_);
    resolver_ = std::make_unique<RecordResolver>(*es_);
  }

  std::string Submit(const std::string& source, const std::string& key,
                     const std::map<std::string, std::string>& attributes) {
    Mutation m;
    m.record = Org(attributes);
    m.record.set_source(source);
    m.record.set_record_key(key);
    auto outcome = resolver_->Apply(m);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    clock_.Advance(absl::Seconds(1));
    return outcome.ok() ? outcome->entity_id : "";
  }

  store::testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1767225600)};
  std::unique_ptr<store::EntityStore> es_;
  std::unique_ptr<RecordResolver> resolver_;
};

TEST_F(CrosswalkTest, LegacyRecordsJoinTheEntityWhoseCreditCodeEmbedsTheirCode) {
  const std::string e =
      Submit("aic.registration", "new",
             {{"name", "南宁市某某科技有限公司"}, {"credit_code", "91450100MA5K00012J"}});
  // A pre-2015 extract with only the organisation code (hyphenated) joins it ...
  EXPECT_EQ(Submit("scopsr.institution", "old1",
                   {{"name", "南宁市某某科技有限公司"}, {"organization_code", "MA5K0001-2"}}),
            e);
  // ... and brings its registration number, which then links a third record.
  EXPECT_EQ(
      Submit("aic.legacy", "old2",
             {{"organization_code", "MA5K00012"}, {"registration_number", "450100000012346"}}),
      e);
  EXPECT_EQ(Submit("mca.social_org", "old3", {{"registration_number", "450100000012346"}}), e);
  auto found = es_->FindByIdentifier(store::LEGAL_ENTITY, kRegistrationNumber,
                                     IdentifierKey(kRegistrationNumber, "450100 000012346"));
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, UnorderedElementsAre(e));
}

TEST_F(CrosswalkTest, DifferentValidCreditCodesStayApartAndLegacyCodesDoNotConflict) {
  const std::string a = Submit("aic.registration", "a", {{"credit_code", "91450100MA5K00012J"}});
  const std::string b = Submit("aic.registration", "b", {{"credit_code", "92450103MA5L2P3Q68"}});
  EXPECT_NE(a, b);
  // A record holding b's credit code and a registration number that only a legacy record holds:
  // the two kinds of code do not conflict, so the legacy record's entity is merged in.
  const std::string legacy =
      Submit("aic.legacy", "l", {{"registration_number", "450103000056785"}});
  EXPECT_NE(legacy, b);
  EXPECT_EQ(
      Submit("aic.registration", "b2",
             {{"credit_code", "92450103MA5L2P3Q68"}, {"registration_number", "450103000056785"}}),
      b);
  auto merged = es_->GetEntity(legacy);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->id(), b);
}

}  // namespace
}  // namespace mdhub::resolver

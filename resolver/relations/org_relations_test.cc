#include "resolver/relations/org_relations.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/record_resolver.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kHeadCode[] = "91450100MA5L000138";

class OrgRelationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    es_ = *store::EntityStore::Open(db_.kv(), clock_);
    resolver_ = std::make_unique<RecordResolver>(*es_);
  }

  // Submits a legal-entity record and returns its entity id.
  std::string Org(const std::string& key, const std::map<std::string, std::string>& attributes) {
    Mutation m;
    m.record.set_source("aic.registration");
    m.record.set_record_key(key);
    m.record.set_kind(store::LEGAL_ENTITY);
    for (const auto& [k, v] : attributes) (*m.record.mutable_attributes())[k] = v;
    auto outcome = resolver_->Apply(m);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    clock_.Advance(absl::Seconds(1));
    return outcome.ok() ? outcome->entity_id : "";
  }

  store::Entity Get(const std::string& id) {
    auto e = es_->GetEntity(id);
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? *e : store::Entity();
  }

  std::vector<std::string> Targets(const std::string& id) {
    auto links = OutgoingLinks(*es_, Get(id), std::nullopt);
    EXPECT_TRUE(links.ok()) << links.status();
    std::vector<std::string> out;
    if (links.ok()) {
      for (const OrgLink& l : *links) out.push_back(l.type + " " + l.entity_id);
    }
    return out;
  }

  store::testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1700000000)};
  std::unique_ptr<store::EntityStore> es_;
  std::unique_ptr<RecordResolver> resolver_;
};

TEST_F(OrgRelationsTest, ANameTwoEntitiesAnswerToLinksNeitherButACodeStillDoes) {
  const std::string head =
      Org("A1", {{"name", "南宁市某某科技有限公司"}, {"credit_code", kHeadCode}});
  const std::string by_name = Org("B1", {{"name", "南宁市某某科技有限公司青秀分公司"},
                                         {"head_office_name", "南宁市某某科技有限公司"}});
  const std::string by_code = Org(
      "B2", {{"name", "南宁市某某科技有限公司兴宁分公司"}, {"head_office_credit_code", kHeadCode}});
  EXPECT_THAT(Targets(by_name), ElementsAre("branch_of " + head));
  // A second entity registered under the same name (an unresolved duplicate): the name is
  // ambiguous, so no link is guessed; the code is not.
  Org("A2", {{"name", "某某科技（南宁）有限公司"}});
  EXPECT_THAT(Targets(by_name), IsEmpty());
  EXPECT_THAT(Targets(by_code), ElementsAre("branch_of " + head));
}

TEST_F(OrgRelationsTest, IncomingLinksSayWhenMoreThanTheExaminedPointHere) {
  const std::string head =
      Org("A1", {{"name", "某某银行股份有限公司"}, {"credit_code", kHeadCode}});
  const std::string b1 =
      Org("B1", {{"name", "某某银行股份有限公司第一支行"}, {"head_office_credit_code", kHeadCode}});
  const std::string b2 =
      Org("B2", {{"name", "某某银行股份有限公司第二支行"}, {"head_office_credit_code", kHeadCode}});
  auto all = FindIncomingLinks(*es_, Get(head), kBranchOf, std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_FALSE(all->capped);
  ASSERT_EQ(all->links.size(), 2u);
  EXPECT_EQ(all->links[0].entity_id, b1);
  EXPECT_EQ(all->links[1].entity_id, b2);
  EXPECT_TRUE(all->links[0].incoming);

  auto capped = FindIncomingLinks(*es_, Get(head), kBranchOf, std::nullopt, /*max_candidates=*/1);
  ASSERT_TRUE(capped.ok()) << capped.status();
  EXPECT_TRUE(capped->capped);
  EXPECT_EQ(capped->links.size(), 1u);

  EXPECT_TRUE(absl::IsInvalidArgument(
      FindIncomingLinks(*es_, Get(head), kLegalRepresentative, std::nullopt).status()));
}

}  // namespace
}  // namespace mdhub::resolver

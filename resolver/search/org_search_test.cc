#include "resolver/search/org_search.h"

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/record_resolver.h"
#include "resolver/search/internal/org_facts.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

OrgQuery Q(std::string name, std::string region_code = "",
           std::vector<RegistrationState> states = {}) {
  return {std::move(name), std::move(region_code), std::move(states)};
}

store::Entity WithGolden(const std::map<std::string, std::string>& attributes) {
  store::Entity e;
  e.set_kind(store::LEGAL_ENTITY);
  for (const auto& [name, value] : attributes) {
    store::GoldenAttribute* a = e.add_attributes();
    a->set_name(name);
    a->set_value(value);
  }
  return e;
}

TEST(OrgSearchTermsTest, CoresPinyinRegionsStateAndPairs) {
  store::Entity e = WithGolden({{"name", "某某科技（南宁）有限公司"},
                                {"former_name", "南宁市旧名称商贸有限公司；广西某某网络有限公司"},
                                {"address", "广西壮族自治区南宁市青秀区民族大道100号"}});
  store::Record r;
  r.set_kind(store::LEGAL_ENTITY);
  (*r.mutable_attributes())["status"] = "存续（在营、开业、在册）";
  const std::vector<std::string> terms = OrgSearchTerms(e, {r});
  EXPECT_THAT(terms, IsSupersetOf({"oc:某某科技", "op:moumoukeji", "oo:旧名称商贸", "oo:某某网络",
                                   "os:ACTIVE", "or:45", "or:4501", "or:450103", "og:某某",
                                   "og:某科", "og:科技", "og:旧名", "og:网络"}));
  // Legal forms, place names and brackets are not part of any term.
  for (const std::string& t : terms) {
    EXPECT_THAT(t, Not(HasSubstr("有限"))) << t;
    EXPECT_THAT(t, Not(HasSubstr("南宁"))) << t;
  }
  // A branch is found by its head office's core, and says which branch it is.
  EXPECT_THAT(OrgSearchTerms(WithGolden({{"name", "南宁某某科技有限公司柳州分公司"}}), {}),
              IsSupersetOf({"oc:某某科技", "ob:4502分公司", "or:4502"}));
}

TEST(OrgSearchTermsTest, TheNumberOfTermsIsBounded) {
  std::string former;
  for (int i = 0; i < 30; ++i) {
    former += "第" + std::to_string(i) + "号非常长的名称用来测试索引项数量上限的贸易有限公司;";
  }
  store::Entity e = WithGolden({{"name", "某某科技有限公司"}, {"former_name", former}});
  const std::vector<std::string> terms = OrgSearchTerms(e, {});
  EXPECT_LE(terms.size(), 40u);
  EXPECT_THAT(terms, Contains("oc:某某科技"));
}

class OrgSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    es_ = *store::EntityStore::Open(db_.kv(), clock_);
    resolver_ = std::make_unique<RecordResolver>(*es_);
    nanning_ = Org("a1", {{"name", "某某科技（南宁）有限公司"},
                          {"address", "广西壮族自治区南宁市青秀区民族大道100号"},
                          {"status", "存续（在营、开业、在册）"}});
    branch_ = Org("a2", {{"name", "南宁某某科技有限公司柳州分公司"},
                         {"address", "柳州市城中区文昌路8号"},
                         {"status", "存续"}});
    guilin_ = Org("a3", {{"name", "桂林市某某科技有限公司"},
                         {"address", "桂林市七星区漓江路1号"},
                         {"status", "注销"}});
    homophone_ = Org("a4", {{"name", "谋谋科技（南宁）有限公司"},
                            {"address", "南宁市兴宁区民主路12号"},
                            {"status", "在业"}});
    logistics_ = Org("a5", {{"name", "某某物流有限公司"}, {"address", "南宁市兴宁区民主路13号"}});
    renamed_ = Org("a6", {{"name", "广西新名字贸易有限公司"},
                          {"former_name", "南宁旧名称商贸有限公司"},
                          {"address", "南宁市江南区星光大道5号"},
                          {"status", "吊销，未注销"}});
  }

  std::string Org(const std::string& key, std::map<std::string, std::string> attributes) {
    Mutation m;
    m.record.set_source("aic.registration");
    m.record.set_record_key(key);
    m.record.set_kind(store::LEGAL_ENTITY);
    for (auto& [k, v] : attributes) (*m.record.mutable_attributes())[k] = v;
    auto outcome = resolver_->Apply(m);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    clock_.Advance(absl::Seconds(1));
    return outcome.ok() ? outcome->entity_id : "";
  }

  OrgSearchResult Search(const OrgQuery& q, int limit = 20, int offset = 0) {
    auto r = SearchLegalEntities(*es_, q, limit, offset);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *std::move(r) : OrgSearchResult();
  }

  std::vector<std::string> Ids(const OrgQuery& q) {
    std::vector<std::string> ids;
    for (const OrgHit& h : Search(q).hits) ids.push_back(h.legal_entity.id());
    return ids;
  }

  store::testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1767225600)};
  std::unique_ptr<store::EntityStore> es_;
  std::unique_ptr<RecordResolver> resolver_;
  std::string nanning_, branch_, guilin_, homophone_, logistics_, renamed_;
};

TEST_F(OrgSearchTest, PlaceAndBracketsDoNotMatterAndTheRegionRanks) {
  OrgSearchResult r = Search(Q("南宁市某某科技有限公司"));
  ASSERT_GE(r.hits.size(), 4u);
  // The same core in the query's region first, then elsewhere; the homophone; the branch last
  // (it is the head office's name, not its own).
  EXPECT_EQ(r.hits[0].legal_entity.id(), nanning_);
  EXPECT_DOUBLE_EQ(r.hits[0].score, 1.0);
  EXPECT_EQ(r.hits[1].legal_entity.id(), guilin_);
  EXPECT_THAT(Ids(Q("南宁市某某科技有限公司")),
              ElementsAre(nanning_, guilin_, homophone_, branch_));
  // The other way round: the bracketed form finds the prefixed one.
  EXPECT_EQ(Ids(Q("某某科技(桂林)有限公司")).front(), guilin_);
}

TEST_F(OrgSearchTest, TyposHomophonesAndPartsOfNames) {
  // One character typed wrong.
  std::vector<std::string> ids = Ids(Q("南宁市某某科枝有限公司"));
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), nanning_);
  // Same sound, other characters; and pinyin input.
  EXPECT_EQ(Ids(Q("谋谋科技")).front(), homophone_);
  EXPECT_THAT(Ids(Q("某某科技")), Contains(homophone_));
  EXPECT_THAT(Ids(Q("moumoukeji")), IsSupersetOf({nanning_, homophone_}));
  // A part of the name finds every entity containing it, and not the homophone.
  ids = Ids(Q("某某"));
  EXPECT_THAT(ids, UnorderedElementsAre(nanning_, guilin_, branch_, logistics_));
}

TEST_F(OrgSearchTest, AFormerNameFindsTheRenamedEntity) {
  OrgSearchResult r = Search(Q("南宁旧名称商贸有限公司"));
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].legal_entity.id(), renamed_);
  EXPECT_LT(r.hits[0].score, 1.0);  // a former name counts for a little less
  EXPECT_GT(r.hits[0].score, 0.9);
  EXPECT_THAT(Ids(Q("新名字贸易")), ElementsAre(renamed_));
}

TEST_F(OrgSearchTest, RegionAndStateFilters) {
  using S = RegistrationState;
  EXPECT_THAT(Ids(Q("某某科技", "", {S::kActive})),
              UnorderedElementsAre(nanning_, homophone_, branch_));
  EXPECT_THAT(Ids(Q("某某科技", "4503")), ElementsAre(guilin_));
  EXPECT_THAT(Ids(Q("某某科技", "450300")), ElementsAre(guilin_));  // a prefecture's 6-digit code
  // A region alone lists every entity registered there, in id order.
  EXPECT_THAT(Ids(Q("", "4502")), ElementsAre(branch_));
  EXPECT_THAT(Ids(Q("", "4501", {S::kRevoked, S::kUnspecified})),
              ElementsAre(logistics_, renamed_));
}

TEST_F(OrgSearchTest, PagesAndErrors) {
  const std::vector<std::string> all = Ids(Q("某某"));
  ASSERT_EQ(all.size(), 4u);
  OrgSearchResult first = Search(Q("某某"), 3, 0);
  OrgSearchResult second = Search(Q("某某"), 3, 3);
  ASSERT_EQ(first.hits.size(), 3u);
  EXPECT_TRUE(first.more);
  ASSERT_EQ(second.hits.size(), 1u);
  EXPECT_FALSE(second.more);
  EXPECT_EQ(second.hits[0].legal_entity.id(), all[3]);

  auto status = [this](const OrgQuery& q) { return SearchLegalEntities(*es_, q, 20, 0).status(); };
  EXPECT_THAT(status(Q("", "")).message(), HasSubstr("name:"));
  EXPECT_THAT(status(Q("  ", "")).message(), HasSubstr("name:"));
  EXPECT_THAT(status(Q("", "4")).message(), HasSubstr("region_code:"));
  EXPECT_THAT(status(Q("", "45x1")).message(), HasSubstr("region_code:"));
  EXPECT_THAT(status(Q("", "4501020")).message(), HasSubstr("region_code:"));
  EXPECT_THAT(status(Q(std::string("\xff"), "")).message(), HasSubstr("name:"));
  EXPECT_TRUE(absl::IsInvalidArgument(SearchLegalEntities(*es_, Q("某某"), 0, 0).status()));
}

// Timings for the record (not asserted): the cost of the terms at each write and of one search.
TEST_F(OrgSearchTest, Cost) {
  store::Entity e = WithGolden({{"name", "广西南宁某某信息科技股份有限公司"},
                                {"former_name", "南宁市某某电脑有限责任公司"},
                                {"address", "广西壮族自治区南宁市青秀区民族大道100号"}});
  constexpr int kTerms = 200;
  auto start = std::chrono::steady_clock::now();
  size_t n = 0;
  for (int i = 0; i < kTerms; ++i) n += OrgSearchTerms(e, {}).size();
  auto terms_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      kTerms;
  for (int i = 0; i < 200; ++i) {
    Org("bulk" + std::to_string(i), {{"name", "南宁某某" + std::to_string(i) + "号贸易有限公司"},
                                     {"address", "南宁市兴宁区民主路" + std::to_string(i) + "号"},
                                     {"status", "存续"}});
  }
  constexpr int kSearches = 20;
  start = std::chrono::steady_clock::now();
  size_t hits = 0;
  for (int i = 0; i < kSearches; ++i) hits += Search(Q("南宁市某某科技有限公司")).hits.size();
  auto search_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      kSearches;
  std::cout << "OrgSearchTerms: " << terms_us << " us per entity (" << n / kTerms
            << " terms); search over 206 entities: " << search_us << " us (" << hits / kSearches
            << " hits)\n";
  EXPECT_GT(hits, 0u);
}

}  // namespace
}  // namespace mdhub::resolver

#include "resolver/search/person_search.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/record_resolver.h"
#include "resolver/search/internal/person_facts.h"
#include "resolver/standardize/citizen_id.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

// A valid 18-character citizen id: region (6 digits), birth date (8), sequence (3, odd for men).
std::string Id(const std::string& region, const std::string& birth, const std::string& seq) {
  const std::string first17 = region + birth + seq;
  return first17 + CitizenIdCheckCharacter(first17);
}

PersonQuery Q(std::string name, std::string birth_date = "", std::string gender = "",
              std::string region_code = "") {
  return {std::move(name), std::move(birth_date), std::move(gender), std::move(region_code)};
}

class PersonSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    es_ = *store::EntityStore::Open(db_.kv(), clock_);
    resolver_ = std::make_unique<RecordResolver>(*es_);
  }

  // Submits a person record and returns its entity id.
  std::string Person(const std::string& key, std::map<std::string, std::string> attributes) {
    Mutation m;
    m.record.set_source("ps.hukou");
    m.record.set_record_key(key);
    m.record.set_kind(store::PERSON);
    for (auto& [k, v] : attributes) (*m.record.mutable_attributes())[k] = v;
    auto outcome = resolver_->Apply(m);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    clock_.Advance(absl::Seconds(1));
    return outcome.ok() ? outcome->entity_id : "";
  }

  PersonSearchResult Search(PersonQuery q, int limit = 20, int offset = 0,
                            PersonSearchOptions options = {}) {
    auto r = SearchPersons(*es_, q, limit, offset, options);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *std::move(r) : PersonSearchResult();
  }

  // The ids of the hits, best first.
  std::vector<std::string> Ids(const PersonQuery& q) {
    std::vector<std::string> ids;
    for (const PersonHit& h : Search(q).hits) ids.push_back(h.person.id());
    return ids;
  }

  store::testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1767225600)};
  std::unique_ptr<store::EntityStore> es_;
  std::unique_ptr<RecordResolver> resolver_;
};

TEST_F(PersonSearchTest, TermsComeFromGoldenAttributes) {
  store::Entity e;
  e.set_kind(store::PERSON);
  for (auto [name, value] : std::map<std::string, std::string>{{"name", "王建國"},
                                                               {"former_name", "王小建"},
                                                               {"birth_date", "1990年3月7日"},
                                                               {"household_no", "4501 0200 0123"},
                                                               {"phone", "13800771234"}}) {
    store::GoldenAttribute* a = e.add_attributes();
    a->set_name(name);
    a->set_value(value);
  }
  EXPECT_THAT(PersonSearchTerms(e),
              UnorderedElementsAre("n:王建国", "p:wangjianguo", "d:建国", "d:王国", "d:王建",
                                   "n:王小建", "p:wangxiaojian", "b:1990-03-07",
                                   "hh:450102000123"));
  // Without a birth-date attribute, the citizen id's.
  e.clear_attributes();
  store::GoldenAttribute* id = e.add_attributes();
  id->set_name("citizen_id");
  id->set_value(Id("450102", "19850612", "001"));
  EXPECT_THAT(PersonSearchTerms(e), ElementsAre("b:1985-06-12"));
}

// Search scores candidates from their indexed terms instead of standardising names anew.
TEST_F(PersonSearchTest, IndexedFactsReadBackWhatWasIndexed) {
  for (const auto& attributes : std::vector<std::map<std::string, std::string>>{
           {{"name", "王建國"}, {"former_name", "王小建"}, {"birth_date", "19900307"}},
           {{"name", "张伟"}, {"former_name", "張偉"}, {"household_no", "4501 02"}},
           {{"name", "张伟"}, {"former_name", "张玮"}},
           {{"former_name", "李娜"}, {"citizen_id", Id("450102", "19850612", "001")}},
           {{"name", "WANG Fang"}}}) {
    store::Entity e;
    e.set_kind(store::PERSON);
    for (const auto& [name, value] : attributes) {
      store::GoldenAttribute* a = e.add_attributes();
      a->set_name(name);
      a->set_value(value);
    }
    for (const std::string& t : PersonSearchTerms(e)) e.add_search_terms(t);
    const internal::PersonFacts direct = internal::FactsOf(e, true);
    const internal::PersonFacts indexed = internal::IndexedFactsOf(e, true);
    ASSERT_LE(indexed.names.size(), direct.names.size());
    for (size_t i = 0; i < indexed.names.size(); ++i) {
      EXPECT_EQ(indexed.names[i].written, direct.names[i].written);
      EXPECT_EQ(indexed.names[i].former, direct.names[i].former);
      // A former name reading like the current one keeps no pinyin of its own.
      if (!indexed.names[i].pinyin.empty()) {
        EXPECT_EQ(indexed.names[i].pinyin, direct.names[i].pinyin);
      }
    }
    EXPECT_EQ(indexed.birth_date, direct.birth_date);
    EXPECT_EQ(indexed.gender, direct.gender);
    EXPECT_EQ(indexed.regions, direct.regions);
    EXPECT_EQ(indexed.household_no, direct.household_no);
  }
}

TEST_F(PersonSearchTest, ExactTraditionalAndHomophone) {
  const std::string wei = Person("h1", {{"name", "张伟"}});
  const std::string wei2 = Person("h2", {{"name", "张玮"}});
  Person("h3", {{"name", "李娜"}});
  const std::string lihua = Person("h4", {{"name", "陳麗華"}});  // traditional

  PersonSearchResult r = Search(Q("张伟"));
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].person.id(), wei);
  EXPECT_DOUBLE_EQ(r.hits[0].score, 1.0);
  EXPECT_EQ(r.hits[1].person.id(), wei2);  // same pinyin: a homophone, ranked below
  EXPECT_LT(r.hits[1].score, r.hits[0].score);
  EXPECT_FALSE(r.more);
  EXPECT_FALSE(r.capped);

  EXPECT_THAT(Ids(Q("張偉")), ElementsAre(wei, wei2));
  EXPECT_THAT(Ids(Q("陈丽华")), ElementsAre(lihua));
  EXPECT_THAT(Ids(Q("ＣＨＥＮ　ＬＩ　ＨＵＡ")), ElementsAre(lihua));  // full-width pinyin
}

TEST_F(PersonSearchTest, PinyinInputFindsEveryHomophone) {
  const std::string wei = Person("h1", {{"name", "张伟"}});
  const std::string wei2 = Person("h2", {{"name", "张玮"}});
  Person("h3", {{"name", "张丽"}});
  // Equal scores: by id.
  EXPECT_THAT(Ids(Q("Zhang Wei")), ElementsAre(wei, wei2));
  EXPECT_THAT(Ids(Q("zhangwei")), ElementsAre(wei, wei2));
  // A mistyped letter in pinyin input: found through the birth date's candidates.
  const std::string dated = Person("h4", {{"name", "张伟"}, {"birth_date", "1990-03-07"}});
  EXPECT_THAT(Ids(Q("zhang wie", "1990-03-07")), ElementsAre(dated));
}

TEST_F(PersonSearchTest, OneCharacterTypoMissingOrExtra) {
  const std::string jianguo = Person("h1", {{"name", "王建国"}});
  const std::string jianhua = Person("h2", {{"name", "王建华"}});  // one from 王建军 too
  Person("h3", {{"name", "刘德华"}});
  PersonSearchResult r = Search(Q("王建军"));
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].score, r.hits[1].score);
  EXPECT_THAT(Ids(Q("李建国")), ElementsAre(jianguo));  // the surname mistyped
  EXPECT_THAT(Ids(Q("王国")), ElementsAre(jianguo));   // a character missing
  EXPECT_THAT(Ids(Q("王建国强")), ElementsAre(jianguo));  // one too many
  EXPECT_THAT(Ids(Q("王建国")), ElementsAre(jianguo, jianhua));
  // Two-character names one character apart are different names.
  Person("h4", {{"name", "张伟"}});
  EXPECT_THAT(Ids(Q("张传")), ElementsAre());
}

TEST_F(PersonSearchTest, FormerNameCountsSlightlyLess) {
  const std::string renamed = Person("h1", {{"name", "王红"}, {"former_name", "王小红"}});
  const std::string current = Person("h2", {{"name", "王小红"}});
  PersonSearchResult r = Search(Q("王小红"));
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].person.id(), current);
  EXPECT_EQ(r.hits[1].person.id(), renamed);
  EXPECT_GT(r.hits[1].score, 0.9);
}

TEST_F(PersonSearchTest, BirthDateOnly) {
  const std::string a = Person("h1", {{"name", "张伟"}, {"birth_date", "1990-03-07"}});
  // Birth date from the citizen id when the record has none.
  const std::string b =
      Person("h2", {{"name", "李娜"}, {"citizen_id", Id("450102", "19900307", "002")}});
  const std::string c = Person("h3", {{"name", "王芳"}, {"birth_date", "1990/3/21"}});
  const std::string d = Person("h4", {{"name", "刘洋"}, {"birth_date", "199003"}});  // month only
  Person("h5", {{"name", "陈杰"}, {"birth_date", "1991-03-07"}});
  EXPECT_THAT(Ids(Q("", "1990-03-07")), ElementsAre(a, b, d));
  EXPECT_THAT(Ids(Q("", "1990-03")), UnorderedElementsAre(a, b, c, d));
  EXPECT_THAT(Ids(Q("", "19900307")), ElementsAre(a, b, d));
}

TEST_F(PersonSearchTest, GenderAndRegionFilter) {
  // 兴宁区 of Nanning (4501), 七星区 of Guilin (4503).
  const std::string nanning =
      Person("h1", {{"name", "张伟"}, {"citizen_id", Id("450102", "19900307", "001")}});
  const std::string guilin =
      Person("h2", {{"name", "张伟"}, {"citizen_id", Id("450305", "19900307", "002")}});
  const std::string unknown = Person("h3", {{"name", "张伟"}});  // neither gender nor region
  // Born in Beijing (朝阳区), lives in Nanning.
  const std::string moved = Person("h4", {{"name", "张伟"},
                                          {"citizen_id", Id("110105", "19900307", "003")},
                                          {"address", "广西南宁市兴宁区民生路12号"}});
  // A retired county code (武鸣县 450122, now 武鸣区 450110).
  const std::string wuming =
      Person("h5", {{"name", "张伟"}, {"citizen_id", Id("450122", "19900307", "005")}});

  EXPECT_THAT(Ids(Q("张伟", "", "M")), ElementsAre(nanning, moved, wuming));
  EXPECT_THAT(Ids(Q("张伟", "", "女")), ElementsAre(guilin));
  EXPECT_THAT(Ids(Q("张伟", "", "", "4501")), ElementsAre(nanning, moved, wuming));
  EXPECT_THAT(Ids(Q("张伟", "", "", "450102")), ElementsAre(nanning, moved));
  EXPECT_THAT(Ids(Q("张伟", "", "", "4503")), ElementsAre(guilin));
  EXPECT_THAT(Ids(Q("张伟", "", "", "11")), ElementsAre(moved));
  EXPECT_THAT(Ids(Q("张伟", "", "", "450110")), ElementsAre(wuming));
  EXPECT_THAT(Ids(Q("张伟", "", "", "450122")), ElementsAre(wuming));
  EXPECT_THAT(Ids(Q("张伟", "", "M", "4503")), ElementsAre());
  EXPECT_THAT(Ids(Q("张伟")), IsSupersetOf({unknown}));
}

TEST_F(PersonSearchTest, BetterMatchRanksFirst) {
  const std::string other_year = Person("h1", {{"name", "张伟"}, {"birth_date", "1985-01-02"}});
  const std::string homophone = Person("h2", {{"name", "张玮"}, {"birth_date", "1990-03-07"}});
  const std::string best = Person("h3", {{"name", "张伟"}, {"birth_date", "1990-03-07"}});
  const std::string other_day = Person("h4", {{"name", "张伟"}, {"birth_date", "1990-03-08"}});
  const std::string no_date = Person("h5", {{"name", "张伟"}});
  PersonSearchResult r = Search(Q("张伟", "1990-03-07"));
  std::vector<std::string> ids;
  for (const PersonHit& h : r.hits) ids.push_back(h.person.id());
  EXPECT_THAT(ids, ElementsAre(best, homophone, no_date, other_day, other_year));
  EXPECT_DOUBLE_EQ(r.hits[0].score, 1.0);
  for (size_t i = 1; i < r.hits.size(); ++i) EXPECT_LT(r.hits[i].score, r.hits[i - 1].score);
}

TEST_F(PersonSearchTest, PagesAreStableAndCandidatesCapped) {
  std::vector<std::string> all;
  for (int i = 0; i < 5; ++i) all.push_back(Person("h" + std::to_string(i), {{"name", "刘洋"}}));
  std::vector<std::string> paged;
  for (int offset = 0; offset < 6; offset += 2) {
    PersonSearchResult r = Search(Q("刘洋"), 2, offset);
    for (const PersonHit& h : r.hits) paged.push_back(h.person.id());
    EXPECT_EQ(r.more, offset + 2 < 5) << offset;
  }
  EXPECT_EQ(paged, all);  // equal scores: by id, which is creation order
  EXPECT_TRUE(Search(Q("刘洋"), 2, 10).hits.empty());

  PersonSearchResult capped = Search(Q("刘洋"), 20, 0, {.max_candidates = 3});
  EXPECT_TRUE(capped.capped);
  EXPECT_EQ(capped.hits.size(), 3u);
}

// With a name shared by more persons than a search examines, the birth date still finds the one.
TEST_F(PersonSearchTest, CommonNameWithBirthDateBeatsTheCap) {
  for (int i = 0; i < 5; ++i) {
    Person("h" + std::to_string(i),
           {{"name", "刘洋"}, {"birth_date", "1980-01-0" + std::to_string(i + 1)}});
  }
  const std::string wanted = Person("w", {{"name", "刘洋"}, {"birth_date", "1990-03-07"}});
  PersonSearchResult r = Search(Q("刘洋", "1990-03-07"), 20, 0, {.max_candidates = 3});
  EXPECT_TRUE(r.capped);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].person.id(), wanted);
  EXPECT_DOUBLE_EQ(r.hits[0].score, 1.0);
}

TEST_F(PersonSearchTest, IndexFollowsChangesAndDeletes) {
  const std::string id = Person("h1", {{"name", "张伟"}});
  Person("h1", {{"name", "张卫东"}});
  EXPECT_THAT(Ids(Q("张伟")), ElementsAre());
  EXPECT_THAT(Ids(Q("张卫东")), ElementsAre(id));
  Mutation del;
  del.is_delete = true;
  del.record.set_source("ps.hukou");
  del.record.set_record_key("h1");
  ASSERT_TRUE(resolver_->Apply(del).ok());
  EXPECT_THAT(Ids(Q("张卫东")), ElementsAre());
}

TEST_F(PersonSearchTest, MalformedQueriesNameTheField) {
  auto error = [&](PersonQuery q) {
    auto r = SearchPersons(*es_, q, 10, 0);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(r.status().message());
  };
  EXPECT_THAT(error(Q("")), StartsWith("name: "));
  EXPECT_THAT(error(Q("  ", "", "M")), StartsWith("name: "));
  EXPECT_THAT(error(Q("张伟", "1990-13-01")), StartsWith("birth_date: "));
  EXPECT_THAT(error(Q("张伟", "", "X")), StartsWith("gender: "));
  EXPECT_THAT(error(Q("张伟", "", "", "45a1")), StartsWith("region_code: "));
  EXPECT_THAT(error(Q("张伟", "", "", "450")), StartsWith("region_code: "));
  EXPECT_THAT(error(Q("张伟", "", "", "4599")), StartsWith("region_code: "));
  EXPECT_THAT(error(Q("\xe5\xbc")), StartsWith("name: "));  // truncated UTF-8
}

TEST_F(PersonSearchTest, HouseholdMembers) {
  const std::string father = Person("h1", {{"name", "张伟"}, {"household_no", "450102000123"}});
  const std::string mother = Person("h2", {{"name", "李娜"}, {"household_no", "450102 000123"}});
  const std::string child =
      Person("h3", {{"name", "张小明"}, {"household_no", "４５０１０２０００１２３"}});
  Person("h4", {{"name", "王芳"}, {"household_no", "450102000124"}});
  const std::string alone = Person("h5", {{"name", "刘洋"}});

  auto page = ListHouseholdMembers(*es_, child, 10, 0);
  ASSERT_TRUE(page.ok()) << page.status();
  std::vector<std::string> ids;
  for (const store::Entity& e : page->members) ids.push_back(e.id());
  EXPECT_THAT(ids, ElementsAre(father, mother, child));
  EXPECT_FALSE(page->more);

  auto first = ListHouseholdMembers(*es_, father, 2, 0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->members.size(), 2u);
  EXPECT_TRUE(first->more);
  auto second = ListHouseholdMembers(*es_, father, 2, 2);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->members.size(), 1u);
  EXPECT_EQ(second->members[0].id(), child);
  EXPECT_FALSE(second->more);

  EXPECT_EQ(ListHouseholdMembers(*es_, alone, 10, 0).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ListHouseholdMembers(*es_, "P0000000999", 10, 0).status().code(),
            absl::StatusCode::kNotFound);

  // Moving out of the household.
  Person("h2", {{"name", "李娜"}, {"household_no", "450102000999"}});
  page = ListHouseholdMembers(*es_, father, 10, 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->members.size(), 2u);
}

}  // namespace
}  // namespace mdhub::resolver

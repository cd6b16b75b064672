#include "resolver/match/batch_matcher.h"

#include <fstream>
#include <random>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/match/evaluation.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

constexpr char kSettings[] = R"(
link_type = "dedupe"
record_id = "id"
[[field]]
name = "given"
compare = "jaro_winkler"
term_frequency = true
[[field]]
name = "surname"
compare = "jaro_winkler"
[[field]]
name = "dob"
compare = "damerau"
levels = [1, 2]
[[field]]
name = "postcode"
compare = "exact"
[[blocking]]
keys = ["surname:2"]
[[blocking]]
keys = ["dob"]
[model]
random_pairs = 200000
)";

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// 300 people, each with 0 to 3 noisy copies (a typo in a name, two dob digits swapped, a missing
// postcode); the true person is the id's prefix before '-'.
std::string NoisyPeople(std::vector<std::string>* truth) {
  const char* given[] = {"wei", "fang", "jun", "li", "ming", "hua", "qiang", "yan", "jie", "xiu"};
  std::mt19937 rng(7);
  std::string csv = "id,given,surname,dob,postcode\n";
  for (int p = 0; p < 300; ++p) {
    std::string g = given[rng() % 10];
    std::string s = std::string(1, 'a' + rng() % 26) + std::string(1, 'a' + rng() % 26) + "ng" +
                    std::string(1, 'a' + rng() % 26) + std::string(1, 'a' + rng() % 26);
    std::string dob = std::to_string(19400101 + (rng() % 60) * 10000 + (rng() % 12) * 100 +
                                     rng() % 28);
    std::string pc = std::to_string(530000 + rng() % 999);
    const int copies = rng() % 4;
    for (int c = 0; c <= copies; ++c) {
      std::string g2 = g, s2 = s, d2 = dob, pc2 = pc;
      if (c > 0) {
        switch (rng() % 3) {
          case 0:
            s2[rng() % s2.size()] = 'a' + rng() % 26;
            break;
          case 1:
            std::swap(d2[6], d2[7]);
            break;
          default:
            pc2.clear();
        }
      }
      csv += std::to_string(p) + "-" + std::to_string(c) + "," + g2 + "," + s2 + "," + d2 + "," +
             pc2 + "\n";
      truth->push_back(std::to_string(p));
    }
  }
  return csv;
}

TEST(BatchMatcherTest, FindsNoisyDuplicatesWithoutLabels) {
  std::string dir = store::testing::FreshTempDir("match");
  std::vector<std::string> truth;
  auto settings = MatchSettings::Load(Write(dir, "s.toml", kSettings));
  ASSERT_TRUE(settings.ok()) << settings.status();
  auto data = MatchDataset::Load({Write(dir, "people.csv", NoisyPeople(&truth))}, *settings);
  ASSERT_TRUE(data.ok()) << data.status();
  MatchResult result = *MatchBatch(*data, *settings, {});
  PairwiseMetrics m = EvaluatePairwise(result.cluster, truth);
  EXPECT_GT(m.f1, 0.95) << result.model_description;
  EXPECT_GT(result.pairs_compared, 0);
  // The model learned that agreeing dates of birth are strong evidence.
  EXPECT_THAT(result.model_description, ::testing::HasSubstr("dob:"));
}

TEST(BatchMatcherTest, LinkingComparesOnlyAcrossFilesAndGuardsOversizedBlocks) {
  std::string dir = store::testing::FreshTempDir("match");
  std::string settings_text = kSettings;
  settings_text.replace(settings_text.find("dedupe"), 6, "link");
  settings_text += "max_block_size = 3\n";
  auto settings = MatchSettings::Load(Write(dir, "s.toml", settings_text));
  ASSERT_TRUE(settings.ok()) << settings.status();
  std::string a = "id,given,surname,dob,postcode\n1,wei,zhang,19800101,530001\n"
                  "2,wei,zhang,19800101,530001\n";
  std::string b = "id,given,surname,dob,postcode\n3,wei,zhang,19800101,530001\n"
                  "4,fang,li,19900202,530002\n5,fang,li,19900203,530002\n6,fang,li,19900204,530002\n";
  auto data = MatchDataset::Load({Write(dir, "a.csv", a), Write(dir, "b.csv", b)}, *settings);
  ASSERT_TRUE(data.ok()) << data.status();
  MatchResult result = *MatchBatch(*data, *settings, {});
  for (const ScoredPair& p : result.pairs) EXPECT_NE(data->source(p.a), data->source(p.b));
  // The "li" surname block has 3 records (allowed); the "zh" block has 3 as well; none skipped.
  EXPECT_EQ(result.blocks_skipped, 0);
  settings->max_block_size = 2;
  result = *MatchBatch(*data, *settings, {});
  // "zh" and "li" surname blocks and the shared date of birth 19800101: 3 blocks of 3.
  EXPECT_EQ(result.blocks_skipped, 3);
  EXPECT_EQ(result.records_in_skipped_blocks, 9);
}

TEST(BatchMatcherTest, DifferentValidCitizenIdsAreNeverOnePerson) {
  std::string dir = store::testing::FreshTempDir("match");
  const std::string base = R"(
link_type = "dedupe"
record_id = "id"
[[field]]
name = "name"
standardize = "name"
compare = "jaro_winkler"
[[field]]
name = "dob"
standardize = "date"
compare = "exact"
[[field]]
name = "address"
compare = "exact"
[[field]]
name = "cid"
standardize = "citizen_id"
compare = "exact"
[[blocking]]
keys = ["dob"]
[model]
link_threshold = 0.5
)";
  // Twins: same name spelling (after standardisation), birth date and address; different valid
  // ids. A third record without an id links to one of them. Filler rows give u something to learn.
  std::string csv = "id,name,dob,address,cid\n"
                    "t1,韦小宝,1990-03-07,民生路12号,450102199003071238\n"
                    "t2,韋小寶,19900307,民生路12号,450102199003071254\n"
                    "t3,韦小宝,1990年3月7日,民生路12号,\n";
  for (int i = 0; i < 50; ++i) {
    csv += "f" + std::to_string(i) + ",某" + std::to_string(i) + ",19" + std::to_string(50 + i) +
           "-01-01,路" + std::to_string(i) + "号,\n";
  }
  std::string people = Write(dir, "p.csv", csv);
  auto free = MatchSettings::Load(Write(dir, "free.toml", base));
  ASSERT_TRUE(free.ok()) << free.status();
  auto data = MatchDataset::Load({people}, *free);
  ASSERT_TRUE(data.ok()) << data.status();
  MatchResult unconstrained = *MatchBatch(*data, *free, {});
  EXPECT_EQ(unconstrained.cluster[0], unconstrained.cluster[1]);

  auto strict = MatchSettings::Load(Write(dir, "strict.toml", base + "distinct_fields = [\"cid\"]\n"));
  ASSERT_TRUE(strict.ok()) << strict.status();
  MatchResult constrained = *MatchBatch(*data, *strict, {});
  EXPECT_NE(constrained.cluster[0], constrained.cluster[1]);
  EXPECT_GE(constrained.links_refused, 1);
  // The record without an id joined one twin, not both.
  EXPECT_TRUE(constrained.cluster[2] == constrained.cluster[0] ||
              constrained.cluster[2] == constrained.cluster[1]);
}

TEST(BatchMatcherTest, FilesWithDifferentSchemasAreReadThroughTheirColumnMaps) {
  std::string dir = store::testing::FreshTempDir("match");
  std::string settings_text = kSettings;
  settings_text.replace(settings_text.find("dedupe"), 6, "link");
  auto settings = MatchSettings::Load(Write(dir, "s.toml", settings_text));
  ASSERT_TRUE(settings.ok());
  std::string a = Write(dir, "a.csv", "id,given,surname,dob,postcode\n1,wei,zhang,19800101,530001\n");
  std::string b = Write(dir, "b.csv", "\xEF\xBB\xBFpid,ming,xing,csrq,yb\nX9,wei,zhang,19800101,530001\n");
  std::vector<MatchInput> inputs = {
      {a, "", {}},
      {b, "hrss.insured",
       {{"id", "pid"}, {"given", "ming"}, {"surname", "xing"}, {"dob", "csrq"}, {"postcode", "yb"}}}};
  auto data = MatchDataset::Load(inputs, *settings);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->source_name(1), "hrss.insured");
  EXPECT_EQ(data->id(1), "X9");
  EXPECT_EQ(data->value(1, 1), "zhang");
  // An agency's file may not hold an attribute: its records lack it, and the user is told.
  inputs[1].columns.erase("dob");
  auto missing = MatchDataset::Load(inputs, *settings);
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_EQ(missing->value(1, 2), "");
  ASSERT_EQ(missing->notes().size(), 1u);
  EXPECT_THAT(missing->notes()[0], ::testing::HasSubstr("no column for \"dob\""));
  // Without a column map, a column the settings name must exist.
  auto strict = MatchDataset::Load({b}, *settings);
  EXPECT_THAT(std::string(strict.status().message()), ::testing::HasSubstr(":1: no column \"id\""));
}

TEST(BatchMatcherTest, ASavedModelIsReusedAndCheckedAgainstTheSettings) {
  std::string dir = store::testing::FreshTempDir("match");
  std::vector<std::string> truth;
  auto settings = MatchSettings::Load(Write(dir, "s.toml", kSettings));
  ASSERT_TRUE(settings.ok());
  auto data = MatchDataset::Load({Write(dir, "people.csv", NoisyPeople(&truth))}, *settings);
  ASSERT_TRUE(data.ok());
  auto trained = MatchBatch(*data, *settings, {});
  ASSERT_TRUE(trained.ok());
  BatchOptions reuse;
  reuse.model_path = Write(dir, "model.toml", trained->model);
  auto reused = MatchBatch(*data, *settings, reuse);
  ASSERT_TRUE(reused.ok()) << reused.status();
  EXPECT_EQ(reused->model, trained->model);
  EXPECT_EQ(reused->cluster, trained->cluster);
  EXPECT_EQ(reused->em_iterations, 0);
  // Explanations add up to the pair's score.
  MatchModel model(*settings, *data);
  ASSERT_TRUE(model.LoadText(trained->model, "model").ok());
  const ScoredPair& p = trained->pairs.front();
  MatchModel::Explanation e = model.Explain(p.a, p.b);
  double sum = e.prior_weight;
  for (const auto& f : e.fields) sum += f.weight;
  EXPECT_NEAR(sum, e.weight, 1e-9);
  EXPECT_NEAR(e.weight, p.weight, 1e-3);
  EXPECT_EQ(e.fields.size(), 4u);
  // A model for other settings is refused.
  settings->fields.pop_back();
  MatchModel smaller(*settings, *data);
  EXPECT_THAT(std::string(smaller.Load(reuse.model_path).message()),
              ::testing::HasSubstr("has 4 fields, the settings have 3"));
}

TEST(MatchSettingsTest, ErrorsNameFileAndLine) {
  std::string dir = store::testing::FreshTempDir("match");
  auto s = MatchSettings::Load(Write(dir, "bad.toml", "record_id = \"id\"\n[[field]]\nname = \"x\"\n"
                                                      "compare = \"soundex\"\n[[blocking]]\n"
                                                      "keys = [\"x\"]\n"));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()),
              ::testing::HasSubstr("bad.toml:4:11: compare \"soundex\" must be"));
  EXPECT_THAT(std::string(MatchSettings::Load(Write(dir, "nob.toml", "record_id = \"id\"\n"
                                                                     "[[field]]\nname = \"x\"\n"))
                              .status()
                              .message()),
              ::testing::HasSubstr("[[blocking]]"));
}

}  // namespace
}  // namespace mdhub::resolver

// Batch and incremental resolution agree on the same data: generated multi-agency person
// extracts are matched by `mdhub match`'s engine (MatchBatch), then the same records are submitted
// one batch at a time to the RecordResolver with the model the batch job trained, and the two
// partitions of the records are compared with each other and with the truth.
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "resolver/match/batch_matcher.h"
#include "resolver/match/dataset.h"
#include "resolver/match/evaluation.h"
#include "resolver/match/profile.h"
#include "resolver/record_resolver.h"
#include "services/internal/mapping.h"
#include "store/entity_store.h"
#include "store/testing/temp_db.h"
#include "tools/cli/record_file.h"
#include "tools/gen/person_generator.h"

namespace mdhub {
namespace {

using gen::Extract;

constexpr int kPersons = 3000;
const Extract kExtracts[] = {Extract::kHukou, Extract::kHealth, Extract::kHrss};

class BatchIncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::testing::FreshTempDir("agreement");
    std::ofstream hukou(Path(Extract::kHukou, ".csv")), health(Path(Extract::kHealth, ".csv")),
        hrss(Path(Extract::kHrss, ".csv")), truth(dir_ + "/truth.csv");
    gen::PersonExtractStreams streams{hukou, health, hrss, truth};
    gen::PersonGeneratorOptions options;
    options.persons = kPersons;
    options.seed = 11;
    ASSERT_TRUE(gen::GeneratePersonExtracts(options, streams).ok());
    for (Extract e : kExtracts) std::ofstream(Path(e, ".toml")) << gen::ImportMapping(e);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(Extract e, const char* ext) const {
    return dir_ + "/" + gen::ExtractFileStem(e) + ext;
  }

  std::string dir_;
};

TEST_F(BatchIncrementalTest, AgreeOnGeneratedPersons) {
  auto settings =
      resolver::MatchSettings::Load(std::string(MDHUB_SOURCE_DIR) + "/docs/examples/persons/settings.toml");
  ASSERT_TRUE(settings.ok()) << settings.status();
  std::vector<resolver::MatchInput> inputs;
  std::vector<cli::RecordMapping> mappings;
  for (Extract e : kExtracts) {
    auto mapping = cli::RecordMapping::Load(Path(e, ".toml"));
    ASSERT_TRUE(mapping.ok()) << mapping.status();
    resolver::MatchInput input{Path(e, ".csv"), mapping->source, {}};
    input.columns[settings->record_id] = mapping->key_column;
    for (const auto& [attribute, column] : mapping->attributes) input.columns[attribute] = column;
    inputs.push_back(input);
    mappings.push_back(*mapping);
  }
  auto data = resolver::MatchDataset::Load(inputs, *settings);
  ASSERT_TRUE(data.ok()) << data.status();
  auto batch = resolver::MatchBatch(*data, *settings, {});
  ASSERT_TRUE(batch.ok()) << batch.status();

  // The same records, resolved one by one with the model the batch job trained.
  auto profile = resolver::MatchProfile::Create(*settings, batch->model, "batch model");
  ASSERT_TRUE(profile.ok()) << profile.status();
  store::testing::TempDb db;
  RealClock clock;
  auto entities = store::EntityStore::Open(db.kv(), clock);
  ASSERT_TRUE(entities.ok());
  resolver::RecordResolver incremental(**entities, nullptr, {profile->get(), nullptr});
  for (size_t f = 0; f < mappings.size(); ++f) {
    auto reader = cli::RecordFileReader::Open(inputs[f].path, mappings[f]);
    ASSERT_TRUE(reader.ok()) << reader.status();
    std::vector<resolver::Mutation> chunk;
    auto flush = [&] {
      auto results = incremental.ApplyBatch(chunk);
      ASSERT_TRUE(results.ok()) << results.status();
      for (const auto& r : *results) ASSERT_TRUE(r.ok()) << r.status();
      chunk.clear();
    };
    v1::SourceRecord record;
    for (;;) {
      auto more = (*reader)->Next(&record);
      ASSERT_TRUE(more.ok()) << more.status();
      if (!*more) break;
      auto m = services::internal::ToUpsert(record, store::PERSON, "record");
      ASSERT_TRUE(m.ok()) << m.status();
      chunk.push_back(*std::move(m));
      if (chunk.size() == 256) flush();
    }
    flush();
  }

  std::map<std::pair<std::string, std::string>, std::string> truth_of;
  {
    std::ifstream truth(dir_ + "/truth.csv");
    std::string line;
    std::getline(truth, line);
    while (std::getline(truth, line)) {
      const auto a = line.find(','), b = line.rfind(',');
      truth_of[{line.substr(0, a), line.substr(a + 1, b - a - 1)}] = line.substr(b + 1);
    }
  }
  std::vector<std::string> batch_clusters, incremental_clusters, truth;
  for (uint32_t i = 0; i < data->size(); ++i) {
    auto stored = (*entities)->GetRecord(data->source_name(i), data->id(i));
    ASSERT_TRUE(stored.ok()) << stored.status();
    batch_clusters.push_back(batch->cluster[i]);
    incremental_clusters.push_back(stored->entity_id());
    truth.push_back(truth_of[{data->source_name(i), data->id(i)}]);
  }
  const auto agreement = resolver::EvaluatePairwise(incremental_clusters, batch_clusters);
  const auto batch_quality = resolver::EvaluatePairwise(batch_clusters, truth);
  const auto incremental_quality = resolver::EvaluatePairwise(incremental_clusters, truth);
  std::cout << "records " << data->size() << "; incremental vs batch: precision "
            << agreement.precision << " recall " << agreement.recall << " F1 " << agreement.f1
            << "; F1 against the truth: batch " << batch_quality.f1 << ", incremental "
            << incremental_quality.f1 << "\n";
  EXPECT_GE(agreement.f1, 0.99);
  EXPECT_GE(incremental_quality.f1, 0.97);
  EXPECT_GE(batch_quality.f1, 0.97);
}

}  // namespace
}  // namespace mdhub

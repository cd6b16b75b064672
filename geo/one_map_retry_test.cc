// A feature write that the store refuses as a conflict is retried by EntityStore; the write
// completes the prepared features in place (OneMap::Commit), so the retry must store exactly
// what a first attempt would have.
#include <memory>
#include <string>
#include <vector>

#include "geo/one_map.h"
#include "geo/query.h"
#include "geo/testing/map_fixture.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

// The wrapped store, except that its next `conflicts` transaction commits are refused as
// conflicts (as RocksDB refuses one that raced another writer), after all their writes were made.
class ConflictingKv final : public store::KvStore {
 public:
  explicit ConflictingKv(store::KvStore& kv) : kv_(kv) {}
  int conflicts = 0;

  absl::StatusOr<std::string> Get(absl::string_view key, const store::Snapshot* s) override {
    return kv_.Get(key, s);
  }
  std::vector<absl::StatusOr<std::string>> MultiGet(const std::vector<std::string>& keys,
                                                    const store::Snapshot* s) override {
    return kv_.MultiGet(keys, s);
  }
  std::unique_ptr<store::Iterator> Scan(absl::string_view begin, absl::string_view end,
                                        const store::Snapshot* s) override {
    return kv_.Scan(begin, end, s);
  }
  absl::Status Write(const store::WriteBatch& batch, store::Durability d) override {
    return kv_.Write(batch, d);
  }
  std::unique_ptr<store::Transaction> BeginTransaction() override {
    return std::make_unique<Txn>(kv_.BeginTransaction(), conflicts);
  }
  absl::Status SyncWrites() override { return kv_.SyncWrites(); }
  std::unique_ptr<store::Snapshot> GetSnapshot() override { return kv_.GetSnapshot(); }
  absl::StatusOr<BackupInfo> CreateBackup(const std::string& dir) override {
    return kv_.CreateBackup(dir);
  }

 private:
  class Txn final : public store::Transaction {
   public:
    Txn(std::unique_ptr<store::Transaction> t, int& conflicts)
        : t_(std::move(t)), conflicts_(conflicts) {}
    absl::StatusOr<std::string> Get(absl::string_view k) override { return t_->Get(k); }
    absl::StatusOr<std::string> GetUnchecked(absl::string_view k) override {
      return t_->GetUnchecked(k);
    }
    std::vector<absl::StatusOr<std::string>> MultiGetUnchecked(
        const std::vector<std::string>& keys) override {
      return t_->MultiGetUnchecked(keys);
    }
    std::unique_ptr<store::Iterator> Scan(absl::string_view b, absl::string_view e) override {
      return t_->Scan(b, e);
    }
    void Put(absl::string_view k, absl::string_view v) override { t_->Put(k, v); }
    void PutBlind(absl::string_view k, absl::string_view v) override { t_->PutBlind(k, v); }
    void Delete(absl::string_view k) override { t_->Delete(k); }
    void DeleteBlind(absl::string_view k) override { t_->DeleteBlind(k); }
    absl::Status Commit() override { return Refused() ? Conflict() : t_->Commit(); }
    absl::Status CommitUnsynced() override {
      return Refused() ? Conflict() : t_->CommitUnsynced();
    }

   private:
    bool Refused() { return conflicts_ > 0 && conflicts_-- > 0; }
    static absl::Status Conflict() { return absl::AbortedError("conflict (test)"); }
    std::unique_ptr<store::Transaction> t_;
    int& conflicts_;
  };

  store::KvStore& kv_;
};

class OneMapRetryTest : public testing::MapFixture {
 protected:
  OneMapRetryTest() : kv_(db_.kv()) {
    auto entities = store::EntityStore::Open(kv_, clock_);
    EXPECT_TRUE(entities.ok()) << entities.status();
    entities_ = *std::move(entities);
    features_ = std::make_unique<store::FeatureStore>(*entities_);
    map_ = std::make_unique<OneMap>(*entities_, *features_, nullptr);
  }
  ConflictingKv kv_;
};

TEST_F(OneMapRetryTest, ARetriedBatchStoresWhatAFirstAttemptWould) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("land.parcel", store::POLYGON)).ok());
  auto first =
      WriteOne(Upsert("land.parcel", "a", Geometry::Rectangle({108.30, 22.80, 108.31, 22.81})));
  ASSERT_TRUE(first.ok());
  clock_.Advance(absl::Seconds(5));

  // One batch: a new feature, an update of "a", the same new feature again, and a delete of it;
  // its first two commits are refused.
  std::vector<FeatureMutation> batch;
  batch.push_back(Upsert("land.parcel", "b", Geometry::Rectangle({108.32, 22.80, 108.33, 22.81})));
  batch.push_back(Upsert("land.parcel", "a", Geometry::Rectangle({108.30, 22.80, 108.32, 22.82})));
  batch.push_back(Upsert("land.parcel", "b", Geometry::Rectangle({108.32, 22.80, 108.34, 22.82})));
  FeatureMutation gone;
  gone.layer_id = "land.parcel";
  gone.feature_id = "b";
  gone.is_delete = true;
  batch.push_back(std::move(gone));
  kv_.conflicts = 2;
  auto results = map_->Write(std::move(batch), {});
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(kv_.conflicts, 0);  // it was refused twice, then committed
  ASSERT_EQ(results->size(), 4u);
  for (const auto& r : *results) ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*results)[0]->outcome, FeatureWriteResult::kCreated);
  EXPECT_EQ((*results)[0]->version, 1);
  EXPECT_EQ((*results)[1]->outcome, FeatureWriteResult::kUpdated);
  EXPECT_EQ((*results)[1]->version, 2);
  EXPECT_EQ((*results)[1]->entity_id, first->entity_id);
  EXPECT_EQ((*results)[2]->version, 2);
  EXPECT_EQ((*results)[2]->entity_id, (*results)[0]->entity_id);
  EXPECT_EQ((*results)[3]->outcome, FeatureWriteResult::kDeleted);
  EXPECT_EQ((*results)[3]->version, 3);

  // Stored: every version once, with the transaction time, and the index holds the live one.
  auto a = features_->GetFeature("land.parcel", "a");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->version(), 2);
  EXPECT_EQ(a->entity_id(), first->entity_id);
  EXPECT_EQ(a->valid_from_us(), absl::ToUnixMicros(clock_.Now()));
  EXPECT_EQ(a->recorded_at_us(), absl::ToUnixMicros(clock_.Now()));
  EXPECT_DOUBLE_EQ(a->bbox().max_x(), 108.32);  // the update's geometry, not the first one's
  EXPECT_FALSE(a->wkb().empty());
  auto b_versions = features_->ListFeatureVersions("land.parcel", "b");
  ASSERT_TRUE(b_versions.ok()) << b_versions.status();
  ASSERT_EQ(b_versions->size(), 3u);
  EXPECT_TRUE(b_versions->back().deleted());
  auto layer = map_->GetLayer("land.parcel");
  ASSERT_TRUE(layer.ok()) << layer.status();
  EXPECT_EQ(layer->stats().feature_count(), 1);
  SpatialQuery q;
  q.layer_id = "land.parcel";
  q.op = SpatialQuery::Op::kBbox;
  q.bbox = {108.29, 22.79, 108.35, 22.83};
  auto found = RunQuery(*map_, q);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].feature->feature_id(), "a");
  EXPECT_EQ(found->hits[0].feature->version(), 2);
}

}  // namespace
}  // namespace mdhub::geo

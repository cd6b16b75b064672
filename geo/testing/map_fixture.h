// A OneMap on a fresh RocksDB store with a manual clock, for geo/ tests.
#ifndef MDHUB_GEO_TESTING_MAP_FIXTURE_H_
#define MDHUB_GEO_TESTING_MAP_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "geo/one_map.h"
#include "gtest/gtest.h"
#include "store/testing/temp_db.h"

namespace mdhub::geo::testing {

class MapFixture : public ::testing::Test {
 protected:
  MapFixture() : clock_(absl::FromUnixSeconds(1700000000)) { Open(); }

  // (Re)opens the stores on the database, as a restart would.
  void Open() {
    map_.reset();
    features_.reset();
    entities_.reset();
    auto entities = store::EntityStore::Open(db_.kv(), clock_);
    ASSERT_TRUE(entities.ok()) << entities.status();
    entities_ = *std::move(entities);
    features_ = std::make_unique<store::FeatureStore>(*entities_);
    map_ = std::make_unique<OneMap>(*entities_, *features_, nullptr);
  }
  void Restart() {
    map_.reset();
    features_.reset();
    entities_.reset();
    db_.Reopen();
    Open();
  }

  store::Layer MakeLayer(const std::string& id, store::GeometryType type, int epsg = 4490) {
    store::Layer layer;
    layer.set_id(id);
    layer.set_title(id);
    layer.set_owner_agency("land");
    layer.set_epsg(epsg);
    layer.set_geometry_type(type);
    auto* name = layer.add_schema();
    name->set_name("name");
    name->set_type(store::PropertyDef::STRING);
    auto* area = layer.add_schema();
    area->set_name("area");
    area->set_type(store::PropertyDef::DOUBLE);
    auto* rank = layer.add_schema();
    rank->set_name("rank");
    rank->set_type(store::PropertyDef::INTEGER);
    return layer;
  }

  // Writes one mutation and returns its result (failing the test on a storage error).
  absl::StatusOr<FeatureWriteResult> WriteOne(FeatureMutation m, WriteOptions options = {}) {
    std::vector<FeatureMutation> batch;
    batch.push_back(std::move(m));
    auto results = map_->Write(std::move(batch), options);
    EXPECT_TRUE(results.ok()) << results.status();
    if (!results.ok()) return results.status();
    return (*results)[0];
  }

  static FeatureMutation Upsert(const std::string& layer, const std::string& id, Geometry g) {
    FeatureMutation m;
    m.layer_id = layer;
    m.feature_id = id;
    m.geometry = std::move(g);
    return m;
  }

  store::testing::TempDb db_;
  ManualClock clock_;
  std::unique_ptr<store::EntityStore> entities_;
  std::unique_ptr<store::FeatureStore> features_;
  std::unique_ptr<OneMap> map_;
};

}  // namespace mdhub::geo::testing

#endif  // MDHUB_GEO_TESTING_MAP_FIXTURE_H_

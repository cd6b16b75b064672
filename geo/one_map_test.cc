#include "geo/one_map.h"

#include <algorithm>
#include <fstream>

#include "geo/testing/map_fixture.h"
#include "geo/transfer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

using ::testing::HasSubstr;
using testing::MapFixture;

Geometry Square(double x, double y, double size) {
  return Geometry::Rectangle({x, y, x + size, y + size});
}

class OneMapTest : public MapFixture {};

TEST_F(OneMapTest, CreateLayerValidatesAndDefaultsToCgcs2000) {
  store::Layer layer = MakeLayer("land.parcel", store::POLYGON, 0);
  auto created = map_->CreateLayer(layer);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->epsg(), 4490);
  EXPECT_EQ(created->stats().feature_count(), 0);
  EXPECT_EQ(map_->CreateLayer(layer).status().code(), absl::StatusCode::kAlreadyExists);

  store::Layer bad = MakeLayer("Land Parcel", store::POLYGON);
  EXPECT_THAT(map_->CreateLayer(bad).status().message(), HasSubstr("layer.id"));
  bad = MakeLayer("x", store::GEOMETRY_TYPE_UNSPECIFIED);
  EXPECT_THAT(map_->CreateLayer(bad).status().message(), HasSubstr("layer.geometry_type"));
  bad = MakeLayer("y", store::POINT);
  bad.mutable_schema(1)->set_name("Area");
  EXPECT_THAT(map_->CreateLayer(bad).status().message(), HasSubstr("layer.schema[1].name"));
}

TEST_F(OneMapTest, FeaturesKeepEveryVersionAndSurviveRestarts) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("land.parcel", store::POLYGON)).ok());
  FeatureMutation m = Upsert("land.parcel", "450103-001", Square(108.3, 22.8, 0.001));
  m.properties["name"].set_string_value("青秀区一号地块");
  m.properties["rank"].set_double_value(3);  // a JSON number into an INTEGER property
  auto created = WriteOne(std::move(m));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->outcome, FeatureWriteResult::kCreated);
  EXPECT_EQ(created->version, 1);
  const absl::Time t1 = clock_.Now();
  clock_.Advance(absl::Seconds(10));

  auto same = WriteOne(Upsert("land.parcel", "450103-001", Square(108.3, 22.8, 0.001)));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->outcome, FeatureWriteResult::kUpdated);  // properties were dropped
  clock_.Advance(absl::Seconds(10));
  auto unchanged = WriteOne(Upsert("land.parcel", "450103-001", Square(108.3, 22.8, 0.001)));
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->outcome, FeatureWriteResult::kUnchanged);
  EXPECT_EQ(unchanged->change_sequence, 0);

  auto moved = WriteOne(Upsert("land.parcel", "450103-001", Square(108.4, 22.9, 0.002)));
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->version, 3);
  EXPECT_EQ(moved->entity_id, created->entity_id);

  Restart();
  auto now = features_->GetFeature("land.parcel", "450103-001");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->version(), 3);
  EXPECT_DOUBLE_EQ(now->bbox().min_x(), 108.4);
  auto then = features_->GetFeature("land.parcel", "450103-001", t1);
  ASSERT_TRUE(then.ok());
  EXPECT_EQ(then->version(), 1);
  ASSERT_NE(FindValue(then->properties(), "name"), nullptr);
  EXPECT_EQ(FindValue(then->properties(), "name")->string_value(), "青秀区一号地块");
  ASSERT_NE(FindValue(then->properties(), "rank"), nullptr);
  EXPECT_EQ(FindValue(then->properties(), "rank")->int_value(), 3);
  auto by_entity = features_->FindFeatureByEntity(created->entity_id);
  ASSERT_TRUE(by_entity.ok());
  EXPECT_EQ(by_entity->second, "450103-001");

  auto layer = map_->GetLayer("land.parcel");
  ASSERT_TRUE(layer.ok());
  EXPECT_EQ(layer->stats().feature_count(), 1);
  EXPECT_DOUBLE_EQ(layer->stats().extent().max_x(), 108.402);
  EXPECT_DOUBLE_EQ(layer->stats().extent().min_x(), 108.4);

  FeatureMutation del;
  del.is_delete = true;
  del.layer_id = "land.parcel";
  del.feature_id = "450103-001";
  auto deleted = WriteOne(del);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->outcome, FeatureWriteResult::kDeleted);
  layer = map_->GetLayer("land.parcel");
  EXPECT_EQ(layer->stats().feature_count(), 0);
  EXPECT_FALSE(layer->stats().has_extent());
  EXPECT_EQ(WriteOne(del).status().code(), absl::StatusCode::kNotFound);

  auto changes = entities_->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 5u);  // layer, create, update, move, delete
  EXPECT_EQ((*changes)[0].type(), store::ChangeEvent::LAYER_CREATED);
  EXPECT_EQ(changes->back().type(), store::ChangeEvent::FEATURE_DELETED);
  EXPECT_EQ(changes->back().record().record_key(), "450103-001");
}

TEST_F(OneMapTest, InvalidGeometriesAreRejectedWithTheReasonOrRepaired) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("land.parcel", store::MULTI_POLYGON)).ok());
  auto bowtie = Geometry::FromWkt("POLYGON((108 22,108.01 22.01,108.01 22,108 22.01,108 22))");
  ASSERT_TRUE(bowtie.ok());
  auto rejected = WriteOne(Upsert("land.parcel", "p1", bowtie->Clone()));
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rejected.status().message(), HasSubstr("feature.geometry"));
  EXPECT_THAT(rejected.status().message(), HasSubstr("p1"));
  EXPECT_THAT(rejected.status().message(), HasSubstr("Self-intersection"));
  WriteOptions repair;
  repair.repair_invalid = true;
  auto repaired = WriteOne(Upsert("land.parcel", "p1", bowtie->Clone()), repair);
  ASSERT_TRUE(repaired.ok()) << repaired.status();
  auto stored = features_->GetFeature("land.parcel", "p1");
  auto g = Geometry::FromWkb(stored->wkb());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->InvalidReason(), "");
  EXPECT_EQ(g->type(), store::MULTI_POLYGON);
}

TEST_F(OneMapTest, WritesCheckTypesSchemaAndCrs) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("poi", store::POINT)).ok());
  auto wrong_type = WriteOne(Upsert("poi", "a", Square(108, 22, 1)));
  EXPECT_THAT(wrong_type.status().message(), HasSubstr("does not fit layer poi"));
  FeatureMutation m = Upsert("poi", "a", Geometry::Point(108, 22));
  m.properties["colour"].set_string_value("red");
  EXPECT_THAT(WriteOne(std::move(m)).status().message(),
              HasSubstr("feature.properties.colour: layer poi has no such property"));
  m = Upsert("poi", "a", Geometry::Point(108, 22));
  m.properties["rank"].set_double_value(2.5);
  EXPECT_THAT(WriteOne(std::move(m)).status().message(), HasSubstr("feature.properties.rank"));
  EXPECT_EQ(WriteOne(Upsert("nope", "a", Geometry::Point(1, 1))).status().code(),
            absl::StatusCode::kNotFound);
  m = Upsert("poi", "gcj", Geometry::Point(108, 22));
  m.crs = "GCJ-02";
  EXPECT_THAT(WriteOne(std::move(m)).status().message(), HasSubstr("feature.geometry.crs"));

  // Web Mercator input is stored in the layer's CGCS2000 longitude/latitude.
  m = Upsert("poi", "nanning", Geometry::Point(12055900.852911528, 2607849.8726871307));
  m.crs = "EPSG:3857";
  ASSERT_TRUE(WriteOne(std::move(m)).ok());
  auto stored = features_->GetFeature("poi", "nanning");
  ASSERT_TRUE(stored.ok());
  EXPECT_NEAR(stored->bbox().min_x(), 108.3, 1e-6);
  EXPECT_NEAR(stored->bbox().min_y(), 22.8, 1e-6);
}

TEST_F(OneMapTest, OneBadMutationDoesNotStopTheBatch) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("poi", store::POINT)).ok());
  std::vector<FeatureMutation> batch;
  batch.push_back(Upsert("poi", "a", Geometry::Point(108, 22)));
  batch.push_back(Upsert("poi", "", Geometry::Point(108, 22)));
  batch.push_back(Upsert("poi", "c", Geometry::Point(109, 23)));
  WriteOptions options;
  options.field_prefix = "feature";
  options.per_item_index = true;
  auto results = map_->Write(std::move(batch), options);
  ASSERT_TRUE(results.ok());
  EXPECT_TRUE((*results)[0].ok());
  EXPECT_THAT((*results)[1].status().message(), HasSubstr("feature[1].feature_id"));
  EXPECT_TRUE((*results)[2].ok());
  EXPECT_EQ(map_->GetLayer("poi")->stats().feature_count(), 2);
}

// One batch writing a feature three times, moving it to another cell and back: one feature, three
// versions, indexed under its last cell only.
TEST_F(OneMapTest, ABatchMayWriteOneFeatureSeveralTimes) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("poi", store::POINT)).ok());
  std::vector<FeatureMutation> batch;
  batch.push_back(Upsert("poi", "a", Geometry::Point(108.1, 22.1)));
  batch.push_back(Upsert("poi", "a", Geometry::Point(108.9, 22.9)));
  batch.push_back(Upsert("poi", "a", Geometry::Point(108.1, 22.1)));
  auto results = map_->Write(std::move(batch), {});
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_TRUE((*results)[2].ok());
  EXPECT_EQ((*results)[2]->version, 3);
  EXPECT_EQ(map_->GetLayer("poi")->stats().feature_count(), 1);
  auto versions = features_->ListFeatureVersions("poi", "a");
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 3u);
  std::vector<uint64_t> cells;
  ASSERT_TRUE(features_->ScanCells("poi", 0, ~uint64_t{0}, false, nullptr,
                                   [&](const store::CellEntry& e) {
                                     EXPECT_EQ(e.feature_id, "a");
                                     EXPECT_EQ(e.version, 3);
                                     cells.push_back(e.cell);
                                     return true;
                                   }).ok());
  EXPECT_EQ(cells.size(), 1u);
}

TEST_F(OneMapTest, TheExtentShrinksWithADeleteAndFollowsLaterWrites) {
  ASSERT_TRUE(map_->CreateLayer(MakeLayer("poi", store::POINT)).ok());
  ASSERT_TRUE(WriteOne(Upsert("poi", "a", Geometry::Point(108.1, 22.1))).ok());
  ASSERT_TRUE(WriteOne(Upsert("poi", "b", Geometry::Point(108.5, 22.5))).ok());
  ASSERT_TRUE(WriteOne(Upsert("poi", "c", Geometry::Point(108.9, 22.9))).ok());
  auto extent = [&] {
    absl::StatusOr<store::Layer> layer = map_->GetLayer("poi");
    EXPECT_TRUE(layer.ok()) << layer.status();
    const store::Box& e = layer->stats().extent();
    return std::vector<double>{e.min_x(), e.min_y(), e.max_x(), e.max_y()};
  };
  EXPECT_EQ(extent(), (std::vector<double>{108.1, 22.1, 108.9, 22.9}));
  FeatureMutation del;
  del.is_delete = true;
  del.layer_id = "poi";
  del.feature_id = "c";
  ASSERT_TRUE(WriteOne(del).ok());
  // Recomputed from the index once the delete left the stored extent too wide; the same on the
  // next describe, and after the next write its box counts.
  EXPECT_EQ(extent(), (std::vector<double>{108.1, 22.1, 108.5, 22.5}));
  EXPECT_EQ(extent(), (std::vector<double>{108.1, 22.1, 108.5, 22.5}));
  ASSERT_TRUE(WriteOne(Upsert("poi", "d", Geometry::Point(108.7, 22.0))).ok());
  EXPECT_EQ(extent(), (std::vector<double>{108.1, 22.0, 108.7, 22.5}));
  del.feature_id = "d";
  ASSERT_TRUE(WriteOne(del).ok());
  EXPECT_EQ(extent(), (std::vector<double>{108.1, 22.1, 108.5, 22.5}));
  del.feature_id = "a";
  ASSERT_TRUE(WriteOne(del).ok());
  del.feature_id = "b";
  ASSERT_TRUE(WriteOne(del).ok());
  EXPECT_FALSE(map_->GetLayer("poi")->stats().has_extent());
}

// The importer validates one batch while the previous one commits: batches still commit in file
// order, so a feature given twice in a file ends as its later version.
TEST_F(OneMapTest, ImportCommitsBatchesInFileOrder) {
  std::string geojson = R"({"type":"FeatureCollection","features":[)";
  for (int i = 0; i < 7; ++i) {
    const int id = i == 5 ? 2 : i;  // p2 again, two batches later
    absl::StrAppend(&geojson, i ? "," : "", R"({"type":"Feature","properties":{"code":"p)", id,
                    R"(","n":)", i, R"(},"geometry":{"type":"Point","coordinates":[108.)", i,
                    R"(,22.5]}})");
  }
  geojson += "]}";
  const std::string path = ::testing::TempDir() + "/import_order.geojson";
  {
    std::ofstream(path) << geojson;
  }
  ImportOptions options;
  options.read.feature_id_property = "code";
  options.create_layer = store::Layer();
  options.batch_size = 2;
  std::vector<int64_t> progress;
  options.progress = [&](int64_t read, int64_t) { progress.push_back(read); };
  auto summary = ImportFile(*map_, "pts", path, FileFormat::kGeoJson, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->features_read, 7);
  EXPECT_EQ(summary->created, 6);
  EXPECT_EQ(summary->updated, 1);
  EXPECT_EQ(summary->rejected, 0);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
  EXPECT_EQ(progress.back(), 7);
  auto p2 = features_->GetFeature("pts", "p2");
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(p2->version(), 2);
  ASSERT_NE(FindValue(p2->properties(), "n"), nullptr);
  EXPECT_EQ(FindValue(p2->properties(), "n")->int_value(), 5);
  EXPECT_EQ(map_->GetLayer("pts")->stats().feature_count(), 6);
}

}  // namespace
}  // namespace mdhub::geo

// End-to-end: the spatial one map through SpatialService over mutual TLS — layers, feature
// writes with versions, queries, ownership, streaming writes, file import and export, the change
// feed and the audit log.
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::HasSubstr;

class E2eSpatialTest : public E2eTest {
 protected:
  void CreateParcels() {
    v1::CreateLayerRequest req;
    *req.mutable_layer() = ParcelLayer();
    v1::Layer layer;
    grpc::Status s = Spatial("spatial")->CreateLayer(Context().get(), req, &layer);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(layer.crs(), "EPSG:4490");
    EXPECT_EQ(layer.owner_agency(), "spatial");
  }
  v1::FeatureWriteResult Upsert(const v1::Feature& f) {
    v1::UpsertFeatureRequest req;
    *req.mutable_feature() = f;
    v1::FeatureWriteResult result;
    grpc::Status s = Spatial("spatial")->UpsertFeature(Context().get(), req, &result);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return result;
  }
};

TEST_F(E2eSpatialTest, FeaturesAreWrittenVersionedAndQueried) {
  CreateParcels();
  v1::FeatureWriteResult first = Upsert(Parcel("450103-001", 108.320, 22.810, "王芳"));
  EXPECT_EQ(first.outcome(), v1::SubmitResult::CREATED);
  EXPECT_EQ(first.feature_version(), 1);
  EXPECT_THAT(first.entity_id(), ::testing::StartsWith("F"));
  Upsert(Parcel("450103-002", 108.322, 22.810, "李强"));
  clock_.Advance(absl::Minutes(5));
  v1::FeatureWriteResult second = Upsert(Parcel("450103-001", 108.320, 22.810, "张伟"));
  EXPECT_EQ(second.outcome(), v1::SubmitResult::UPDATED);
  EXPECT_EQ(second.feature_version(), 2);
  EXPECT_EQ(Upsert(Parcel("450103-001", 108.320, 22.810, "张伟")).outcome(),
            v1::SubmitResult::UNCHANGED);

  // Which parcel holds this point? Read by another agency (health may read the map).
  v1::QueryFeaturesRequest q;
  q.set_layer_id("land.parcel");
  q.mutable_contains()->set_geojson(R"({"type":"Point","coordinates":[108.3205,22.8105]})");
  v1::QueryFeaturesResponse r;
  grpc::Status s = Spatial("health")->QueryFeatures(Context().get(), q, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(r.hits_size(), 1);
  EXPECT_EQ(r.hits(0).feature().feature_id(), "450103-001");
  EXPECT_EQ(PropertyOf(r.hits(0).feature(), "owner").string_value(), "张伟");
  EXPECT_EQ(r.hits(0).feature().geometry().crs(), "EPSG:4490");

  // The two nearest to a point, nearest first, with geodesic distances.
  q.Clear();
  q.set_layer_id("land.parcel");
  q.mutable_nearest()->mutable_geometry()->set_geojson(
      R"({"type":"Point","coordinates":[108.3225,22.8105]})");
  q.mutable_nearest()->set_k(2);
  r.Clear();
  ASSERT_TRUE(Spatial("health")->QueryFeatures(Context().get(), q, &r).ok());
  ASSERT_EQ(r.hits_size(), 2);
  EXPECT_EQ(r.hits(0).feature().feature_id(), "450103-002");
  EXPECT_NEAR(r.hits(0).distance_metres(), 0, 1e-6);  // inside
  EXPECT_EQ(r.hits(1).feature().feature_id(), "450103-001");
  EXPECT_NEAR(r.hits(1).distance_metres(), 0.0015 * 102620, 2);  // 0.0015 deg of longitude

  // As of before the update, and in Web Mercator.
  v1::GetFeatureRequest get;
  get.mutable_ref()->set_layer_id("land.parcel");
  get.mutable_ref()->set_feature_id("450103-001");
  *get.mutable_as_of() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1767225600 + 60);
  get.set_output_crs("EPSG:3857");
  v1::Feature f;
  s = Spatial("health")->GetFeature(Context().get(), get, &f);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(f.version(), 1);
  EXPECT_EQ(PropertyOf(f, "owner").string_value(), "王芳");
  EXPECT_EQ(f.geometry().crs(), "EPSG:3857");
  EXPECT_FALSE(f.geometry().wkb().empty());
  // By entity id.
  get.Clear();
  get.set_entity_id(first.entity_id());
  ASSERT_TRUE(Spatial("health")->GetFeature(Context().get(), get, &f).ok());
  EXPECT_EQ(f.version(), 2);

  v1::GetLayerRequest gl;
  gl.set_layer_id("land.parcel");
  v1::Layer layer;
  ASSERT_TRUE(Spatial("health")->GetLayer(Context().get(), gl, &layer).ok());
  EXPECT_EQ(layer.feature_count(), 2);
  EXPECT_NEAR(layer.extent().max_x(), 108.323, 1e-9);
}

TEST_F(E2eSpatialTest, BadWritesNameTheFieldAndOnlyTheOwnerWrites) {
  CreateParcels();
  v1::UpsertFeatureRequest req;
  *req.mutable_feature() = Parcel("p1", 108.3, 22.8, "王芳");
  req.mutable_feature()->mutable_geometry()->set_geojson(
      R"({"type":"Polygon","coordinates":[[[108,22],[108.01,22.01],[108.01,22],[108,22.01],[108,22]]]})");
  v1::FeatureWriteResult result;
  grpc::Status s = Spatial("spatial")->UpsertFeature(Context().get(), req, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("feature.geometry"));
  EXPECT_THAT(s.error_message(), HasSubstr("Self-intersection"));
  // Asked to, the server repairs it instead (a valid polygon of the layer's type is stored).
  req.set_repair_invalid(true);
  s = Spatial("spatial")->UpsertFeature(Context().get(), req, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);  // the repair is a MultiPolygon
  EXPECT_THAT(s.error_message(), HasSubstr("MultiPolygon does not fit layer land.parcel"));
  req.set_repair_invalid(false);

  *req.mutable_feature() = Parcel("p1", 108.3, 22.8, "王芳");
  Property(*req.mutable_feature(), "area_m2").set_string_value("big");
  s = Spatial("spatial")->UpsertFeature(Context().get(), req, &result);
  EXPECT_THAT(s.error_message(), HasSubstr("feature.properties.area_m2"));

  // A property given twice is refused, naming it.
  *req.mutable_feature() = Parcel("p1", 108.3, 22.8, "王芳");
  v1::Properties::Field* twice = req.mutable_feature()->mutable_properties()->add_fields();
  twice->set_key("owner");
  twice->mutable_value()->set_string_value("李娜");
  s = Spatial("spatial")->UpsertFeature(Context().get(), req, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "feature.properties.owner: given twice");

  *req.mutable_feature() = Parcel("p1", 108.3, 22.8, "王芳");
  s = Spatial("health")->UpsertFeature(Context().get(), req, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("owned by agency spatial"));
  // ps may not call the spatial service at all.
  v1::ListLayersResponse layers;
  EXPECT_EQ(Spatial("ps")->ListLayers(Context().get(), v1::ListLayersRequest(), &layers).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(E2eSpatialTest, StreamedWritesGoOnAfterARejectedOneAndFeedTheChangeLog) {
  CreateParcels();
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
  auto stream = Spatial("spatial")->UpsertFeatures(&ctx);
  for (int i = 0; i < 50; ++i) {
    v1::FeatureMutation m;
    m.set_client_tag(absl::StrCat("t", i));
    *m.mutable_upsert()->mutable_feature() =
        Parcel(i == 7 ? "" : absl::StrCat("s", i), 108 + i * 0.01, 22.5, "owner");
    ASSERT_TRUE(stream->Write(m));
  }
  v1::FeatureMutation del;
  del.set_client_tag("del");
  del.mutable_delete_()->set_layer_id("land.parcel");
  del.mutable_delete_()->set_feature_id("s3");
  ASSERT_TRUE(stream->Write(del));
  stream->WritesDone();
  v1::FeatureMutationResult r;
  int ok = 0, failed = 0;
  while (stream->Read(&r)) {
    if (r.has_error()) {
      ++failed;
      EXPECT_EQ(r.client_tag(), "t7");
      EXPECT_THAT(r.error().field(), HasSubstr("feature_id"));
    } else {
      ++ok;
    }
  }
  ASSERT_TRUE(stream->Finish().ok());
  EXPECT_EQ(ok, 50);
  EXPECT_EQ(failed, 1);

  v1::WatchFeatureChangesRequest watch;
  watch.add_layer_ids("land.parcel");
  grpc::ClientContext wctx;
  wctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  auto events = Spatial("spatial")->WatchChanges(&wctx, watch);
  v1::FeatureChangeEvent e;
  std::vector<v1::FeatureChangeEvent::Type> types;
  while (events->Read(&e)) types.push_back(e.type());
  ASSERT_EQ(types.size(), 51u);  // the layer, 49 features, one delete
  EXPECT_EQ(types.front(), v1::FeatureChangeEvent::LAYER_CREATED);
  EXPECT_EQ(types.back(), v1::FeatureChangeEvent::FEATURE_DELETED);

  // Every write was audited with the agency.
  v1::ListAuditEntriesResponse audit;
  ASSERT_TRUE(Admin("admin")->ListAuditEntries(Context().get(), v1::ListAuditEntriesRequest(), &audit).ok());
  bool seen = false;
  for (const auto& entry : audit.entries()) {
    seen = seen || (entry.method() == "mdhub.v1.SpatialService/UpsertFeatures" && entry.agency() == "spatial");
  }
  EXPECT_TRUE(seen);
}

TEST_F(E2eSpatialTest, PointsLocateTheirDivisionsOnTheBuiltInProvinceLayer) {
  v1::LocateDivisionsRequest req;
  req.set_x(108.32);  // Nanning
  req.set_y(22.82);
  v1::LocateDivisionsResponse resp;
  grpc::Status s = Spatial("health")->LocateDivisions(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);  // not granted to health
  s = Spatial("spatial")->LocateDivisions(Context().get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(resp.divisions_size(), 1);  // only province polygons ship with mdhub
  EXPECT_EQ(resp.divisions(0).code(), "450000");
  EXPECT_EQ(resp.divisions(0).name(), "广西壮族自治区");
  EXPECT_EQ(resp.divisions(0).level(), v1::LocateDivisionsResponse::Division::PROVINCE);
  EXPECT_EQ(resp.divisions(0).feature().layer_id(), "admin.province");
  EXPECT_FALSE(resp.divisions(0).entity_id().empty());
  // In Web Mercator too.
  req.set_x(12055900.85);
  req.set_y(2607849.87);
  req.set_crs("EPSG:3857");
  resp.Clear();
  ASSERT_TRUE(Spatial("spatial")->LocateDivisions(Context().get(), req, &resp).ok());
  ASSERT_EQ(resp.divisions_size(), 1);
  EXPECT_EQ(resp.divisions(0).code(), "450000");
  // The built-in layer belongs to no agency: nobody writes it.
  v1::UpsertFeatureRequest write;
  write.mutable_feature()->set_layer_id("admin.province");
  write.mutable_feature()->set_feature_id("450000");
  write.mutable_feature()->mutable_geometry()->set_geojson(R"({"type":"Point","coordinates":[1,1]})");
  v1::FeatureWriteResult result;
  EXPECT_EQ(Spatial("spatial")->UpsertFeature(Context().get(), write, &result).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(E2eSpatialTest, ManyPointsLocateInOneCallEachDivisionListedOnce) {
  v1::LocatePointsRequest req;
  for (auto [x, y] : {std::pair{108.32, 22.82}, {113.26, 23.13}, {109.5, 24.3}, {-30.0, 0.0}}) {
    req.add_x(x);  // Nanning, Guangzhou, Liuzhou, the Atlantic
    req.add_y(y);
  }
  v1::LocatePointsResponse resp;
  grpc::Status s = Spatial("health")->LocatePoints(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);  // not granted to health
  s = Spatial("spatial")->LocatePoints(Context().get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(resp.locations_size(), 4);
  ASSERT_EQ(resp.divisions_size(), 2);  // Guangxi once for two points, Guangdong
  auto code_of = [&](int point) {
    const auto& chain = resp.locations(point).divisions();
    return chain.empty() ? std::string("none") : resp.divisions(chain[0]).code();
  };
  EXPECT_EQ(code_of(0), "450000");
  EXPECT_EQ(code_of(1), "440000");
  EXPECT_EQ(code_of(2), "450000");
  EXPECT_EQ(code_of(3), "none");
  // Each point's chain equals what LocateDivisions answers for it alone.
  for (int i = 0; i < 3; ++i) {
    v1::LocateDivisionsRequest one;
    one.set_x(req.x(i));
    one.set_y(req.y(i));
    v1::LocateDivisionsResponse alone;
    ASSERT_TRUE(Spatial("spatial")->LocateDivisions(Context().get(), one, &alone).ok());
    ASSERT_EQ(alone.divisions_size(), 1);
    EXPECT_EQ(alone.divisions(0).SerializeAsString(),
              resp.divisions(resp.locations(i).divisions(0)).SerializeAsString());
  }

  // An agency that may locate points but not read the division layers gets no divisions.
  v1::LocatePointsResponse hidden;
  s = Spatial("survey")->LocatePoints(Context().get(), req, &hidden);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(hidden.divisions_size(), 0);
  ASSERT_EQ(hidden.locations_size(), 4);
  for (const auto& location : hidden.locations()) EXPECT_EQ(location.divisions_size(), 0);

  // Bad input names the field: a y missing, a coordinate that is not a number, too many points.
  v1::LocatePointsRequest bad = req;
  bad.mutable_y()->RemoveLast();
  s = Spatial("spatial")->LocatePoints(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), testing::HasSubstr("y: 3 values for 4 x values"));
  bad = req;
  bad.set_x(2, std::nan(""));
  s = Spatial("spatial")->LocatePoints(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), testing::HasSubstr("x[2]: not a finite number"));
  bad.Clear();
  s = Spatial("spatial")->LocatePoints(Context().get(), bad, &resp);
  EXPECT_THAT(s.error_message(), testing::HasSubstr("x: required"));
  for (int i = 0; i <= 100000; ++i) {
    bad.add_x(108.0);
    bad.add_y(23.0);
  }
  s = Spatial("spatial")->LocatePoints(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), testing::HasSubstr("at most 100000 per call"));
  // A point the CRS cannot take is named by its index; an unknown CRS names the field.
  bad = req;
  bad.set_crs("EPSG:3857");
  bad.set_x(1, 1e30);
  s = Spatial("spatial")->LocatePoints(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), testing::HasSubstr("x[1], y[1]: coordinate"));
  bad.set_crs("EPSG:999999");
  s = Spatial("spatial")->LocatePoints(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), testing::StartsWith("crs:"));
}

}  // namespace
}  // namespace mdhub::tests

namespace mdhub::tests {
namespace {

// Links to the registries: a person's address and location tie it to its divisions and to the
// parcel it stands on, and the parcel and the division list who is registered there. Only an
// agency that may read persons is told.
TEST_F(E2eSpatialTest, PersonsAreLinkedToTheirDivisionAndParcelBothWays) {
  CreateParcels();
  Upsert(Parcel("P1", 108.300, 22.800, "张三"));
  const std::string wang = SubmitPerson("ps", "ps.hukou", "h1",
                                        {{"name", "王芳"},
                                         {"citizen_id", "450102199003071238"},
                                         {"address", "南宁市青秀区东葛路1号"},
                                         {"location", "108.3005,22.8005"}})
                               .entity_id();
  SubmitPerson("ps", "ps.hukou", "h2", {{"name", "李明"}, {"address", "北京市朝阳区"}});

  v1::LocateEntityRequest locate;
  locate.set_entity_id(wang);
  locate.add_layer_ids("land.parcel");
  v1::LocateEntityResponse where;
  grpc::Status s = Spatial("health")->LocateEntity(Context().get(), locate, &where);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(where.address_divisions_size(), 3);
  EXPECT_EQ(where.address_divisions(2).code(), "450103");
  EXPECT_EQ(where.address_divisions(2).name(), "青秀区");
  EXPECT_TRUE(where.has_location());
  ASSERT_GE(where.location_divisions_size(), 1);  // the built-in province layer
  EXPECT_EQ(where.location_divisions(0).code(), "450000");
  ASSERT_EQ(where.features_size(), 1);
  EXPECT_EQ(where.features(0).feature_id(), "P1");

  v1::ListEntitiesInPlaceRequest in_parcel;
  in_parcel.mutable_feature()->set_layer_id("land.parcel");
  in_parcel.mutable_feature()->set_feature_id("P1");
  v1::ListEntitiesInPlaceResponse listed;
  s = Spatial("health")->ListEntitiesInPlace(Context().get(), in_parcel, &listed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(listed.entities_size(), 1);
  EXPECT_EQ(listed.entities(0).entity_id(), wang);
  EXPECT_EQ(listed.entities(0).name(), "王芳");
  EXPECT_EQ(listed.entities(0).division_code(), "450103");

  v1::ListEntitiesInPlaceRequest in_city;
  in_city.set_division_code("450100");
  listed.Clear();
  ASSERT_TRUE(Spatial("health")->ListEntitiesInPlace(Context().get(), in_city, &listed).ok());
  ASSERT_EQ(listed.entities_size(), 1);
  EXPECT_EQ(listed.entities(0).entity_id(), wang);

  // The surveying agency may not read persons, so it is told neither way.
  s = Spatial("spatial")->ListEntitiesInPlace(Context().get(), in_parcel, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("PopulationService/GetPerson"));
  s = Spatial("spatial")->LocateEntity(Context().get(), locate, &where);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // Division codes have a history: Wuming county became a district of Nanning in 2015.
  v1::GetDivisionRequest division;
  division.set_code("450122");
  v1::DivisionRecord record;
  s = Spatial("health")->GetDivision(Context().get(), division, &record);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(record.retired());
  EXPECT_EQ(record.division().name(), "武鸣县");
  EXPECT_EQ(record.current().code(), "450110");
  ASSERT_EQ(record.history_size(), 1);
  EXPECT_EQ(record.history(0).year(), 2015);
  division.set_code("450000");
  ASSERT_TRUE(Spatial("health")->GetDivision(Context().get(), division, &record).ok());
  EXPECT_EQ(record.division().feature().layer_id(), "admin.province");
  EXPECT_FALSE(record.division().entity_id().empty());
  division.set_code("4501x");
  s = Spatial("health")->GetDivision(Context().get(), division, &record);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("code: \"4501x\""));

  // An agency whose read_layers leave the parcels out neither sees nor reaches them.
  s = Spatial("hrss")->ListEntitiesInPlace(Context().get(), in_parcel, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("feature.layer_id: agency \"hrss\" may not read layer land.parcel"));
  v1::ListLayersResponse layers;
  ASSERT_TRUE(Spatial("hrss")->ListLayers(Context().get(), v1::ListLayersRequest(), &layers).ok());
  ASSERT_EQ(layers.layers_size(), 1);
  EXPECT_EQ(layers.layers(0).id(), "admin.province");
  v1::QueryFeaturesRequest query;
  query.set_layer_id("land.parcel");
  v1::QueryFeaturesResponse hits;
  s = Spatial("hrss")->QueryFeatures(Context().get(), query, &hits);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  query.set_layer_id("admin.province");
  query.set_page_size(1);
  EXPECT_TRUE(Spatial("hrss")->QueryFeatures(Context().get(), query, &hits).ok());

  // Bad input names the field.
  in_city.set_division_code("45x");
  s = Spatial("health")->ListEntitiesInPlace(Context().get(), in_city, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("division_code: \"45x\""));
  v1::SubmitRecordRequest bad;
  bad.mutable_record()->set_source("ps.hukou");
  bad.mutable_record()->set_record_key("h3");
  (*bad.mutable_record()->mutable_attributes())["location"] = "22.8,108.3";
  v1::SubmitResult result;
  s = Population("ps")->SubmitRecord(Context().get(), bad, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("record.attributes[\"location\"]: latitude 108.3"));
}

}  // namespace
}  // namespace mdhub::tests

// End-to-end: many feature queries on one QueryFeaturesStream — answered in order, each exactly
// as the unary QueryFeatures answers it, a failed query reported in its own response without
// ending the stream, layer grants checked per query, each query audited as a QueryFeatures call,
// a stream its client cancels audited as cancelled.
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kQueryFeatures[] = "mdhub.v1.SpatialService/QueryFeatures";
constexpr char kQueryFeaturesStream[] = "mdhub.v1.SpatialService/QueryFeaturesStream";

class E2eSpatialStreamTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    v1::CreateLayerRequest create;
    *create.mutable_layer() = ParcelLayer();
    v1::Layer layer;
    grpc::Status s = Spatial("spatial")->CreateLayer(Context().get(), create, &layer);
    ASSERT_TRUE(s.ok()) << s.error_message();
    const std::vector<std::pair<std::string, double>> parcels = {
        {"450103-001", 108.320}, {"450103-002", 108.322}, {"450103-003", 108.330}};
    for (const auto& [id, x] : parcels) {
      v1::UpsertFeatureRequest req;
      *req.mutable_feature() = Parcel(id, x, 22.810, "王芳");
      v1::FeatureWriteResult result;
      s = Spatial("spatial")->UpsertFeature(Context().get(), req, &result);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
  }

  // Sends the queries on one stream as `agency`, one at a time, each answer read before the
  // next query goes; returns the answers and the stream's status.
  std::pair<std::vector<v1::QueryFeaturesStreamResponse>, grpc::Status> Stream(
      const std::string& agency, const std::vector<v1::QueryFeaturesRequest>& queries) {
    auto stub = Spatial(agency);
    auto ctx = Context();
    auto stream = stub->QueryFeaturesStream(ctx.get());
    std::vector<v1::QueryFeaturesStreamResponse> answers;
    for (const v1::QueryFeaturesRequest& q : queries) {
      v1::QueryFeaturesStreamResponse r;
      if (!stream->Write(q) || !stream->Read(&r)) break;
      answers.push_back(r);
    }
    stream->WritesDone();
    return {answers, stream->Finish()};
  }

  static v1::QueryFeaturesRequest Bbox(double min_x, double max_x) {
    v1::QueryFeaturesRequest q;
    q.set_layer_id("land.parcel");
    q.mutable_bbox()->set_min_x(min_x);
    q.mutable_bbox()->set_min_y(22.80);
    q.mutable_bbox()->set_max_x(max_x);
    q.mutable_bbox()->set_max_y(22.82);
    return q;
  }
};

TEST_F(E2eSpatialStreamTest, EachQueryIsAnsweredInOrderAsTheUnaryMethodAnswersIt) {
  std::vector<v1::QueryFeaturesRequest> queries;
  queries.push_back(Bbox(108.3195, 108.3225));  // the first two parcels
  queries.push_back(Bbox(108.3225, 108.3195));  // min_x > max_x
  v1::QueryFeaturesRequest nearest;
  nearest.set_layer_id("land.parcel");
  nearest.mutable_nearest()->mutable_geometry()->set_geojson(
      R"({"type":"Point","coordinates":[108.3315,22.8105]})");
  nearest.mutable_nearest()->set_k(1);
  nearest.set_output_crs("EPSG:3857");
  queries.push_back(nearest);
  v1::QueryFeaturesRequest missing = Bbox(108.3, 108.4);
  missing.set_layer_id("land.nope");
  queries.push_back(missing);
  queries.push_back(Bbox(108.3295, 108.3305));  // the stream went on: the third parcel

  auto [answers, status] = Stream("health", queries);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(answers.size(), queries.size());
  for (size_t i : {0, 2, 4}) {
    ASSERT_TRUE(answers[i].has_result()) << i << ": " << answers[i].error().message();
    EXPECT_FALSE(answers[i].has_error()) << i;
    v1::QueryFeaturesResponse unary;
    grpc::Status s = Spatial("health")->QueryFeatures(Context().get(), queries[i], &unary);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_TRUE(MessageDifferencer::Equals(answers[i].result(), unary))
        << i << ":\n" << answers[i].result().DebugString() << "vs\n" << unary.DebugString();
  }
  ASSERT_EQ(answers[0].result().hits_size(), 2);
  EXPECT_EQ(answers[0].result().hits(0).feature().feature_id(), "450103-001");
  EXPECT_EQ(answers[0].result().hits(1).feature().feature_id(), "450103-002");
  ASSERT_EQ(answers[2].result().hits_size(), 1);
  EXPECT_EQ(answers[2].result().hits(0).feature().feature_id(), "450103-003");
  EXPECT_EQ(answers[2].result().hits(0).feature().geometry().crs(), "EPSG:3857");
  ASSERT_EQ(answers[4].result().hits_size(), 1);
  EXPECT_EQ(answers[4].result().hits(0).feature().feature_id(), "450103-003");

  EXPECT_FALSE(answers[1].has_result());
  EXPECT_EQ(answers[1].error().code(), 3);  // INVALID_ARGUMENT
  EXPECT_EQ(answers[1].error().field(), "bbox");
  EXPECT_THAT(answers[1].error().message(), HasSubstr("min_x <= max_x"));
  EXPECT_EQ(answers[3].error().code(), 5);  // NOT_FOUND
  EXPECT_THAT(answers[3].error().message(), HasSubstr("land.nope"));

  // Each query is one QueryFeatures entry of the health agency, with its outcome; the stream
  // itself one more, with the number of queries it carried.
  std::vector<int> codes;
  std::vector<std::string> streams;
  for (const v1::AuditEntry& e : Audit()) {
    if (e.agency() != "health") continue;
    if (e.method() == kQueryFeatures) {
      codes.push_back(e.code());
      if (codes.size() == 1) EXPECT_THAT(e.touched(), ElementsAre("layer:land.parcel 2 features"));
    }
    if (e.method() == kQueryFeaturesStream) {
      EXPECT_EQ(e.code(), 0);
      streams.insert(streams.end(), e.touched().begin(), e.touched().end());
    }
  }
  // The stream's five queries, then the three unary comparisons.
  EXPECT_THAT(codes, ElementsAre(0, 3, 0, 5, 0, 0, 0, 0));
  EXPECT_THAT(streams, ElementsAre("5 queries"));
}

TEST_F(E2eSpatialStreamTest, QueriesSentAheadOfTheirAnswersAreAnsweredInOrder) {
  // A client that writes every query before reading: the answers come back in request order.
  std::vector<v1::QueryFeaturesRequest> queries;
  for (int i = 0; i < 30; ++i) {
    queries.push_back(i % 3 == 0 ? Bbox(108.3195, 108.3225)    // two parcels
                      : i % 3 == 1 ? Bbox(108.3295, 108.3305)  // one
                                   : Bbox(108.3225, 108.3195));  // an error
  }
  auto stub = Spatial("health");
  auto ctx = Context();
  auto stream = stub->QueryFeaturesStream(ctx.get());
  for (const v1::QueryFeaturesRequest& q : queries) ASSERT_TRUE(stream->Write(q));
  ASSERT_TRUE(stream->WritesDone());
  v1::QueryFeaturesStreamResponse r;
  int i = 0;
  for (; stream->Read(&r); ++i) {
    if (i % 3 == 2) {
      EXPECT_EQ(r.error().code(), 3) << i;
    } else {
      EXPECT_EQ(r.result().hits_size(), i % 3 == 0 ? 2 : 1) << i;
    }
  }
  EXPECT_EQ(i, 30);
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(E2eSpatialStreamTest, AStreamItsClientCancelsIsAuditedAsCancelled) {
  {
    auto stub = Spatial("health");
    auto ctx = Context();
    auto stream = stub->QueryFeaturesStream(ctx.get());
    v1::QueryFeaturesStreamResponse r;
    ASSERT_TRUE(stream->Write(Bbox(108.3195, 108.3225)));
    ASSERT_TRUE(stream->Read(&r));
    ctx->TryCancel();
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // The server notices the cancellation on its own thread: wait for the stream's entry.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  std::vector<v1::AuditEntry> streams;
  while (streams.empty() && absl::Now() < deadline) {
    for (const v1::AuditEntry& e : Audit()) {
      if (e.method() == kQueryFeaturesStream) streams.push_back(e);
    }
    if (streams.empty()) absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].code(), 1);  // CANCELLED
  EXPECT_THAT(streams[0].touched(), ElementsAre("1 query"));
}

TEST_F(E2eSpatialStreamTest, LayerGrantsAreCheckedPerQueryAndTheMethodGrantForTheStream) {
  // hrss may query features, but read only the admin.* layers: its parcel query is refused in
  // its answer, the division query on the same stream is served.
  v1::QueryFeaturesRequest divisions;
  divisions.set_layer_id("admin.province");
  divisions.mutable_contains()->set_geojson(R"({"type":"Point","coordinates":[108.32,22.81]})");
  divisions.set_omit_geometry(true);
  auto [answers, status] = Stream("hrss", {Bbox(108.3, 108.4), divisions});
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].error().code(), 7);  // PERMISSION_DENIED
  EXPECT_THAT(answers[0].error().message(), HasSubstr("land.parcel"));
  ASSERT_TRUE(answers[1].has_result()) << answers[1].error().message();
  ASSERT_EQ(answers[1].result().hits_size(), 1);
  EXPECT_FALSE(answers[1].result().hits(0).feature().has_geometry());

  // survey may not call QueryFeatures: the stream is refused before any answer.
  auto [refused, refused_status] = Stream("survey", {Bbox(108.3, 108.4)});
  EXPECT_TRUE(refused.empty());
  EXPECT_EQ(refused_status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(refused_status.error_message(), HasSubstr("QueryFeatures"));
}

}  // namespace
}  // namespace mdhub::tests

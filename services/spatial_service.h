// SpatialService: the one map over gRPC. Thin: each method maps the request (spatial_mapping),
// checks that only a layer's owner agency writes it, calls geo::OneMap or geo::RunQuery and maps
// the result back.
#ifndef MDHUB_SERVICES_SPATIAL_SERVICE_H_
#define MDHUB_SERVICES_SPATIAL_SERVICE_H_

#include "mdhub/v1/spatial.grpc.pb.h"
#include "services/backend.h"
#include "services/call_scope.h"

namespace mdhub::services {

// The reads are callback methods, run where gRPC received them (see UnaryCalls); the writes,
// which wait for the disk, and the other streams stay synchronous.
using SpatialServiceBase =
    v1::SpatialService::WithCallbackMethod_ListLayers<
    v1::SpatialService::WithCallbackMethod_GetLayer<
    v1::SpatialService::WithCallbackMethod_GetFeature<
    v1::SpatialService::WithCallbackMethod_QueryFeatures<
    v1::SpatialService::WithCallbackMethod_QueryFeaturesStream<
    v1::SpatialService::WithCallbackMethod_LocateDivisions<
    v1::SpatialService::WithCallbackMethod_LocatePoints<
    v1::SpatialService::WithCallbackMethod_LocateEntity<
    v1::SpatialService::WithCallbackMethod_ListEntitiesInPlace<
    v1::SpatialService::WithCallbackMethod_GetDivision<
        v1::SpatialService::Service>>>>>>>>>>;

class SpatialService final : public SpatialServiceBase {
 public:
  explicit SpatialService(Backend& backend) : backend_(backend) {}

  grpc::Status CreateLayer(grpc::ServerContext* ctx, const v1::CreateLayerRequest* req,
                           v1::Layer* resp) override;
  grpc::ServerUnaryReactor* ListLayers(grpc::CallbackServerContext* ctx,
                                       const v1::ListLayersRequest* req,
                                       v1::ListLayersResponse* resp) override;
  grpc::ServerUnaryReactor* GetLayer(grpc::CallbackServerContext* ctx,
                                     const v1::GetLayerRequest* req, v1::Layer* resp) override;
  grpc::Status UpsertFeature(grpc::ServerContext* ctx, const v1::UpsertFeatureRequest* req,
                             v1::FeatureWriteResult* resp) override;
  grpc::Status DeleteFeature(grpc::ServerContext* ctx, const v1::DeleteFeatureRequest* req,
                             v1::FeatureWriteResult* resp) override;
  grpc::Status UpsertFeatures(
      grpc::ServerContext* ctx,
      grpc::ServerReaderWriter<v1::FeatureMutationResult, v1::FeatureMutation>* stream) override;
  grpc::ServerUnaryReactor* GetFeature(grpc::CallbackServerContext* ctx,
                                       const v1::GetFeatureRequest* req,
                                       v1::Feature* resp) override;
  grpc::ServerUnaryReactor* QueryFeatures(grpc::CallbackServerContext* ctx,
                                          const v1::QueryFeaturesRequest* req,
                                          v1::QueryFeaturesResponse* resp) override;
  grpc::ServerBidiReactor<v1::QueryFeaturesRequest, v1::QueryFeaturesStreamResponse>*
  QueryFeaturesStream(grpc::CallbackServerContext* ctx) override;
  grpc::ServerUnaryReactor* LocateDivisions(grpc::CallbackServerContext* ctx,
                                            const v1::LocateDivisionsRequest* req,
                                            v1::LocateDivisionsResponse* resp) override;
  grpc::ServerUnaryReactor* LocatePoints(grpc::CallbackServerContext* ctx,
                                         const v1::LocatePointsRequest* req,
                                         v1::LocatePointsResponse* resp) override;
  grpc::ServerUnaryReactor* LocateEntity(grpc::CallbackServerContext* ctx,
                                         const v1::LocateEntityRequest* req,
                                         v1::LocateEntityResponse* resp) override;
  grpc::ServerUnaryReactor* ListEntitiesInPlace(grpc::CallbackServerContext* ctx,
                                                const v1::ListEntitiesInPlaceRequest* req,
                                                v1::ListEntitiesInPlaceResponse* resp) override;
  grpc::ServerUnaryReactor* GetDivision(grpc::CallbackServerContext* ctx,
                                        const v1::GetDivisionRequest* req,
                                        v1::DivisionRecord* resp) override;
  grpc::Status ImportLayer(grpc::ServerContext* ctx,
                           grpc::ServerReader<v1::ImportLayerChunk>* reader,
                           v1::ImportLayerResponse* resp) override;
  grpc::Status ExportLayer(grpc::ServerContext* ctx, const v1::ExportLayerRequest* req,
                           grpc::ServerWriter<v1::FileChunk>* writer) override;
  grpc::Status WatchChanges(grpc::ServerContext* ctx, const v1::WatchFeatureChangesRequest* req,
                            grpc::ServerWriter<v1::FeatureChangeEvent>* writer) override;

 private:
  template <typename Body>
  grpc::Status Handle(grpc::ServerContext* ctx, absl::string_view method, Body body) {
    return HandleCall(backend_, ctx, absl::StrCat("mdhub.v1.SpatialService/", method), body);
  }

  Backend& backend_;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_SPATIAL_SERVICE_H_

#include "services/spatial_service.h"

#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "geo/query.h"
#include "services/internal/division_locate.h"
#include "services/internal/feature_query.h"
#include "services/internal/mapping.h"
#include "services/internal/page_token.h"
#include "services/internal/place_links.h"
#include "services/internal/query_stream.h"
#include "services/internal/spatial_mapping.h"
#include "services/internal/spatial_transfer.h"
#include "services/internal/stream_queue.h"
#include "services/unary_calls.h"

namespace mdhub::services {
namespace {

constexpr size_t kMaxBatch = 512;
constexpr size_t kMaxQueued = 4096;
constexpr int kWatchPage = 256;
constexpr absl::Duration kWatchPoll = absl::Seconds(1);

// A read method's reactor (see ServeUnary).
template <typename Body>
grpc::ServerUnaryReactor* Serve(Backend& backend, grpc::CallbackServerContext* ctx,
                                absl::string_view method, Body body, Work work = Work::kShort) {
  return ServeUnary(backend, ctx, absl::StrCat("mdhub.v1.SpatialService/", method),
                    std::move(body), work);
}

// PERMISSION_DENIED unless the caller's agency owns the mutation's layer.
absl::Status AuthorizeLayerWrite(CallScope& call, const geo::FeatureMutation& m) {
  absl::StatusOr<std::shared_ptr<const geo::LayerInfo>> info = call.backend().one_map.Info(m.layer_id);
  if (absl::IsNotFound(info.status())) {
    return absl::NotFoundError(absl::StrCat("no layer \"", m.layer_id, "\" (create it first)"));
  }
  if (!info.ok()) return info.status();
  if ((*info)->layer.owner_agency() != call.caller().agency) {
    return absl::PermissionDeniedError(absl::StrCat(
        "layer ", m.layer_id, " is owned by agency ", (*info)->layer.owner_agency(),
        "; only the owner writes it"));
  }
  return absl::OkStatus();
}

// Writes the mutations whose slot in `results` is OK, with the call's audit entry.
absl::Status WriteBatch(CallScope& call, std::vector<geo::FeatureMutation> mutations,
                        const std::string& field,
                        std::vector<absl::StatusOr<geo::FeatureWriteResult>>* results) {
  geo::WriteOptions options;
  options.field_prefix = field;
  store::AuditEntry audit = call.PendingAuditEntry();
  auto written = call.backend().one_map.Write(std::move(mutations), options, &audit);
  if (!written.ok()) return written.status();
  *results = *std::move(written);
  return absl::OkStatus();
}

absl::Status WriteOne(CallScope& call, absl::StatusOr<geo::FeatureMutation> m,
                      const std::string& field, v1::FeatureWriteResult* resp) {
  if (!m.ok()) return m.status();
  if (absl::Status s = AuthorizeLayerWrite(call, *m); !s.ok()) return s;
  const std::string layer = m->layer_id, id = m->feature_id;
  std::vector<geo::FeatureMutation> batch;
  batch.push_back(*std::move(m));
  std::vector<absl::StatusOr<geo::FeatureWriteResult>> results;
  if (absl::Status s = WriteBatch(call, std::move(batch), field, &results); !s.ok()) return s;
  call.MarkAudited();
  if (!results[0].ok()) return results[0].status();
  internal::ToApi(*results[0], layer, id, resp);
  return absl::OkStatus();
}

}  // namespace

grpc::Status SpatialService::CreateLayer(grpc::ServerContext* ctx,
                                         const v1::CreateLayerRequest* req, v1::Layer* resp) {
  return Handle(ctx, "CreateLayer", [&](CallScope& call) -> absl::Status {
    absl::StatusOr<store::Layer> layer = internal::ToStoreLayer(req->layer());
    if (!layer.ok()) return layer.status();
    if (layer->owner_agency().empty()) layer->set_owner_agency(call.caller().agency);
    store::AuditEntry audit = call.PendingAuditEntry();
    absl::StatusOr<store::Layer> created = call.backend().one_map.CreateLayer(*layer, &audit);
    if (!created.ok()) return created.status();
    call.MarkAudited();
    internal::ToApi(*created, resp);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* SpatialService::ListLayers(grpc::CallbackServerContext* ctx,
                                                     const v1::ListLayersRequest* req,
                                                     v1::ListLayersResponse* resp) {
  return Serve(backend_, ctx, "ListLayers", [=](CallScope& call) -> absl::Status {
    if (req->page_size() < 0 || req->page_size() > 1000) {
      return absl::InvalidArgumentError("page_size: must be between 0 and 1000");
    }
    const int limit = req->page_size() == 0 ? 50 : req->page_size();
    std::string after = req->page_token();
    for (;;) {
      auto layers = call.backend().one_map.ListLayers(after, limit + 1);
      if (!layers.ok()) return layers.status();
      for (const store::Layer& l : *layers) {
        after = l.id();
        if (!req->owner_agency().empty() && l.owner_agency() != req->owner_agency()) continue;
        if (!call.AuthorizeLayerRead(l).ok()) continue;
        if (resp->layers_size() == limit) {
          resp->set_next_page_token(resp->layers(limit - 1).id());
          return absl::OkStatus();
        }
        internal::ToApi(l, resp->add_layers());
      }
      if (static_cast<int>(layers->size()) <= limit) return absl::OkStatus();
    }
  });
}

grpc::ServerUnaryReactor* SpatialService::GetLayer(grpc::CallbackServerContext* ctx,
                                                   const v1::GetLayerRequest* req,
                                                   v1::Layer* resp) {
  return Serve(backend_, ctx, "GetLayer", [=](CallScope& call) -> absl::Status {
    if (absl::Status s = internal::Required(req->layer_id(), "layer_id"); !s.ok()) return s;
    absl::StatusOr<store::Layer> layer = call.backend().one_map.GetLayer(req->layer_id());
    if (!layer.ok()) return layer.status();
    if (absl::Status s = call.AuthorizeLayerRead(*layer); !s.ok()) return s;
    call.Touch(absl::StrCat("layer:", req->layer_id()));
    internal::ToApi(*layer, resp);
    return absl::OkStatus();
  });
}

grpc::Status SpatialService::UpsertFeature(grpc::ServerContext* ctx,
                                           const v1::UpsertFeatureRequest* req,
                                           v1::FeatureWriteResult* resp) {
  return Handle(ctx, "UpsertFeature", [&](CallScope& call) {
    return WriteOne(call, internal::ToMutation(*req, "feature"), "feature", resp);
  });
}

grpc::Status SpatialService::DeleteFeature(grpc::ServerContext* ctx,
                                           const v1::DeleteFeatureRequest* req,
                                           v1::FeatureWriteResult* resp) {
  return Handle(ctx, "DeleteFeature", [&](CallScope& call) -> absl::Status {
    if (absl::Status s = internal::Required(req->layer_id(), "layer_id"); !s.ok()) return s;
    return WriteOne(call, internal::ToMutation(*req), "request", resp);
  });
}

grpc::Status SpatialService::UpsertFeatures(
    grpc::ServerContext* ctx,
    grpc::ServerReaderWriter<v1::FeatureMutationResult, v1::FeatureMutation>* stream) {
  return Handle(ctx, "UpsertFeatures", [&](CallScope& call) -> absl::Status {
    internal::StreamQueue<v1::FeatureMutation> queue(kMaxQueued);
    std::thread reader = queue.ReadAll(stream);
    absl::Status failure;
    int64_t written = 0;
    for (;;) {
      std::vector<v1::FeatureMutation> batch = queue.TakeBatch(kMaxBatch);
      if (batch.empty()) break;
      std::vector<v1::FeatureMutationResult> out(batch.size());
      std::vector<geo::FeatureMutation> mutations;
      std::vector<size_t> index;
      for (size_t i = 0; i < batch.size(); ++i) {
        out[i].set_client_tag(batch[i].client_tag());
        absl::StatusOr<geo::FeatureMutation> m =
            batch[i].has_upsert()   ? internal::ToMutation(batch[i].upsert(), "upsert.feature")
            : batch[i].has_delete_() ? absl::StatusOr<geo::FeatureMutation>(internal::ToMutation(batch[i].delete_()))
                                     : absl::InvalidArgumentError("mutation: set upsert or delete");
        if (m.ok()) {
          if (absl::Status s = AuthorizeLayerWrite(call, *m); !s.ok()) m = s;
        }
        if (!m.ok()) {
          internal::SetError(m.status(), out[i].mutable_error());
          continue;
        }
        mutations.push_back(*std::move(m));
        index.push_back(i);
      }
      std::vector<absl::StatusOr<geo::FeatureWriteResult>> results;
      failure = WriteBatch(call, mutations, batch[0].has_upsert() ? "upsert.feature" : "delete", &results);
      if (!failure.ok()) break;
      for (size_t j = 0; j < results.size(); ++j) {
        v1::FeatureMutationResult& r = out[index[j]];
        if (results[j].ok()) {
          internal::ToApi(*results[j], mutations[j].layer_id, mutations[j].feature_id, r.mutable_result());
          ++written;
        } else {
          internal::SetError(results[j].status(), r.mutable_error());
        }
      }
      bool open = true;
      for (const auto& r : out) open = open && stream->Write(r);
      if (!open) {
        failure = absl::CancelledError("client went away");
        break;
      }
    }
    if (!failure.ok()) ctx->TryCancel();
    reader.join();
    call.Touch(absl::StrCat(written, " feature mutations applied"));
    return failure;
  });
}

grpc::ServerUnaryReactor* SpatialService::GetFeature(grpc::CallbackServerContext* ctx,
                                                     const v1::GetFeatureRequest* req,
                                                     v1::Feature* resp) {
  return Serve(backend_, ctx, "GetFeature", [=](CallScope& call) -> absl::Status {
    geo::OneMap& map = call.backend().one_map;
    std::string layer_id = req->ref().layer_id(), feature_id = req->ref().feature_id();
    if (req->has_ref()) {
      if (absl::Status s = internal::Required(layer_id, "ref.layer_id"); !s.ok()) return s;
      if (absl::Status s = internal::Required(feature_id, "ref.feature_id"); !s.ok()) return s;
    } else {
      if (absl::Status s = internal::Required(req->entity_id(), "entity_id"); !s.ok()) return s;
      auto ref = map.features().FindFeatureByEntity(req->entity_id());
      if (!ref.ok()) return ref.status();
      std::tie(layer_id, feature_id) = *ref;
    }
    auto as_of = internal::AsOf(req->has_as_of(), req->as_of(), "as_of");
    if (!as_of.ok()) return as_of.status();
    auto info = map.Info(layer_id);
    if (!info.ok()) return info.status();
    if (absl::Status s = call.AuthorizeLayerRead((*info)->layer); !s.ok()) return s;
    absl::StatusOr<store::Feature> f = map.features().GetFeature(layer_id, feature_id, *as_of);
    if (!f.ok()) return f.status();
    if (req->has_valid_at()) {
      // The latest version (as of) whose valid time began by valid_at.
      auto versions = map.features().ListFeatureVersions(layer_id, feature_id);
      if (!versions.ok()) return versions.status();
      auto valid_at = internal::ToMicros(req->valid_at(), true, "valid_at");
      if (!valid_at.ok()) return valid_at.status();
      std::optional<store::Feature> best;
      for (const store::Feature& v : *versions) {
        if (v.version() > f->version()) break;
        if (v.valid_from_us() <= *valid_at) best = v;
      }
      if (!best) {
        return absl::NotFoundError(
            absl::StrCat("feature ", feature_id, " was not valid at valid_at"));
      }
      *f = *std::move(best);
    }
    geo::OutputOptions out;
    out.crs = req->output_crs();
    if (absl::Status s = geo::ShapeForOutput(**info, out, *f); !s.ok()) return s;
    call.Touch(absl::StrCat("feature:", layer_id, "/", feature_id));
    internal::ToApi(*f, out.crs.empty() ? absl::StrCat("EPSG:", (*info)->crs.epsg()) : out.crs, resp);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* SpatialService::QueryFeatures(grpc::CallbackServerContext* ctx,
                                                        const v1::QueryFeaturesRequest* req,
                                                        v1::QueryFeaturesResponse* resp) {
  return Serve(backend_, ctx, "QueryFeatures",
               [=](CallScope& call) { return internal::QueryFeatures(call, *req, resp); });
}

grpc::ServerBidiReactor<v1::QueryFeaturesRequest, v1::QueryFeaturesStreamResponse>*
SpatialService::QueryFeaturesStream(grpc::CallbackServerContext* ctx) {
  return internal::NewQueryStream(backend_, ctx);
}

grpc::ServerUnaryReactor* SpatialService::LocateDivisions(grpc::CallbackServerContext* ctx,
                                                          const v1::LocateDivisionsRequest* req,
                                                          v1::LocateDivisionsResponse* resp) {
  return Serve(backend_, ctx, "LocateDivisions",
               [=](CallScope& call) { return internal::LocateDivisions(call, *req, resp); });
}

grpc::ServerUnaryReactor* SpatialService::LocatePoints(grpc::CallbackServerContext* ctx,
                                                       const v1::LocatePointsRequest* req,
                                                       v1::LocatePointsResponse* resp) {
  return Serve(
      backend_, ctx, "LocatePoints",
      [=](CallScope& call) {
        return internal::LocatePoints(call, *req, [ctx] { return ctx->IsCancelled(); }, resp);
      },
      Work::kLong);
}

grpc::ServerUnaryReactor* SpatialService::LocateEntity(grpc::CallbackServerContext* ctx,
                                                       const v1::LocateEntityRequest* req,
                                                       v1::LocateEntityResponse* resp) {
  return Serve(backend_, ctx, "LocateEntity",
               [=](CallScope& call) { return internal::LocateEntity(call, *req, resp); });
}

grpc::ServerUnaryReactor* SpatialService::ListEntitiesInPlace(
    grpc::CallbackServerContext* ctx, const v1::ListEntitiesInPlaceRequest* req,
    v1::ListEntitiesInPlaceResponse* resp) {
  return Serve(
      backend_, ctx, "ListEntitiesInPlace",
      [=](CallScope& call) { return internal::ListEntitiesInPlace(call, *req, resp); },
      Work::kLong);
}

grpc::ServerUnaryReactor* SpatialService::GetDivision(grpc::CallbackServerContext* ctx,
                                                      const v1::GetDivisionRequest* req,
                                                      v1::DivisionRecord* resp) {
  return Serve(backend_, ctx, "GetDivision",
               [=](CallScope& call) { return internal::GetDivision(call, *req, resp); });
}

grpc::Status SpatialService::ImportLayer(grpc::ServerContext* ctx,
                                         grpc::ServerReader<v1::ImportLayerChunk>* reader,
                                         v1::ImportLayerResponse* resp) {
  return Handle(ctx, "ImportLayer",
                [&](CallScope& call) { return internal::ImportLayer(call, reader, resp); });
}

grpc::Status SpatialService::ExportLayer(grpc::ServerContext* ctx,
                                         const v1::ExportLayerRequest* req,
                                         grpc::ServerWriter<v1::FileChunk>* writer) {
  return Handle(ctx, "ExportLayer",
                [&](CallScope& call) { return internal::ExportLayer(call, *req, writer); });
}

grpc::Status SpatialService::WatchChanges(grpc::ServerContext* ctx,
                                          const v1::WatchFeatureChangesRequest* req,
                                          grpc::ServerWriter<v1::FeatureChangeEvent>* writer) {
  return Handle(ctx, "WatchChanges", [&](CallScope& call) -> absl::Status {
    if (req->after_sequence() < 0) {
      return absl::InvalidArgumentError("after_sequence: must not be negative");
    }
    const std::set<std::string> layers(req->layer_ids().begin(), req->layer_ids().end());
    std::map<std::string, bool> may_read;
    store::EntityStore& entities = call.backend().entities;
    int64_t after = req->after_sequence(), sent = 0;
    const absl::Time deadline = absl::FromChrono(ctx->deadline());
    while (!ctx->IsCancelled()) {
      auto events = entities.ReadChanges(after, kWatchPage);
      if (!events.ok()) return events.status();
      for (const store::ChangeEvent& e : *events) {
        after = e.sequence();
        if (e.kind() != store::SPATIAL_FEATURE) continue;
        if (!layers.empty() && layers.count(e.record().source()) == 0) continue;
        // Changes of layers the caller may not read are left out (a layer that no longer
        // exists is judged by the policy alone, as if another agency owned it).
        auto readable = may_read.find(e.record().source());
        if (readable == may_read.end()) {
          absl::Status s = call.AuthorizeLayerRead(e.record().source());
          if (absl::IsNotFound(s)) {
            s = call.backend().policy.AuthorizeLayerRead(call.caller().agency,
                                                         e.record().source(), "");
          }
          readable = may_read.emplace(e.record().source(), s.ok()).first;
        }
        if (!readable->second) continue;
        v1::FeatureChangeEvent out;
        out.set_sequence(e.sequence());
        internal::SetTimestamp(e.committed_at_us(), out.mutable_committed_at());
        switch (e.type()) {
          case store::ChangeEvent::LAYER_CREATED: out.set_type(v1::FeatureChangeEvent::LAYER_CREATED); break;
          case store::ChangeEvent::LAYER_UPDATED: out.set_type(v1::FeatureChangeEvent::LAYER_UPDATED); break;
          case store::ChangeEvent::FEATURE_DELETED: out.set_type(v1::FeatureChangeEvent::FEATURE_DELETED); break;
          default: out.set_type(v1::FeatureChangeEvent::FEATURE_UPSERTED); break;
        }
        out.mutable_ref()->set_layer_id(e.record().source());
        out.mutable_ref()->set_feature_id(e.record().record_key());
        out.set_entity_id(e.entity_id());
        if (!e.record().record_key().empty()) out.set_feature_version(e.entity_version());
        if (!writer->Write(out)) return absl::CancelledError("client went away");
        ++sent;
      }
      if (static_cast<int>(events->size()) == kWatchPage) continue;
      if (absl::Now() >= deadline) break;
      entities.AwaitChange(after, std::min(deadline, absl::Now() + kWatchPoll));
    }
    call.Touch(absl::StrCat(sent, " changes sent, up to sequence ", after));
    if (ctx->IsCancelled()) return absl::CancelledError("watch cancelled by the client");
    return absl::DeadlineExceededError(absl::StrCat("watch deadline reached after sequence ", after));
  });
}

}  // namespace mdhub::services

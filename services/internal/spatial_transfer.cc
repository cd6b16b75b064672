#include "services/internal/spatial_transfer.h"

#include <filesystem>
#include <fstream>
#include <random>

#include "absl/strings/str_cat.h"
#include "geo/transfer.h"
#include "services/internal/mapping.h"
#include "services/internal/spatial_mapping.h"
#include "services/internal/stream_queue.h"

namespace mdhub::services::internal {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

// A fresh temporary directory, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / absl::StrCat("mdhub-transfer-", rd(), rd());
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

absl::StatusOr<geo::FileFormat> ToFormat(v1::FileFormat f, absl::string_view field) {
  switch (f) {
    case v1::GEOJSON: return geo::FileFormat::kGeoJson;
    case v1::SHAPEFILE_ZIP: return geo::FileFormat::kShapefileZip;
    case v1::GEOPACKAGE: return geo::FileFormat::kGeoPackage;
    case v1::FLATGEOBUF: return geo::FileFormat::kFlatGeobuf;
    case v1::CSV_WKT: return geo::FileFormat::kCsvWkt;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": required (GEOJSON, SHAPEFILE_ZIP, GEOPACKAGE, FLATGEOBUF or CSV_WKT)"));
  }
}

// PERMISSION_DENIED unless the caller's agency owns the layer (or will own it).
absl::Status AuthorizeOwner(CallScope& call, const std::string& layer_id) {
  auto info = call.backend().one_map.Info(layer_id);
  if (absl::IsNotFound(info.status())) {
    return absl::NotFoundError(absl::StrCat("header.layer_id: no layer \"", layer_id,
                                            "\" (set header.create_layer to create it)"));
  }
  if (!info.ok()) return info.status();
  if ((*info)->layer.owner_agency() != call.caller().agency) {
    return absl::PermissionDeniedError(absl::StrCat("layer ", layer_id, " is owned by agency ",
                                                    (*info)->layer.owner_agency(),
                                                    "; only the owner writes it"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ImportLayer(CallScope& call, grpc::ServerReaderInterface<v1::ImportLayerChunk>* reader,
                         v1::ImportLayerResponse* response) {
  v1::ImportLayerChunk chunk;
  if (!reader->Read(&chunk) || !chunk.has_header()) {
    return absl::InvalidArgumentError("header: the first message must be the header");
  }
  const v1::ImportLayerHeader header = chunk.header();
  if (absl::Status s = Required(header.layer_id(), "header.layer_id"); !s.ok()) return s;
  absl::StatusOr<geo::FileFormat> format = ToFormat(header.format(), "header.format");
  if (!format.ok()) return format.status();
  geo::ImportOptions options;
  options.read.source_crs = header.source_crs();
  if (!header.geometry_column().empty()) options.read.geometry_column = header.geometry_column();
  options.read.encoding = header.encoding();
  options.read.source_layer = header.source_layer();
  options.read.feature_id_property = header.feature_id_property();
  options.replace = header.mode() == v1::ImportLayerHeader::REPLACE;
  options.repair_invalid = header.repair_invalid();
  if (header.has_valid_from()) {
    auto t = ToMicros(header.valid_from(), true, "header.valid_from");
    if (!t.ok()) return t.status();
    options.valid_from = absl::FromUnixMicros(*t);
  }
  if (header.has_create_layer()) {
    v1::Layer def = header.create_layer();
    def.set_id(header.layer_id());
    absl::StatusOr<store::Layer> layer = ToStoreLayer(def);
    if (!layer.ok()) return layer.status();
    if (layer->owner_agency().empty()) layer->set_owner_agency(call.caller().agency);
    if (layer->owner_agency() != call.caller().agency) {
      return absl::PermissionDeniedError("header.create_layer.owner_agency: must be the caller's agency");
    }
    options.create_layer = *std::move(layer);
  } else if (absl::Status s = AuthorizeOwner(call, header.layer_id()); !s.ok()) {
    return s;
  }

  // Spool the file (a Shapefile zip is read through GDAL's /vsizip/).
  TempDir dir;
  const std::string path = dir.File(absl::StrCat("upload", geo::FileExtension(*format)));
  {
    std::ofstream out(path, std::ios::binary);
    while (reader->Read(&chunk)) {
      if (chunk.has_header()) return absl::InvalidArgumentError("header: sent twice");
      out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    }
    if (!out) return absl::ResourceExhaustedError("cannot spool the upload to a temporary file");
  }
  store::AuditEntry audit = call.PendingAuditEntry();
  audit.add_touched(absl::StrCat("layer:", header.layer_id(), " import"));
  absl::StatusOr<geo::ImportSummary> summary =
      geo::ImportFile(call.backend().one_map, header.layer_id(), path, *format, options, &audit);
  if (!summary.ok()) return summary.status();
  call.MarkAudited();
  auto layer = call.backend().one_map.GetLayer(header.layer_id());
  if (!layer.ok()) return layer.status();
  ToApi(*layer, response->mutable_layer());
  response->set_features_read(summary->features_read);
  response->set_created(summary->created);
  response->set_updated(summary->updated);
  response->set_unchanged(summary->unchanged);
  response->set_deleted(summary->deleted);
  response->set_rejected(summary->rejected);
  for (const absl::Status& s : summary->rejections) SetError(s, response->add_rejections());
  response->set_change_sequence(summary->change_sequence);
  return absl::OkStatus();
}

absl::Status ExportLayer(CallScope& call, const v1::ExportLayerRequest& request,
                         grpc::ServerWriterInterface<v1::FileChunk>* writer) {
  if (absl::Status s = Required(request.layer_id(), "layer_id"); !s.ok()) return s;
  if (absl::Status s = call.AuthorizeLayerRead(request.layer_id()); !s.ok()) return s;
  absl::StatusOr<geo::FileFormat> format = ToFormat(request.format(), "format");
  if (!format.ok()) return format.status();
  geo::ExportOptions options;
  options.output.crs = request.output_crs();
  options.output.properties.assign(request.property_names().begin(), request.property_names().end());
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  options.as_of = *as_of;
  if (request.has_bbox()) {
    options.bbox = geo::Box{request.bbox().min_x(), request.bbox().min_y(), request.bbox().max_x(),
                            request.bbox().max_y()};
  }
  for (int i = 0; i < request.attribute_filters_size(); ++i) {
    if (request.attribute_filters(i).op() == v1::AttributeFilter::OPERATOR_UNSPECIFIED) {
      return absl::InvalidArgumentError(absl::StrCat("attribute_filters[", i, "].op: required"));
    }
  }
  options.filters = ToFilters(request.attribute_filters());
  TempDir dir;
  const std::string name = absl::StrCat(request.layer_id(), geo::FileExtension(*format));
  const std::string path = dir.File(name);
  absl::StatusOr<int64_t> written =
      geo::ExportFile(call.backend().one_map, request.layer_id(), path, *format, options);
  if (!written.ok()) return written.status();
  std::ifstream in(path, std::ios::binary);
  std::string buffer(kChunkBytes, '\0');
  bool first = true;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0 && !first) break;
    v1::FileChunk out;
    out.set_data(buffer.data(), static_cast<size_t>(std::max<std::streamsize>(n, 0)));
    if (first) {
      out.set_file_name(name);
      out.set_media_type(geo::MediaType(*format));
      first = false;
    }
    if (!writer->Write(out)) return absl::CancelledError("client went away");
  }
  call.Touch(absl::StrCat("layer:", request.layer_id(), " exported ", *written, " features"));
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal

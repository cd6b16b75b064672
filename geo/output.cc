// Shaping query results for output: properties narrowed, geometry transformed and simplified.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "geo/query.h"

namespace mdhub::geo {
namespace {

absl::Status BadOutputCrs(absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("output_crs: ", problem));
}

}  // namespace

absl::Status ShapeForOutput(const LayerInfo& layer, const OutputOptions& options,
                            store::Feature& feature) {
  if (!options.properties.empty()) {
    StoredProperties& props = *feature.mutable_properties();
    auto wanted = [&](const store::Property& p) {
      return std::find(options.properties.begin(), options.properties.end(), p.name()) !=
             options.properties.end();
    };
    props.erase(std::stable_partition(props.begin(), props.end(), wanted), props.end());
  }
  if (options.omit_geometry || feature.wkb().empty()) {
    feature.clear_wkb();
    return absl::OkStatus();
  }
  const bool reproject = !options.crs.empty();
  if (!reproject && options.simplify_tolerance <= 0) return absl::OkStatus();
  absl::StatusOr<Geometry> g = Geometry::FromWkb(feature.wkb());
  if (!g.ok()) return absl::DataLossError(absl::StrCat("stored geometry: ", g.status().message()));
  if (reproject) {
    absl::StatusOr<CrsTransform> t = TransformTo(layer.crs, options.crs);
    if (!t.ok()) return BadOutputCrs(t.status().message());
    if (absl::Status s = t->Apply(*g); !s.ok()) return BadOutputCrs(s.message());
  }
  if (options.simplify_tolerance > 0) *g = g->SimplifyPreserveTopology(options.simplify_tolerance);
  feature.set_wkb(g->ToWkb());
  return absl::OkStatus();
}

}  // namespace mdhub::geo

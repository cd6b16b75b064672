// How `mdhub layer` prints layers and features: readable tables, or GeoJSON for features.
#ifndef MDHUB_TOOLS_CLI_LAYER_OUTPUT_H_
#define MDHUB_TOOLS_CLI_LAYER_OUTPUT_H_

#include <string>

#include "mdhub/v1/spatial.pb.h"

namespace mdhub::cli {

std::string FormatLayers(const v1::ListLayersResponse& layers);
std::string FormatLayer(const v1::Layer& layer);
// One row per hit: feature id, version, distance (when set), geometry type, bounding box and the
// properties as name=value.
std::string FormatHits(const v1::QueryFeaturesResponse& hits);
// A GeoJSON FeatureCollection of the hits (geometries converted from WKB).
std::string HitsToGeoJson(const v1::QueryFeaturesResponse& hits);
std::string FormatImport(const v1::ImportLayerResponse& response);
// One line per division: level, code, name, feature ("-" for divisions of the code tables).
std::string FormatDivisions(
    const google::protobuf::RepeatedPtrField<v1::LocateDivisionsResponse::Division>& divisions);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_LAYER_OUTPUT_H_

// Turning `mdhub layer` flags into SpatialService request fields: numbers, formats, schema
// properties, attribute conditions, geometries, boxes and times. Errors name the flag.
#ifndef MDHUB_TOOLS_CLI_LAYER_ARGS_H_
#define MDHUB_TOOLS_CLI_LAYER_ARGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "mdhub/v1/spatial.pb.h"

namespace mdhub::cli {

// `count` comma-separated numbers ("108.3,22.8"); the error names `flag`.
absl::StatusOr<std::vector<double>> Numbers(const std::string& text, size_t count,
                                            const std::string& flag);
// The format named by --format, else by the file's extension; FILE_FORMAT_UNSPECIFIED if neither.
v1::FileFormat FormatOf(const std::string& name, const std::string& path);
// --property NAME:TYPE[!]
absl::Status ParseProperty(const std::string& spec, v1::PropertyDef* def);
// --bbox MINX,MINY,MAXX,MAXY in `crs` ("" = the layer's).
absl::Status SetBox(const std::string& text, const std::string& crs, v1::BoundingBox* b);
// An RFC 3339 time for `flag`.
absl::Status SetTime(const std::string& text, const char* flag, google::protobuf::Timestamp* ts);
// --where "NAME OP VALUE": OP one of = != < <= > >= ^= (prefix); values are numbers when they
// parse as numbers, else strings; NAME=null / NAME!=null test for null.
absl::Status ParseWhere(const std::string& text, v1::AttributeFilter* f);
// A geometry flag: "x,y" (a point), WKT, or GeoJSON (when it starts with '{'), in `crs`.
absl::Status SetGeometry(const std::string& text, const std::string& crs, v1::Geometry* g);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_LAYER_ARGS_H_

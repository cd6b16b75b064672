// Test helpers for the parcel generator: generate a layer into the test's temporary directory and
// read it back with GDAL, feature by feature.
#ifndef MDHUB_TOOLS_GEN_TESTING_PARCEL_LAYER_H_
#define MDHUB_TOOLS_GEN_TESTING_PARCEL_LAYER_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "geo/gdal_io.h"
#include "gtest/gtest.h"
#include "tools/gen/parcel_generator.h"

namespace mdhub::gen::testing {

struct Parcel {
  std::string id;
  std::string wkb;
  std::map<std::string, std::string> text;  // the string and date properties
  double area_m2 = 0;
  bool has_owner_id = false;
};

inline std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / name).string();
}

// Options for `parcels` parcels into the temporary file `file`, in the format of its extension.
inline ParcelGeneratorOptions Options(int64_t parcels, const std::string& file) {
  ParcelGeneratorOptions options;
  options.parcels = parcels;
  options.out_path = TempPath(file);
  absl::StatusOr<geo::FileFormat> format = geo::FileFormatOfPath(file);
  if (format.ok()) options.format = *format;
  return options;
}

// Reads a written layer back; a test failure unless it is in EPSG:4490 and of polygons.
inline std::vector<Parcel> ReadBack(const ParcelGeneratorOptions& options) {
  geo::ReadOptions read;
  read.feature_id_property = "feature_id";
  auto reader = geo::FeatureReader::Open(options.out_path, options.format, read);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return {};
  EXPECT_EQ((*reader)->crs(), "EPSG:4490");
  EXPECT_EQ((*reader)->geometry_type(), store::POLYGON);
  std::vector<Parcel> parcels;
  geo::SourceFeature f;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&f);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    Parcel& p = parcels.emplace_back();
    p.id = f.feature_id;
    p.wkb = f.wkb;
    for (const auto& [name, value] : f.properties) {
      if (value.has_string_value()) p.text[name] = value.string_value();
    }
    p.area_m2 = f.properties.at("area_m2").double_value();
    p.has_owner_id = f.properties.contains("owner_id");
  }
  return parcels;
}

// Generates (a test failure if that fails) and reads back.
inline std::vector<Parcel> Generate(const ParcelGeneratorOptions& options) {
  absl::StatusOr<ParcelGenerationSummary> summary = GenerateParcels(options);
  EXPECT_TRUE(summary.ok()) << summary.status();
  return ReadBack(options);
}

}  // namespace mdhub::gen::testing

#endif  // MDHUB_TOOLS_GEN_TESTING_PARCEL_LAYER_H_

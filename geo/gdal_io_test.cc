// Round trips through every file format (write three parcels, read them back), format names, and
// the writer's checks of its input.
#include "geo/gdal_io.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogr_api.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

using store::PropertyDef;
using store::PropertyValue;
using ::testing::HasSubstr;
using Properties = google::protobuf::RepeatedPtrField<store::Property>;

std::string Wkb(const char* wkt) {
  OGRGeometryH g = nullptr;
  EXPECT_EQ(OGR_G_CreateFromWkt(const_cast<char**>(&wkt), nullptr, &g), OGRERR_NONE) << wkt;
  std::string wkb(OGR_G_WkbSize(g), '\0');
  OGR_G_ExportToIsoWkb(g, wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()));
  OGR_G_DestroyGeometry(g);
  return wkb;
}

std::string Wkt(const std::string& wkb) {
  OGRGeometryH g = nullptr;
  if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &g, static_cast<int>(wkb.size())) != OGRERR_NONE) {
    return "<bad WKB>";
  }
  char* text = nullptr;
  OGR_G_ExportToIsoWkt(g, &text);
  std::string wkt = text;
  CPLFree(text);
  OGR_G_DestroyGeometry(g);
  return wkt;
}

PropertyValue Str(const std::string& s) { PropertyValue v; v.set_string_value(s); return v; }
PropertyValue Int(int64_t i) { PropertyValue v; v.set_int_value(i); return v; }
PropertyValue Dbl(double d) { PropertyValue v; v.set_double_value(d); return v; }
PropertyValue Bool(bool b) { PropertyValue v; v.set_bool_value(b); return v; }

Properties Props(const std::vector<std::pair<std::string, PropertyValue>>& values) {
  Properties properties;
  for (const auto& [name, value] : values) {
    store::Property* p = properties.Add();
    p->set_name(name);
    *p->mutable_value() = value;
  }
  return properties;
}

PropertyDef Def(const std::string& name, PropertyDef::Type type) {
  PropertyDef def;
  def.set_name(name);
  def.set_type(type);
  return def;
}

std::vector<PropertyDef> Schema() {
  return {Def("name", PropertyDef::STRING),     Def("population", PropertyDef::INTEGER),
          Def("area_km2", PropertyDef::DOUBLE), Def("founded", PropertyDef::DATE),
          Def("active", PropertyDef::BOOLEAN),  Def("updated", PropertyDef::DATETIME)};
}

struct Parcel {
  std::string id;
  std::string wkb;
  Properties properties;
};

// Counter-clockwise outer rings, clockwise holes; one has coordinates that need 17 digits.
std::vector<Parcel> Parcels() {
  std::vector<Parcel> parcels(3);
  parcels[0].id = "450103-001";
  parcels[0].wkb = Wkb("POLYGON ((108.3 22.8,108.32 22.8,108.32 22.82,108.3 22.82,108.3 22.8))");
  parcels[0].properties = Props({{"name", Str("青秀区 一号地块")}, {"population", Int(12345)},
                           {"area_km2", Dbl(4.75)},           {"founded", Str("2019-07-01")},
                           {"active", Bool(true)},            {"updated", Str("2024-03-01T10:20:30Z")}});
  parcels[1].id = "450103-002";
  parcels[1].wkb = Wkb(
      "POLYGON ((108.123456789012345 22.1,108.4 22.1,108.4 22.4,108.123456789012345 22.4,"
      "108.123456789012345 22.1),(108.2 22.2,108.2 22.3,108.3 22.3,108.3 22.2,108.2 22.2))");
  parcels[1].properties = Props({{"name", Str("南宁市良庆区")}, {"area_km2", Dbl(0.1)},
                           {"founded", Str("2000-02-29")}, {"active", Bool(false)}});
  parcels[2].id = "450103-003";
  parcels[2].wkb = Wkb("POLYGON ((108.5 22.5,108.6 22.5,108.55 22.6,108.5 22.5))");
  parcels[2].properties = Props({{"name", Str("plain ASCII")}, {"population", Int(-7)},
                           {"area_km2", Dbl(1234567.125)}, {"updated", Str("2023-12-31T23:59:59Z")}});
  return parcels;
}

// What a format gives back for `def` / `value` (see the loss list on FeatureWriter).
PropertyDef::Type TypeAfter(FileFormat format, PropertyDef::Type type) {
  if (format == FileFormat::kShapefileZip && type == PropertyDef::BOOLEAN) return PropertyDef::INTEGER;
  if (format == FileFormat::kShapefileZip && type == PropertyDef::DATETIME) return PropertyDef::STRING;
  if (format == FileFormat::kFlatGeobuf && type == PropertyDef::DATE) return PropertyDef::DATETIME;
  return type;
}
PropertyValue ValueAfter(FileFormat format, const std::string& name, const PropertyValue& v) {
  if (format == FileFormat::kShapefileZip && name == "active") return Int(v.bool_value() ? 1 : 0);
  if (format == FileFormat::kFlatGeobuf && name == "founded") {
    return Str(v.string_value() + "T00:00:00");
  }
  return v;
}

std::string PathFor(FileFormat format) {
  return absl::StrCat(::testing::TempDir(), "/gdal_io_round_trip", FileExtension(format));
}

class RoundTripTest : public ::testing::TestWithParam<FileFormat> {};

TEST_P(RoundTripTest, ReadsBackIdsGeometriesAndTypedProperties) {
  const FileFormat format = GetParam();
  const std::string path = PathFor(format);
  {
    auto writer = FeatureWriter::Create(path, format, "parcels", "EPSG:4490", store::POLYGON, Schema());
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (const Parcel& p : Parcels()) {
      ASSERT_TRUE((*writer)->Write(p.id, p.wkb, p.properties).ok()) << p.id;
    }
    ASSERT_TRUE((*writer)->Close().ok());
    EXPECT_EQ((*writer)->Write("x", "", {}).code(), absl::StatusCode::kFailedPrecondition);
  }
  ReadOptions options;
  options.feature_id_property = "feature_id";
  auto reader = FeatureReader::Open(path, format, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->crs(), "EPSG:4490");
  EXPECT_EQ((*reader)->geometry_type(),
            format == FileFormat::kCsvWkt ? store::GEOMETRY : store::POLYGON);
  const int64_t count = (*reader)->feature_count();
  EXPECT_TRUE(count == 3 || count == -1) << count;

  std::vector<std::pair<std::string, PropertyDef::Type>> schema;
  for (const PropertyDef& def : (*reader)->schema()) schema.emplace_back(def.name(), def.type());
  std::vector<std::pair<std::string, PropertyDef::Type>> expected_schema;
  for (const PropertyDef& def : Schema()) {
    expected_schema.emplace_back(def.name(), TypeAfter(format, def.type()));
  }
  EXPECT_EQ(schema, expected_schema);

  std::map<std::string, Parcel> by_id;
  for (Parcel& p : Parcels()) by_id[p.id] = std::move(p);
  SourceFeature f;
  int64_t read = 0;
  for (;;) {
    absl::StatusOr<bool> more = (*reader)->Next(&f);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    EXPECT_EQ(f.index, read++);
    ASSERT_TRUE(by_id.count(f.feature_id)) << f.feature_id;
    const Parcel& p = by_id[f.feature_id];
    // Byte for byte: same coordinates, same ring order and orientation.
    EXPECT_EQ(f.wkb, p.wkb) << f.feature_id << ": " << Wkt(f.wkb) << " vs " << Wkt(p.wkb);
    std::map<std::string, std::string> got, want;
    for (const auto& [name, value] : f.properties) got[name] = value.ShortDebugString();
    for (const store::Property& w : p.properties) {
      want[w.name()] = ValueAfter(format, w.name(), w.value()).ShortDebugString();
    }
    EXPECT_EQ(got, want) << f.feature_id;
  }
  EXPECT_EQ(read, 3);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RoundTripTest,
                         ::testing::Values(FileFormat::kGeoJson, FileFormat::kShapefileZip,
                                           FileFormat::kGeoPackage, FileFormat::kFlatGeobuf,
                                           FileFormat::kCsvWkt),
                         [](const ::testing::TestParamInfo<FileFormat>& info) {
                           std::string name = FileExtension(info.param).substr(1);
                           return name == "shp.zip" ? std::string("shp_zip") : name;
                         });

TEST(FeatureWriterTest, ShapefileZipHoldsTheLayerFiles) {
  const std::string path = PathFor(FileFormat::kShapefileZip);
  auto writer = FeatureWriter::Create(path, FileFormat::kShapefileZip, "parcels", "EPSG:4490",
                                      store::POLYGON, Schema());
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Write("a", Parcels()[0].wkb, {}).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  char** entries = VSIReadDir(("/vsizip/" + path).c_str());
  std::vector<std::string> names;
  for (int i = 0; entries != nullptr && entries[i] != nullptr; ++i) names.push_back(entries[i]);
  CSLDestroy(entries);
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("parcels.shp", "parcels.shx", "parcels.dbf",
                                                     "parcels.prj", "parcels.cpg"));
  VSIStatBufL stat;
  EXPECT_NE(VSIStatL((path + ".parts").c_str(), &stat), 0) << "the work directory is removed";
}

TEST(FeatureWriterTest, GeoPackageCommitsInBatchesAndKeepsTheTail) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/gdal_io_many.gpkg");
  auto writer = FeatureWriter::Create(path, FileFormat::kGeoPackage, "points", "EPSG:4490",
                                      store::POINT, {Def("n", PropertyDef::INTEGER)});
  ASSERT_TRUE(writer.ok()) << writer.status();
  constexpr int kCount = 25001;  // two full transactions and a partial one
  for (int i = 0; i < kCount; ++i) {
    const std::string wkt = absl::StrCat("POINT (", 108 + i * 1e-5, " 22.5)");
    ASSERT_TRUE((*writer)->Write(absl::StrCat("p", i), Wkb(wkt.c_str()), Props({{"n", Int(i)}})).ok());
  }
  ASSERT_TRUE((*writer)->Close().ok());
  auto reader = FeatureReader::Open(path, FileFormat::kGeoPackage, {});
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->feature_count(), kCount);
}

TEST(FeatureWriterTest, RejectsBadInputNamingTheFeatureAndProperty) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/gdal_io_bad.gpkg");
  EXPECT_EQ(FeatureWriter::Create(path, FileFormat::kGeoPackage, "l", "4490", store::POLYGON, {})
                .status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FeatureWriter::Create(path, FileFormat::kGeoPackage, "l", "EPSG:4490",
                                    store::POLYGON, {Def("Feature_ID", PropertyDef::STRING)})
                  .status().message(),
              HasSubstr("feature id"));
  auto writer = FeatureWriter::Create(path, FileFormat::kGeoPackage, "l", "EPSG:4490",
                                      store::POLYGON, Schema());
  ASSERT_TRUE(writer.ok()) << writer.status();
  const std::string wkb = Parcels()[0].wkb;
  EXPECT_THAT((*writer)->Write("p1", wkb, Props({{"colour", Str("red")}})).message(),
              HasSubstr("property colour is not in the schema"));
  EXPECT_THAT((*writer)->Write("p2", wkb, Props({{"population", Str("many")}})).message(),
              HasSubstr("feature p2.population: expected an integer"));
  EXPECT_THAT((*writer)->Write("p3", wkb, Props({{"founded", Str("2023-02-29")}})).message(),
              HasSubstr("feature p3.founded: expected a date YYYY-MM-DD"));
  EXPECT_THAT((*writer)->Write("p4", wkb, Props({{"updated", Str("2024-03-01")}})).message(),
              HasSubstr("expected an RFC 3339 date-time"));
  EXPECT_THAT((*writer)->Write("p5", "not wkb", {}).message(), HasSubstr("not valid WKB"));
  EXPECT_TRUE((*writer)->Write("p6", wkb, Props({{"updated", Str("2024-03-01T08:00:00+08:00")}})).ok());
  EXPECT_TRUE((*writer)->Close().ok());
}

TEST(FeatureWriterTest, ShapefileRejectsTextLongerThanTheDbfHolds) {
  const std::string path = PathFor(FileFormat::kShapefileZip);
  auto writer = FeatureWriter::Create(path, FileFormat::kShapefileZip, "l", "EPSG:4490",
                                      store::POLYGON, Schema());
  ASSERT_TRUE(writer.ok()) << writer.status();
  std::string long_name;
  for (int i = 0; i < 85; ++i) long_name += "南";  // 255 bytes
  EXPECT_THAT((*writer)->Write("p", Parcels()[0].wkb, Props({{"name", Str(long_name)}})).message(),
              HasSubstr("255 bytes of text; a Shapefile holds at most 254"));
  EXPECT_TRUE((*writer)->Close().ok());
}

TEST(FileFormatTest, NamesPathsAndMediaTypes) {
  EXPECT_EQ(*ParseFileFormat("GeoJSON"), FileFormat::kGeoJson);
  EXPECT_EQ(*ParseFileFormat("shp"), FileFormat::kShapefileZip);
  EXPECT_EQ(*ParseFileFormat("geopackage"), FileFormat::kGeoPackage);
  EXPECT_EQ(*ParseFileFormat("flatgeobuf"), FileFormat::kFlatGeobuf);
  EXPECT_EQ(*ParseFileFormat("csv"), FileFormat::kCsvWkt);
  EXPECT_THAT(ParseFileFormat("kml").status().message(),
              HasSubstr("geojson, shapefile (shp), gpkg (geopackage), fgb (flatgeobuf) or csv"));
  EXPECT_EQ(*FileFormatOfPath("/d/parcels.SHP.zip"), FileFormat::kShapefileZip);
  EXPECT_EQ(*FileFormatOfPath("a.shz"), FileFormat::kShapefileZip);
  EXPECT_EQ(*FileFormatOfPath("a.shp"), FileFormat::kShapefileZip);
  EXPECT_EQ(*FileFormatOfPath("a.json"), FileFormat::kGeoJson);
  EXPECT_EQ(*FileFormatOfPath("a.gpkg"), FileFormat::kGeoPackage);
  EXPECT_EQ(*FileFormatOfPath("a.fgb"), FileFormat::kFlatGeobuf);
  EXPECT_EQ(*FileFormatOfPath("a.csv"), FileFormat::kCsvWkt);
  EXPECT_FALSE(FileFormatOfPath("a.kml").ok());
  EXPECT_EQ(MediaType(FileFormat::kGeoPackage), "application/geopackage+sqlite3");
  EXPECT_EQ(MediaType(FileFormat::kShapefileZip), "application/zip");
  EXPECT_EQ(FileExtension(FileFormat::kShapefileZip), ".shp.zip");
  for (FileFormat f : {FileFormat::kGeoJson, FileFormat::kShapefileZip, FileFormat::kGeoPackage,
                       FileFormat::kFlatGeobuf, FileFormat::kCsvWkt}) {
    EXPECT_EQ(*FileFormatOfPath("x" + FileExtension(f)), f);
  }
}

}  // namespace
}  // namespace mdhub::geo

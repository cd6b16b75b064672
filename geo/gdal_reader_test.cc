// FeatureReader on files mdhub did not write: CSV without a CRS or with bad rows, GBK-encoded
// Shapefiles and CSVs, GeoPackages with several layers, and Natural Earth's populated places.
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "geo/gdal_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

using ::testing::HasSubstr;

std::string TempPath(const std::string& name) {
  return absl::StrCat(::testing::TempDir(), "/gdal_reader_", name);
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string Wkt(const std::string& wkb) {
  OGRGeometryH g = nullptr;
  OGR_G_CreateFromWkb(wkb.data(), nullptr, &g, static_cast<int>(wkb.size()));
  char* text = nullptr;
  OGR_G_ExportToIsoWkt(g, &text);
  std::string wkt = text == nullptr ? "" : text;
  CPLFree(text);
  OGR_G_DestroyGeometry(g);
  return wkt;
}

TEST(FeatureReaderTest, CsvWithoutCrsNeedsSourceCrs) {
  const std::string path = TempPath("no_crs.csv");
  WriteFile(path, "WKT,name,code\n\"POINT (108.3 22.8)\",南宁,450100\n");
  auto missing = FeatureReader::Open(path, FileFormat::kCsvWkt, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.status().message(), HasSubstr(path));
  EXPECT_THAT(missing.status().message(), HasSubstr("source CRS"));

  ReadOptions options;
  options.source_crs = "EPSG:4490";
  auto reader = FeatureReader::Open(path, FileFormat::kCsvWkt, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->crs(), "EPSG:4490");
  ASSERT_EQ((*reader)->schema().size(), 2u);  // the WKT column is no property
  EXPECT_EQ((*reader)->schema()[1].name(), "code");
  EXPECT_EQ((*reader)->schema()[1].type(), store::PropertyDef::STRING);  // no .csvt: text
  SourceFeature f;
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.feature_id, "1");  // GDAL's FID of the first CSV row
  EXPECT_EQ(Wkt(f.wkb), "POINT (108.3 22.8)");
  EXPECT_EQ(f.properties.at("name").string_value(), "南宁");
  EXPECT_EQ(f.properties.at("code").string_value(), "450100");
  EXPECT_FALSE(*(*reader)->Next(&f));

  options.source_crs = "EPSG:999999";
  EXPECT_THAT(FeatureReader::Open(path, FileFormat::kCsvWkt, options).status().message(),
              HasSubstr("not a known EPSG code"));
  options.source_crs = "4490";
  EXPECT_THAT(FeatureReader::Open(path, FileFormat::kCsvWkt, options).status().message(),
              HasSubstr("EPSG:<code>"));
}

TEST(FeatureReaderTest, CsvBadRowsAreErrorsAndReadingGoesOn) {
  const std::string path = TempPath("bad_rows.csv");
  WriteFile(path,
            "id,geom,name\n"
            "a,\"POINT (1 2)\",first\n"
            "b,\"POINT (1 2\",broken\n"
            ",\"POINT (5 6)\",no id\n"
            "d,,no geometry\n"
            "e,\"LINESTRING (0 0,1 1)\",last\n");
  ReadOptions options;
  options.source_crs = "EPSG:4326";
  options.geometry_column = "GEOM";
  options.feature_id_property = "id";
  auto reader = FeatureReader::Open(path, FileFormat::kCsvWkt, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ASSERT_EQ((*reader)->schema().size(), 1u);
  EXPECT_EQ((*reader)->schema()[0].name(), "name");
  SourceFeature f;
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.feature_id, "a");
  absl::StatusOr<bool> bad = (*reader)->Next(&f);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("feature[1] (CSV row 2)"));
  EXPECT_THAT(bad.status().message(), HasSubstr("not valid WKT: \"POINT (1 2\""));
  absl::StatusOr<bool> no_id = (*reader)->Next(&f);
  ASSERT_FALSE(no_id.ok());
  EXPECT_THAT(no_id.status().message(), HasSubstr("feature[2] (CSV row 3): no value for the feature id field id"));
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.index, 3);
  EXPECT_EQ(f.feature_id, "d");
  EXPECT_TRUE(f.wkb.empty());
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.feature_id, "e");
  EXPECT_EQ(Wkt(f.wkb), "LINESTRING (0 0,1 1)");
  EXPECT_FALSE(*(*reader)->Next(&f));

  options.geometry_column = "shape";
  EXPECT_THAT(FeatureReader::Open(path, FileFormat::kCsvWkt, options).status().message(),
              HasSubstr("no geometry column \"shape\" (columns: id, geom, name)"));
}

TEST(FeatureReaderTest, CsvInGbk) {
  const std::string path = TempPath("gbk.csv");
  // "南宁" in GBK is C4CF C4FE.
  WriteFile(path, "WKT,name\n\"POINT (1 2)\",\xC4\xCF\xC4\xFE\n");
  ReadOptions options;
  options.source_crs = "EPSG:4490";
  options.encoding = "GBK";
  auto reader = FeatureReader::Open(path, FileFormat::kCsvWkt, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  SourceFeature f;
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.properties.at("name").string_value(), "南宁");

  options.encoding = "";  // GBK bytes are not UTF-8: an error, not garbage
  reader = FeatureReader::Open(path, FileFormat::kCsvWkt, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_THAT((*reader)->Next(&f).status().message(), HasSubstr("feature[0] (CSV row 1).name is not valid UTF-8"));
  options.encoding = "NO-SUCH-ENCODING";
  EXPECT_THAT(FeatureReader::Open(path, FileFormat::kCsvWkt, options).status().message(),
              HasSubstr("encoding \"NO-SUCH-ENCODING\" is not known"));
}

// A Shapefile whose DBF holds GBK text (written by GDAL itself, with a .cpg saying GBK).
std::string WriteGbkShapefile() {
  GDALAllRegister();
  const std::string path = TempPath("gbk.shp");
  GDALDriverH driver = GDALGetDriverByName("ESRI Shapefile");
  VSIStatBufL stat;
  if (VSIStatL(path.c_str(), &stat) == 0) GDALDeleteDataset(driver, path.c_str());
  GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 4490);
  const char* options[] = {"ENCODING=GBK", nullptr};
  OGRLayerH layer = GDALDatasetCreateLayer(ds, "gbk", srs, wkbPoint, const_cast<char**>(options));
  OSRDestroySpatialReference(srs);
  OGRFieldDefnH field = OGR_Fld_Create("NAME", OFTString);
  OGR_L_CreateField(layer, field, TRUE);
  OGR_Fld_Destroy(field);
  OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
  OGR_F_SetFieldString(feature, 0, "南宁市青秀区");
  OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
  OGR_G_SetPoint_2D(point, 0, 108.3, 22.8);
  OGR_F_SetGeometryDirectly(feature, point);
  EXPECT_EQ(OGR_L_CreateFeature(layer, feature), OGRERR_NONE);
  OGR_F_Destroy(feature);
  GDALClose(ds);
  return path;
}

TEST(FeatureReaderTest, ShapefileInGbk) {
  const std::string path = WriteGbkShapefile();
  const std::string dbf = ReadFile(path.substr(0, path.size() - 4) + ".dbf");
  ASSERT_NE(dbf.find("\xC4\xCF\xC4\xFE"), std::string::npos) << "the DBF holds GBK bytes";
  const std::string cpg = path.substr(0, path.size() - 4) + ".cpg";
  ASSERT_EQ(ReadFile(cpg), "GBK");

  auto reader = FeatureReader::Open(path, FileFormat::kShapefileZip, {});  // the .cpg says GBK
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->crs(), "EPSG:4490");  // identified from the ESRI .prj
  EXPECT_EQ((*reader)->geometry_type(), store::POINT);
  SourceFeature f;
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.feature_id, "0");
  EXPECT_EQ(f.properties.at("name").string_value(), "南宁市青秀区");
  EXPECT_EQ((*reader)->schema()[0].description(), "NAME");  // the file's name, lower-cased

  std::remove(cpg.c_str());
  ReadOptions options;
  options.encoding = "GBK";
  reader = FeatureReader::Open(path, FileFormat::kShapefileZip, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.properties.at("name").string_value(), "南宁市青秀区");

  options.source_crs = "EPSG:4326";
  absl::StatusOr<std::unique_ptr<FeatureReader>> conflict =
      FeatureReader::Open(path, FileFormat::kShapefileZip, options);
  EXPECT_THAT(conflict.status().message(),
              HasSubstr("says its coordinates are in EPSG:4490 but source_crs is EPSG:4326"));
}

TEST(FeatureReaderTest, GeoPackageWithSeveralLayersNeedsSourceLayer) {
  const std::string path = TempPath("two_layers.gpkg");
  auto writer = FeatureWriter::Create(path, FileFormat::kGeoPackage, "roads", "EPSG:4490",
                                      store::LINE_STRING, {});
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Close().ok());
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
  ASSERT_NE(ds, nullptr);
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 4490);
  ASSERT_NE(GDALDatasetCreateLayer(ds, "rivers", srs, wkbLineString, nullptr), nullptr);
  OSRDestroySpatialReference(srs);
  GDALClose(ds);

  auto reader = FeatureReader::Open(path, FileFormat::kGeoPackage, {});
  EXPECT_THAT(reader.status().message(), HasSubstr("holds 2 layers (roads, rivers)"));
  ReadOptions options;
  options.source_layer = "lakes";
  EXPECT_THAT(FeatureReader::Open(path, FileFormat::kGeoPackage, options).status().message(),
              HasSubstr("(roads, rivers): none is named \"lakes\""));
  options.source_layer = "rivers";
  reader = FeatureReader::Open(path, FileFormat::kGeoPackage, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->geometry_type(), store::LINE_STRING);
  EXPECT_EQ((*reader)->feature_count(), 0);
  EXPECT_EQ(FeatureReader::Open(TempPath("absent.gpkg"), FileFormat::kGeoPackage, {})
                .status().code(),
            absl::StatusCode::kNotFound);
}

TEST(FeatureReaderTest, ZipWithSeveralShapefilesNeedsSourceLayer) {
  // Two shapefiles in one zip, one of them in a folder, as people zip them by hand.
  const std::string shp = WriteGbkShapefile();
  const std::string base = shp.substr(0, shp.size() - 4);
  const std::string zip_path = TempPath("two.zip");
  void* zip = CPLCreateZip(zip_path.c_str(), nullptr);
  ASSERT_NE(zip, nullptr);
  for (const char* name : {"towns", "data/villages"}) {
    for (const char* ext : {"shp", "shx", "dbf", "prj", "cpg"}) {
      const std::string bytes = ReadFile(absl::StrCat(base, ".", ext));
      ASSERT_EQ(CPLCreateFileInZip(zip, absl::StrCat(name, ".", ext).c_str(), nullptr), CE_None);
      ASSERT_EQ(CPLWriteFileInZip(zip, bytes.data(), static_cast<int>(bytes.size())), CE_None);
      ASSERT_EQ(CPLCloseFileInZip(zip), CE_None);
    }
  }
  ASSERT_EQ(CPLCloseZip(zip), CE_None);
  EXPECT_THAT(FeatureReader::Open(zip_path, FileFormat::kShapefileZip, {}).status().message(),
              HasSubstr("holds 2 shapefiles"));
  ReadOptions options;
  options.source_layer = "villages";
  auto reader = FeatureReader::Open(zip_path, FileFormat::kShapefileZip, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  SourceFeature f;
  ASSERT_TRUE(*(*reader)->Next(&f));
  EXPECT_EQ(f.properties.at("name").string_value(), "南宁市青秀区");
}

// Natural Earth 10m populated places (../shared/data/PROVENANCE.md): 7,343 points in WGS 84.
TEST(FeatureReaderTest, NaturalEarthPopulatedPlaces) {
  const std::string path = std::string(MDHUB_SOURCE_DIR) +
                           "/../shared/data/geo/naturalearth/ne_10m_populated_places_simple.geojson";
  if (!std::ifstream(path).good()) GTEST_SKIP() << path << " is not here";
  auto reader = FeatureReader::Open(path, FileFormat::kGeoJson, {});
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->crs(), "EPSG:4326");
  EXPECT_EQ((*reader)->geometry_type(), store::POINT);
  SourceFeature f;
  int64_t count = 0;
  int nanning = 0;
  for (;;) {
    absl::StatusOr<bool> more = (*reader)->Next(&f);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    ++count;
    if (f.properties.at("name").string_value() != "Nanning") continue;
    ++nanning;
    EXPECT_EQ(f.properties.at("adm1name").string_value(), "Guangxi");
    EXPECT_EQ(f.properties.at("pop_max").int_value(), 2167000);
    EXPECT_EQ(Wkt(f.wkb), "POINT (108.318098451929 22.8219340777961)");
  }
  EXPECT_EQ(count, 7343);
  EXPECT_EQ(nanning, 1);
  ReadOptions options;
  options.source_crs = "EPSG:4490";
  EXPECT_THAT(FeatureReader::Open(path, FileFormat::kGeoJson, options).status().message(),
              HasSubstr("without a \"crs\" member is EPSG:4326"));
}

}  // namespace
}  // namespace mdhub::geo

// `mdhub layer` against the real server: create a layer, import a file (with a bad feature),
// query it, locate a point, link a person to a parcel (`mdhub place`), export it and import the
// export into a second layer.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"

#include "tests/cli_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::HasSubstr;

constexpr char kParcels[] = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"450103-001","owner":"王芳","area":1024.5},
 "geometry":{"type":"Polygon","coordinates":[[[108.320,22.810],[108.321,22.810],[108.321,22.811],[108.320,22.811],[108.320,22.810]]]}},
{"type":"Feature","properties":{"code":"450103-002","owner":"李强","area":980.0},
 "geometry":{"type":"Polygon","coordinates":[[[108.322,22.810],[108.323,22.810],[108.323,22.811],[108.322,22.811],[108.322,22.810]]]}},
{"type":"Feature","properties":{"code":"450103-003","owner":"张伟","area":1.0},
 "geometry":{"type":"Polygon","coordinates":[[[108.0,22.0],[108.01,22.01],[108.01,22.0],[108.0,22.01],[108.0,22.0]]]}}
]})";

TEST_F(CliTest, LayersAreImportedQueriedLocatedAndExported) {
  const std::string file = WriteFile("parcels.geojson", kParcels);
  CliRun r = As("spatial", {"layer", "import", file, "--layer", "land.parcel", "--create",
                            "--title", "宗地", "--id-property", "code"});
  // The self-intersecting third parcel is rejected by number; the others are imported.
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("read 3: 2 created"));
  EXPECT_THAT(r.out, HasSubstr("feature[2]"));
  EXPECT_THAT(r.out, HasSubstr("Self-intersection"));

  r = As("spatial", {"layer", "show", "land.parcel"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("features  2"));
  EXPECT_THAT(r.out, HasSubstr("EPSG:4326"));  // GeoJSON is WGS84: the layer took the file's CRS

  r = As("health", {"layer", "query", "land.parcel", "--contains", "108.3205,22.8105"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("450103-001"));
  EXPECT_THAT(r.out, HasSubstr("owner=王芳"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("450103-002")));

  // JSON shows properties as an object, as a google.protobuf.Struct prints.
  r = As("health", {"layer", "query", "land.parcel", "--contains", "108.3205,22.8105", "--json"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr(R"("owner": "王芳")"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr(R"("fields")")));

  r = As("health", {"layer", "query", "land.parcel", "--near", "108.3225,22.8105", "--k", "2",
                    "--geojson"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr(R"("type":"FeatureCollection")"));
  EXPECT_LT(r.out.find("450103-002"), r.out.find("450103-001"));  // nearest first

  r = As("health", {"layer", "query", "land.parcel", "--where", "area>1000"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("450103-001"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("450103-002")));

  r = As("health", {"layer", "query", "land.parcel", "--bbox", "1,2,3"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--bbox"));

  r = As("spatial", {"layer", "locate", "108.32", "22.81"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("450000"));
  EXPECT_THAT(r.out, HasSubstr("广西壮族自治区"));

  // A person standing in parcel 450103-001: `mdhub place` links them both ways.
  r = As("ps", {"submit", "person", "--source", "ps.hukou", "--key", "H-9", "name=王芳",
                "address=南宁市青秀区东葛路1号", "location=108.3205,22.8105"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const std::string wang = ParseJson<v1::SubmitResult>(r.out).entity_id();
  r = As("health", {"place", "of", wang, "--layer", "land.parcel"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("青秀区"));
  EXPECT_THAT(r.out, HasSubstr("450103-001"));
  r = As("health", {"place", "in", "--feature", "land.parcel/450103-001"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr(wang));
  EXPECT_THAT(r.out, HasSubstr("王芳"));
  r = As("health", {"place", "in", "--feature", "land.parcel/450103-002"});
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr(wang)));
  r = As("health", {"place", "division", "450122"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("2015  450122 武鸣县 -> 450110 武鸣区"));
  r = As("health", {"place", "in"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--division"));

  // Export as GeoPackage in Web Mercator, import the export into a second layer.
  const std::string gpkg = dir_ + "/parcels.gpkg";
  r = As("spatial", {"layer", "export", "land.parcel", gpkg, "--output-crs", "EPSG:3857"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  r = As("spatial", {"layer", "import", gpkg, "--layer", "copy.parcel", "--create",
                     "--id-property", "feature_id"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("read 2: 2 created"));
  r = As("spatial", {"layer", "show", "copy.parcel"});
  EXPECT_THAT(r.out, HasSubstr("EPSG:3857"));
  r = As("health", {"layer", "query", "copy.parcel", "--contains", "108.3205,22.8105", "--crs",
                    "EPSG:4326"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("450103-001"));

  // A file without a CRS (CSV) needs --source-crs.
  const std::string csv = WriteFile("points.csv", "id,WKT\np1,POINT (108.3 22.8)\n");
  r = As("spatial", {"layer", "import", csv, "--layer", "poi", "--create"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("source CRS"));
  r = As("spatial", {"layer", "import", csv, "--layer", "poi", "--create", "--source-crs",
                     "EPSG:4490", "--id-property", "id"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
}

TEST_F(CliTest, ACsvFilesPointsAreLocatedRowByRow) {
  const std::string in = WriteFile("sites.csv",
                                   "name,lon,lat\n"
                                   "南宁站,108.32,22.82\n"
                                   "\"Guangzhou, south\",113.26,23.13\n"
                                   "unknown,,\n"
                                   "Atlantic,-30,0\n");
  const std::string out = dir_ + "/located.csv";
  CliRun r = As("spatial", {"layer", "locate-csv", in, out, "--x", "lon", "--y", "lat"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("4 rows, 2 inside a province, 1 without coordinates"));
  std::ifstream f(out);
  std::stringstream text;
  text << f.rdbuf();
  const std::vector<std::string> lines = absl::StrSplit(text.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 5u) << text.str();
  EXPECT_EQ(lines[0], "name,lon,lat,province_code,province_name,city_code,city_name,county_code,"
                      "county_name,township_code,township_name");
  EXPECT_EQ(lines[1], "南宁站,108.32,22.82,450000,广西壮族自治区,,,,,,");
  EXPECT_EQ(lines[2], "\"Guangzhou, south\",113.26,23.13,440000,广东省,,,,,,");
  EXPECT_EQ(lines[3], "unknown,,,,,,,,,,");
  EXPECT_EQ(lines[4], "Atlantic,-30,0,,,,,,,,");

  // As Excel saves it (a byte-order mark, CRLF), with a blank line: the same rows.
  const std::string excel = WriteFile("excel.csv",
                                      "\xEF\xBB\xBFlon,lat,name\r\n108.32,22.82,a\r\n\r\n113.26,23.13,b\r\n");
  r = As("spatial", {"layer", "locate-csv", excel, out, "--x", "lon", "--y", "lat", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("2 rows, 2 inside a province"));

  // Bad input is named by file and line (and column); the output is left as it was.
  auto contents = [](const std::string& path) {
    std::ifstream file(path);
    std::stringstream all;
    all << file.rdbuf();
    return all.str();
  };
  const std::string before = contents(out);
  auto fails = [&](const std::string& csv, std::vector<std::string> extra, const std::string& why) {
    const std::string file = WriteFile("bad.csv", csv);
    std::vector<std::string> args = {"layer", "locate-csv", file, out, "--x", "lon", "--y", "lat"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliRun run = As("spatial", args);
    EXPECT_NE(run.exit_code, 0) << csv;
    EXPECT_THAT(run.err, HasSubstr(why)) << csv;
    EXPECT_EQ(contents(out), before) << csv;
  };
  fails("name,lon,lat\nA,108.3,22.8\nB,108.x,22.8\n", {},
        "bad.csv:3: column 2 (\"lon\"): \"108.x\" is not a number");
  fails("name,lon,lat\nA,108.3,22.8\nB,108.3\n", {}, "bad.csv:3: expected 3 fields as in the header, found 2");
  fails("name,lon,lat\nA,108.3,\n", {}, "bad.csv:2: one coordinate given without the other");
  // A point the CRS cannot take: the server's error, named by the point's line.
  fails("name,lon,lat\nA,0,0\n\nB,1e30,0\n", {"--crs", "EPSG:3857"}, "bad.csv:4: coordinate (1e+30, 0)");
  fails("name,lon,lat\nA,0,0\n", {"--crs", "EPSG:999999"}, "--crs: ");
  fails("name,lon,lat\nA,0,0\n", {"--as-of", "yesterday"}, "--as-of");
  r = As("spatial", {"layer", "locate-csv", in, out});  // the default columns x and y
  EXPECT_THAT(r.err, HasSubstr("--x: "));
  EXPECT_THAT(r.err, HasSubstr("no column \"x\""));
  EXPECT_EQ(contents(out), before);
  r = As("spatial", {"layer", "locate-csv", out, out});
  EXPECT_THAT(r.err, HasSubstr("is the input file"));
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
}

}  // namespace
}  // namespace mdhub::tests

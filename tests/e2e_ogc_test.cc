// End-to-end: the one map as OGC API – Features over HTTPS with mutual TLS — what QGIS and GDAL
// read: landing page, conformance, collections with extents and CRSs, items with bbox, paging,
// property filters, output CRSs and as-of reads, single features, errors, authorisation and the
// audit log; and GDAL's OAPIF driver reading the layer (in development mode: GDAL 3.6 cannot
// present a client certificate).
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr char kCrs84[] = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
constexpr char kEpsg[] = "http://www.opengis.net/def/crs/EPSG/0/";
constexpr double kEarthRadius = 6378137;  // Web Mercator's sphere
constexpr double kPi = 3.14159265358979323846;

struct Reply {
  int status = 0;  // 0: no HTTP response (connection or TLS handshake failed)
  std::string error;
  std::string content_type;
  std::string content_crs;
  Json json;
};

// The href of the link with relation `rel`, "" when there is none.
std::string Href(const Json& doc, const std::string& rel) {
  for (const Json& link : doc.value("links", Json::array())) {
    if (link.value("rel", "") == rel) return link.value("href", "");
  }
  return "";
}

std::vector<std::string> Ids(const Json& collection) {
  std::vector<std::string> ids;
  for (const Json& f : collection["features"]) ids.push_back(f["id"].get<std::string>());
  return ids;
}

// Five 0.001-degree squares along 22.80° N, 0.01° apart from 108.30° E (EPSG:4490).
class E2eOgcTest : public E2eTest {
 protected:
  void CreateParcels() {
    v1::CreateLayerRequest req;
    *req.mutable_layer() = ParcelLayer();
    v1::Layer created;
    grpc::Status s = Spatial("spatial")->CreateLayer(Context().get(), req, &created);
    ASSERT_TRUE(s.ok()) << s.error_message();
    const char* owners[] = {"王芳", "李强", "张伟", "李强", "赵敏"};
    for (int i = 0; i < 5; ++i) Upsert(absl::StrCat("P-0", i + 1), 108.30 + 0.01 * i, owners[i]);
  }

  void Upsert(const std::string& id, double x, const std::string& owner) {
    v1::UpsertFeatureRequest req;
    *req.mutable_feature() = Parcel(id, x, 22.80, owner);
    v1::FeatureWriteResult result;
    grpc::Status s = Spatial("spatial")->UpsertFeature(Context().get(), req, &result);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::string Base() const { return absl::StrCat("https://127.0.0.1:", http_port()); }

  // GET over HTTPS, presenting `agency`'s client certificate (none when empty) from `certs`.
  Reply Get(const std::string& agency, const std::string& target,
            const httplib::Headers& headers = {}, const std::string& certs = certs_dir()) {
    std::unique_ptr<httplib::SSLClient> client =
        agency.empty() ? std::make_unique<httplib::SSLClient>("127.0.0.1", http_port())
                       : std::make_unique<httplib::SSLClient>(
                             "127.0.0.1", http_port(), certs + "/" + agency + ".crt",
                             certs + "/" + agency + ".key");
    client->set_ca_cert_path((certs_dir() + "/ca.crt").c_str());
    client->enable_server_certificate_verification(true);
    client->set_connection_timeout(5);
    client->set_read_timeout(10);
    // Links are absolute: follow them by their path and query.
    std::string path = absl::StartsWith(target, Base()) ? target.substr(Base().size()) : target;
    httplib::Result res = client->Get(path.c_str(), headers);
    if (!res) return {0, httplib::to_string(res.error()), "", "", nullptr};
    Reply reply = {res->status, "", res->get_header_value("Content-Type"),
                   res->get_header_value("Content-Crs"), Json::parse(res->body, nullptr, false)};
    EXPECT_FALSE(reply.json.is_discarded()) << path << ": " << res->body;
    return reply;
  }
};

TEST_F(E2eOgcTest, LandingPageConformanceAndCollectionsDescribeTheMap) {
  CreateParcels();
  Reply landing = Get("health", "/ogc");
  ASSERT_EQ(landing.status, 200) << landing.error;
  EXPECT_EQ(landing.content_type, "application/json");
  EXPECT_EQ(Href(landing.json, "self"), Base() + "/ogc");
  EXPECT_EQ(Href(landing.json, "conformance"), Base() + "/ogc/conformance");
  EXPECT_EQ(Href(landing.json, "data"), Base() + "/ogc/collections");
  EXPECT_EQ(Href(landing.json, "service-desc"), Base() + "/ogc/api");

  Reply conformance = Get("health", Href(landing.json, "conformance"));
  ASSERT_EQ(conformance.status, 200);
  EXPECT_THAT(conformance.json["conformsTo"].get<std::vector<std::string>>(),
              ::testing::IsSupersetOf(
                  {"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                   "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                   "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                   "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"}));
  Reply api = Get("health", Href(landing.json, "service-desc"));
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(api.content_type, "application/vnd.oai.openapi+json;version=3.0");
  EXPECT_TRUE(api.json["paths"].contains("/collections/{collectionId}/items"));

  Reply collections = Get("health", Href(landing.json, "data"));
  ASSERT_EQ(collections.status, 200);
  std::vector<std::string> ids;
  Json parcels;
  for (const Json& c : collections.json["collections"]) {
    ids.push_back(c["id"]);
    if (c["id"] == "land.parcel") parcels = c;
  }
  EXPECT_THAT(ids, ElementsAre("admin.province", "land.parcel"));  // the built-in one too
  ASSERT_TRUE(parcels.is_object());
  EXPECT_EQ(parcels["title"], "宗地");
  EXPECT_EQ(parcels["description"], "Cadastral parcels");
  EXPECT_EQ(Href(parcels, "items"), Base() + "/ogc/collections/land.parcel/items");
  // CGCS2000 and WGS 84 coordinates agree to well below a millimetre here (PROJ's transformation
  // between them is a null one).
  EXPECT_THAT(parcels["extent"]["spatial"]["bbox"][0].get<std::vector<double>>(),
              ElementsAre(DoubleNear(108.30, 1e-9), DoubleNear(22.80, 1e-9),
                          DoubleNear(108.341, 1e-9), DoubleNear(22.801, 1e-9)));
  EXPECT_EQ(parcels["extent"]["spatial"]["crs"], kCrs84);
  EXPECT_THAT(parcels["crs"].get<std::vector<std::string>>(),
              ElementsAre(kCrs84, absl::StrCat(kEpsg, 4490), absl::StrCat(kEpsg, 4326),
                          absl::StrCat(kEpsg, 3857)));
  EXPECT_EQ(parcels["storageCrs"], absl::StrCat(kEpsg, 4490));

  Reply one = Get("health", Href(parcels, "self"));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json["id"], "land.parcel");
  EXPECT_EQ(one.json["extent"], parcels["extent"]);
}

TEST_F(E2eOgcTest, ItemsPageByLimitAndOffsetAndFilterByBboxProperty) {
  CreateParcels();
  Reply page = Get("health", "/ogc/collections/land.parcel/items?limit=2");
  ASSERT_EQ(page.status, 200) << page.error;
  EXPECT_EQ(page.content_type, "application/geo+json");
  EXPECT_EQ(page.content_crs, absl::StrCat("<", kCrs84, ">"));
  EXPECT_EQ(page.json["type"], "FeatureCollection");
  EXPECT_EQ(page.json["numberReturned"], 2);
  EXPECT_EQ(page.json["timeStamp"], "2026-01-01T00:00:00Z");  // the server's (manual) clock
  EXPECT_THAT(Ids(page.json), ElementsAre("P-01", "P-02"));
  const Json& first = page.json["features"][0];
  EXPECT_EQ(first["properties"], Json::parse(R"({"owner":"王芳","area_m2":10240.5})"));
  EXPECT_EQ(first["geometry"]["type"], "Polygon");
  EXPECT_EQ(first["geometry"]["coordinates"][0][0], Json::parse("[108.3, 22.8]"));
  const std::string items = Base() + "/ogc/collections/land.parcel/items";
  EXPECT_EQ(Href(page.json, "next"), items + "?limit=2&offset=2");

  page = Get("health", Href(page.json, "next"));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(Ids(page.json), ElementsAre("P-03", "P-04"));
  EXPECT_EQ(Href(page.json, "prev"), items + "?limit=2&offset=0");
  page = Get("health", Href(page.json, "next"));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(Ids(page.json), ElementsAre("P-05"));
  EXPECT_EQ(Href(page.json, "next"), "");

  // A box over the second and third parcels, in CRS84 and in EPSG:4326 (latitude first).
  page = Get("health", "/ogc/collections/land.parcel/items?bbox=108.305,22.79,108.325,22.81");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(Ids(page.json), ElementsAre("P-02", "P-03"));
  page = Get("health", absl::StrCat("/ogc/collections/land.parcel/items?bbox=22.79,108.305,22.81,"
                                    "108.325&bbox-crs=", kEpsg, 4326));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(Ids(page.json), ElementsAre("P-02", "P-03"));
  // Equality on a property, with a box and paging.
  page = Get("health", "/ogc/collections/land.parcel/items?owner=李强");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(Ids(page.json), ElementsAre("P-02", "P-04"));
  page = Get("health",
             "/ogc/collections/land.parcel/items?owner=李强&bbox=108.33,22,109,23&limit=1");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(Ids(page.json), ElementsAre("P-04"));
  EXPECT_EQ(Href(page.json, "next"), "");
}

TEST_F(E2eOgcTest, OutputCrsAndAsOfReads) {
  CreateParcels();
  // Web Mercator: x = R λ, y = R ln tan(π/4 + φ/2) on the sphere of radius 6378137 m.
  Reply page = Get("health", "/ogc/collections/land.parcel/items?limit=1&crs=EPSG:3857");
  ASSERT_EQ(page.status, 200) << page.error;
  EXPECT_EQ(page.content_crs, absl::StrCat("<", kEpsg, "3857>"));
  const Json& xy = page.json["features"][0]["geometry"]["coordinates"][0][0];
  EXPECT_NEAR(xy[0].get<double>(), kEarthRadius * 108.30 * kPi / 180, 1e-3);
  EXPECT_NEAR(xy[1].get<double>(), kEarthRadius * std::log(std::tan(kPi / 4 + 22.80 * kPi / 360)),
              1e-3);
  // EPSG:4326 and EPSG:4490 are written in their own axis order: latitude first.
  page = Get("health", absl::StrCat("/ogc/collections/land.parcel/items/P-01?crs=", kEpsg, 4490));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_crs, absl::StrCat("<", kEpsg, "4490>"));
  EXPECT_EQ(page.json["geometry"]["coordinates"][0][0], Json::parse("[22.8, 108.3]"));

  // P-01 changes owner five minutes later; reads as of before that see the first version.
  clock_.Advance(absl::Minutes(5));
  Upsert("P-01", 108.30, "陈静");
  page = Get("health", "/ogc/collections/land.parcel/items/P-01");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json["properties"]["owner"], "陈静");
  page = Get("health", "/ogc/collections/land.parcel/items/P-01?datetime=2026-01-01T00:01:00Z");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json["properties"]["owner"], "王芳");
  page = Get("health", "/ogc/collections/land.parcel/items?datetime=2026-01-01T00:01:00Z&limit=1");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json["features"][0]["properties"]["owner"], "王芳");
  page = Get("health", "/ogc/collections/land.parcel/items?datetime=2025-12-31T00:00:00Z");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json["numberReturned"], 0);  // before the layer had features
}

TEST_F(E2eOgcTest, OneFeatureAndErrorsThatNameTheParameter) {
  CreateParcels();
  Reply f = Get("health", "/ogc/collections/land.parcel/items/P-03");
  ASSERT_EQ(f.status, 200) << f.error;
  EXPECT_EQ(f.content_type, "application/geo+json");
  EXPECT_EQ(f.json["type"], "Feature");
  EXPECT_EQ(f.json["id"], "P-03");
  EXPECT_EQ(f.json["properties"]["owner"], "张伟");
  EXPECT_EQ(Href(f.json, "self"), Base() + "/ogc/collections/land.parcel/items/P-03");
  EXPECT_EQ(Href(f.json, "collection"), Base() + "/ogc/collections/land.parcel");

  for (const char* missing :
       {"/ogc/collections/land.parcel/items/P-99", "/ogc/collections/land.road",
        "/ogc/collections/land.road/items", "/ogc/collections/land.road/items/1"}) {
    Reply r = Get("health", missing);
    EXPECT_EQ(r.status, 404) << missing;
    EXPECT_EQ(r.json["code"], "NotFound") << missing;
  }
  struct Bad {
    std::string query;
    std::string description_prefix;
  };
  for (const Bad& bad : std::vector<Bad>{{"bbox=108.3,22.8,108.4", "bbox: "},
                                         {"bbox=108.4,22.8,108.3,22.9", "bbox: "},
                                         {"bbox=a,b,c,d", "bbox: "},
                                         {"limit=0", "limit: "},
                                         {"offset=99999&limit=2", "offset: "},
                                         {"crs=EPSG:2000", "crs: "},
                                         {"bbox=1,2,3,4&bbox-crs=EPSG:4547", "bbox-crs: "},
                                         {"datetime=yesterday", "datetime: "},
                                         {"area_m2=big", "area_m2: "},
                                         {"colour=red", "colour: "}}) {
    Reply r = Get("health", "/ogc/collections/land.parcel/items?" + bad.query);
    EXPECT_EQ(r.status, 400) << bad.query;
    EXPECT_EQ(r.json["code"], "InvalidParameterValue") << bad.query;
    EXPECT_THAT(r.json.value("description", ""), ::testing::StartsWith(bad.description_prefix))
        << bad.query;
  }
}

TEST_F(E2eOgcTest, TheCallerIsTheClientCertificateAndEveryRequestIsAudited) {
  CreateParcels();
  // ps may not use SpatialService: every resource is refused.
  for (const char* path : {"/ogc", "/ogc/collections", "/ogc/collections/land.parcel",
                                  "/ogc/collections/land.parcel/items"}) {
    Reply r = Get("ps", path);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_EQ(r.json["code"], "Forbidden") << path;
  }
  // Without a client certificate, or with one from another CA, the server ends the TLS
  // handshake: no HTTP response at all.
  Reply anonymous = Get("", "/ogc/collections");
  EXPECT_EQ(anonymous.status, 0);
  EXPECT_NE(anonymous.error, "");
  Reply rogue = Get("health", "/ogc/collections", {}, untrusted_certs_dir());
  EXPECT_EQ(rogue.status, 0);
  EXPECT_NE(rogue.error, "");
  EXPECT_EQ(Get("health", "/ogc/collections").status, 200);

  ASSERT_EQ(Get("health", "/ogc/collections/land.parcel/items?limit=2",
                {{"x-mdhub-user", "dr-li"}, {"x-mdhub-purpose", "flood map"}})
                .status,
            200);
  ASSERT_EQ(Get("health", "/ogc/collections/land.parcel/items?limit=x").status, 400);
  bool read = false, denied = false, bad = false;
  for (const v1::AuditEntry& e : Audit()) {
    if (e.method() == "ogcapi:GET /ogc/collections/land.parcel/items" && e.agency() == "health") {
      if (e.code() == 0) {
        read = true;
        EXPECT_EQ(e.end_user(), "dr-li");
        EXPECT_EQ(e.purpose(), "flood map");
        EXPECT_THAT(e.touched(), ElementsAre("layer:land.parcel 2 features"));
      } else {
        bad = true;
        EXPECT_EQ(e.code(), 3);  // INVALID_ARGUMENT
        EXPECT_THAT(e.detail(), HasSubstr("limit"));
      }
    }
    if (e.method() == "ogcapi:GET /ogc/collections" && e.agency() == "ps") {
      denied = true;
      EXPECT_EQ(e.code(), 7);  // PERMISSION_DENIED
    }
  }
  EXPECT_TRUE(read && denied && bad) << read << denied << bad;
}

// Runs a command; its standard output and error.
std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  return out;
}

// What QGIS does through GDAL's OAPIF driver. GDAL 3.6 (Debian 12) cannot present a client
// certificate (GDAL_HTTP_SSLCERT came in 3.7), so the server runs in development mode here and
// GDAL names the agency in a header.
TEST_F(E2eOgcTest, GdalOpensTheLayerAsAnOgcApiFeaturesClient) {
  if (RunCommand("command -v ogrinfo").empty()) GTEST_SKIP() << "no ogrinfo (gdal-bin)";
  CreateParcels();
  StopServer();
  services::ServerConfig dev = config();
  dev.development_mode = true;
  auto server = services::Server::Start(dev, clock_);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string ogrinfo = absl::StrCat(
      "no_proxy=127.0.0.1 NO_PROXY=127.0.0.1 ogrinfo -ro --config GDAL_HTTP_TIMEOUT 20 "
      "--config GDAL_HTTP_HEADERS "
      "'x-mdhub-agency: health' OAPIF:http://127.0.0.1:",
      (*server)->http_port(), "/ogc");
  EXPECT_THAT(RunCommand(ogrinfo), HasSubstr("land.parcel (title: 宗地) (Polygon)"));
  std::string summary = RunCommand(ogrinfo + " -so land.parcel");
  EXPECT_THAT(summary, HasSubstr("Feature Count: 5"));
  EXPECT_THAT(summary, HasSubstr("Extent: (108.300000, 22.800000) - (108.341000, 22.801000)"));
  EXPECT_THAT(summary, HasSubstr("owner: String"));
  // GDAL sends a spatial filter as bbox.
  EXPECT_THAT(RunCommand(ogrinfo + " -so -spat 108.305 22.79 108.325 22.81 land.parcel"),
              HasSubstr("Feature Count: 2"));
  std::string features = RunCommand(ogrinfo + " -q land.parcel");
  EXPECT_THAT(features, HasSubstr("owner (String) = 赵敏"));
  EXPECT_THAT(features, HasSubstr("POLYGON ((108.34 22.8,108.341 22.8,108.341 22.801"));

  // In development mode a browser names the agency in the URL, and links keep it.
  httplib::Client browser("127.0.0.1", (*server)->http_port());
  httplib::Result r = browser.Get("/ogc");
  ASSERT_TRUE(r && r->status == 401);
  r = browser.Get("/ogc?agency=health");
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(Href(Json::parse(r->body), "data"),
            absl::StrCat("http://127.0.0.1:", (*server)->http_port(),
                         "/ogc/collections?agency=health"));
  (*server)->Shutdown(absl::Seconds(5));
}

}  // namespace
}  // namespace mdhub::tests

// E2eTest: the fixture of the end-to-end tests. Each test gets the real mdhubd server in-process
// on ephemeral ports, with mutual TLS, a fresh data directory, a manual clock and a fixed access
// policy; clients connect as an agency by presenting that agency's test certificate.
#ifndef MDHUB_TESTS_E2E_FIXTURE_H_
#define MDHUB_TESTS_E2E_FIXTURE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "mdhub/v1/admin.grpc.pb.h"
#include "mdhub/v1/legal_entity.grpc.pb.h"
#include "mdhub/v1/population.grpc.pb.h"
#include "mdhub/v1/spatial.grpc.pb.h"
#include "services/config.h"
#include "services/server.h"

namespace mdhub::tests {

// The access policy every end-to-end test runs with.
//   ps:     PopulationService/*, AdminService/Ping; writes ps.*
//   health: reads persons (GetPerson, LookupByCitizenId, WatchChanges); writes nothing
//   aic:    LegalEntityService/*; writes aic.*
//   mca:    LegalEntityService/*; writes mca.*
//   hrss:   PopulationService/*, and of LegalEntityService the reads that return persons or lead
//           to them (ListInsuredPersons, ListRelationships, LookupByCreditCode); writes hrss.*;
//           reads the map's division layers only (read_layers = ["admin.*"])
//   admin:  AdminService/*
//   spatial: SpatialService/* (the land and surveying agency: owns the layers it creates)
//   survey: locates points (LocateDivisions, LocatePoints) but reads only land.* layers, so no
//           division layer
//   health also reads the map (SpatialService ListLayers, GetLayer, GetFeature, QueryFeatures,
//           LocateEntity, ListEntitiesInPlace, GetDivision)
inline constexpr char kPolicyToml[] = R"(
[agencies.ps]
methods = ["mdhub.v1.PopulationService/*", "mdhub.v1.AdminService/Ping"]
write_sources = ["ps.*"]

[agencies.health]
methods = ["mdhub.v1.PopulationService/GetPerson", "mdhub.v1.PopulationService/LookupByCitizenId",
           "mdhub.v1.PopulationService/WatchChanges", "mdhub.v1.SpatialService/ListLayers",
           "mdhub.v1.SpatialService/GetLayer", "mdhub.v1.SpatialService/GetFeature",
           "mdhub.v1.SpatialService/QueryFeatures", "mdhub.v1.SpatialService/UpsertFeature",
           "mdhub.v1.SpatialService/LocateEntity", "mdhub.v1.SpatialService/ListEntitiesInPlace",
           "mdhub.v1.SpatialService/GetDivision"]

[agencies.aic]
methods = ["mdhub.v1.LegalEntityService/*"]
write_sources = ["aic.*"]

[agencies.mca]
methods = ["mdhub.v1.LegalEntityService/*"]
write_sources = ["mca.*"]

[agencies.hrss]
methods = ["mdhub.v1.PopulationService/*", "mdhub.v1.LegalEntityService/ListInsuredPersons",
           "mdhub.v1.LegalEntityService/ListRelationships",
           "mdhub.v1.LegalEntityService/LookupByCreditCode", "mdhub.v1.SpatialService/ListLayers",
           "mdhub.v1.SpatialService/GetLayer", "mdhub.v1.SpatialService/QueryFeatures",
           "mdhub.v1.SpatialService/ListEntitiesInPlace"]
write_sources = ["hrss.*"]
read_layers = ["admin.*"]

[agencies.admin]
methods = ["mdhub.v1.AdminService/*"]

[agencies.spatial]
methods = ["mdhub.v1.SpatialService/*"]

[agencies.survey]
methods = ["mdhub.v1.SpatialService/LocateDivisions", "mdhub.v1.SpatialService/LocatePoints"]
read_layers = ["land.*"]
)";

// The parcel layer of the spatial tests: land.parcel, polygons with properties owner (STRING) and
// area_m2 (DOUBLE), CRS EPSG:4490.
v1::Layer ParcelLayer();
// A 0.001-degree square parcel of land.parcel with its south-west corner at (x, y).
v1::Feature Parcel(const std::string& id, double x, double y, const std::string& owner);
// The value of a feature's property, added when it has none.
google::protobuf::Value& Property(v1::Feature& f, const std::string& name);
// The value of a feature's property; a null value when it has none.
const google::protobuf::Value& PropertyOf(const v1::Feature& f, const std::string& name);

class E2eTest : public ::testing::Test {
 protected:
  // Generates the CA and the certificates of ps, health, aic, mca, hrss, admin and spatial once
  // per binary, plus a second, untrusted CA with its own "ps" certificate.
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // Starts a server on a fresh data directory.
  void SetUp() override;
  void TearDown() override;

  // Stops the server (as mdhubd does on SIGTERM); its data directory stays.
  void StopServer();
  // Starts a server on the same data directory; new ports, so channels are made anew.
  void StartServer();
  // Like StopServer, but gives up after `limit`: false means Shutdown hung, and the stuck server is
  // leaked so that the test can report it and end.
  bool StopServerWithin(absl::Duration limit);

  const services::ServerConfig& config() const { return config_; }
  services::Server& server() { return *server_; }
  // The HTTP gateway's port (OGC API – Features over HTTPS, the same mutual TLS as gRPC).
  int http_port() const { return server_->http_port(); }
  // The trusted test certificates: ca.crt, server.crt/.key and <agency>.crt/.key for each agency.
  static const std::string& certs_dir() { return *certs_dir_; }
  // The same names from a CA the server does not trust.
  static const std::string& untrusted_certs_dir() { return *untrusted_certs_dir_; }

  // A channel that authenticates as `agency`, with its certificate. An empty agency presents no
  // client certificate; `untrusted_ca` presents a certificate for the agency from a CA the server
  // does not trust.
  std::shared_ptr<grpc::Channel> Channel(const std::string& agency, bool untrusted_ca = false);
  std::unique_ptr<v1::PopulationService::Stub> Population(const std::string& agency);
  std::unique_ptr<v1::LegalEntityService::Stub> LegalEntity(const std::string& agency);
  std::unique_ptr<v1::AdminService::Stub> Admin(const std::string& agency);
  std::unique_ptr<v1::SpatialService::Stub> Spatial(const std::string& agency);

  // Submits a person record as `agency` and returns the result; fails the test on error.
  v1::SubmitResult SubmitPerson(const std::string& agency, const std::string& source,
                                const std::string& key,
                                const std::map<std::string, std::string>& attributes);
  // Submits a legal-entity record as `agency` and returns the result; fails the test on error.
  v1::SubmitResult SubmitLegalEntity(const std::string& agency, const std::string& source,
                                     const std::string& key,
                                     const std::map<std::string, std::string>& attributes);

  // The audit entries written so far (the first 1,000), oldest first, read as the operator.
  std::vector<v1::AuditEntry> Audit();

  ManualClock clock_{absl::FromUnixSeconds(1767225600)};  // 2026-01-01T00:00:00Z

 private:
  static std::string* certs_dir_;
  static std::string* untrusted_certs_dir_;

  std::string work_dir_;
  services::ServerConfig config_;
  std::unique_ptr<services::Server> server_;
};

// A client context with a 10 s deadline, and the end user and purpose headers when non-empty.
std::unique_ptr<grpc::ClientContext> Context(const std::string& user = "",
                                             const std::string& purpose = "");

// One person as two agencies know her, for tests of linking without an id: household
// registration with her citizen id, and a clinic without one, writing the date without separators,
// the gender as a letter and the address without province.
inline std::map<std::string, std::string> WangFangAtHukou(const std::string& citizen_id) {
  return {{"name", "王芳"},
          {"citizen_id", citizen_id},
          {"birth_date", "1990-03-07"},
          {"gender", "女"},
          {"address", "广西壮族自治区南宁市兴宁区民主路12号"},
          {"phone", "13807710001"}};
}
inline std::map<std::string, std::string> WangFangAtClinic() {
  return {{"name", "王芳"},
          {"birth_date", "19900307"},
          {"gender", "F"},
          {"address", "南宁市兴宁区民主路12号"},
          {"phone", "138 0771 0001"}};
}

// A SourceRecord with the given fields.
v1::SourceRecord Record(const std::string& source, const std::string& key,
                        const std::map<std::string, std::string>& attributes);

}  // namespace mdhub::tests

#endif  // MDHUB_TESTS_E2E_FIXTURE_H_

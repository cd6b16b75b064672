#include "tests/e2e_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "store/testing/temp_db.h"

namespace mdhub::tests {

v1::Layer ParcelLayer() {
  v1::Layer layer;
  layer.set_id("land.parcel");
  layer.set_title("宗地");
  layer.set_description("Cadastral parcels");
  layer.set_geometry_type(v1::Layer::POLYGON);
  auto* owner = layer.add_schema();
  owner->set_name("owner");
  owner->set_type(v1::PropertyDef::STRING);
  auto* area = layer.add_schema();
  area->set_name("area_m2");
  area->set_type(v1::PropertyDef::DOUBLE);
  return layer;
}

v1::Feature Parcel(const std::string& id, double x, double y, const std::string& owner) {
  v1::Feature f;
  f.set_layer_id("land.parcel");
  f.set_feature_id(id);
  f.mutable_geometry()->set_geojson(absl::StrCat(
      R"({"type":"Polygon","coordinates":[[[)", x, ",", y, "],[", x + 0.001, ",", y, "],[",
      x + 0.001, ",", y + 0.001, "],[", x, ",", y + 0.001, "],[", x, ",", y, "]]]}"));
  Property(f, "owner").set_string_value(owner);
  Property(f, "area_m2").set_number_value(10240.5);
  return f;
}

google::protobuf::Value& Property(v1::Feature& f, const std::string& name) {
  for (v1::Properties::Field& p : *f.mutable_properties()->mutable_fields()) {
    if (p.key() == name) return *p.mutable_value();
  }
  v1::Properties::Field* p = f.mutable_properties()->add_fields();
  p->set_key(name);
  return *p->mutable_value();
}

const google::protobuf::Value& PropertyOf(const v1::Feature& f, const std::string& name) {
  for (const v1::Properties::Field& p : f.properties().fields()) {
    if (p.key() == name) return p.value();
  }
  return google::protobuf::Value::default_instance();
}
namespace {

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs scripts/gen-dev-certs.sh into `dir`.
void GenerateCerts(const std::string& dir) {
  const std::string command =
      absl::StrCat("bash '", MDHUB_SOURCE_DIR, "/scripts/gen-dev-certs.sh' '", dir,
                   "' ps health aic mca hrss admin spatial survey > /dev/null");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

}  // namespace

std::string* E2eTest::certs_dir_ = nullptr;
std::string* E2eTest::untrusted_certs_dir_ = nullptr;

void E2eTest::SetUpTestSuite() {
  certs_dir_ = new std::string(store::testing::FreshTempDir("mdhub-certs"));
  untrusted_certs_dir_ = new std::string(store::testing::FreshTempDir("mdhub-rogue-certs"));
  GenerateCerts(*certs_dir_);
  GenerateCerts(*untrusted_certs_dir_);
}

void E2eTest::TearDownTestSuite() {
  std::filesystem::remove_all(*certs_dir_);
  std::filesystem::remove_all(*untrusted_certs_dir_);
  delete certs_dir_;
  delete untrusted_certs_dir_;
  certs_dir_ = untrusted_certs_dir_ = nullptr;
}

void E2eTest::SetUp() {
  work_dir_ = store::testing::FreshTempDir("mdhub-e2e");
  const std::string policy = work_dir_ + "/policy.toml";
  std::ofstream(policy) << kPolicyToml;
  config_.listen = "127.0.0.1:0";
  config_.metrics_listen = "127.0.0.1:0";
  config_.http_listen = "127.0.0.1:0";
  config_.data_dir = work_dir_ + "/data";
  config_.policy_file = policy;
  config_.sync_writes = false;  // durability has its own test; keep these fast
  config_.tls.cert = *certs_dir_ + "/server.crt";
  config_.tls.key = *certs_dir_ + "/server.key";
  config_.tls.client_ca = *certs_dir_ + "/ca.crt";
  // The shipped matching presets, as config/mdhubd.toml configures them.
  const std::string examples = std::string(MDHUB_SOURCE_DIR) + "/docs/examples/";
  config_.resolution.person_settings = examples + "persons/settings.toml";
  config_.resolution.person_model = examples + "persons/model.toml";
  config_.resolution.legal_entity_settings = examples + "orgs/settings.toml";
  config_.resolution.legal_entity_model = examples + "orgs/model.toml";
  StartServer();
}

void E2eTest::TearDown() {
  StopServer();
  std::filesystem::remove_all(work_dir_);
}

void E2eTest::StartServer() {
  ASSERT_EQ(server_, nullptr);
  auto server = services::Server::Start(config_, clock_);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  ASSERT_GT(server_->port(), 0);
  ASSERT_GT(server_->metrics_port(), 0);
  ASSERT_GT(server_->http_port(), 0);
}

void E2eTest::StopServer() {
  if (server_ == nullptr) return;
  server_->Shutdown(absl::Seconds(5));
  server_.reset();
}

bool E2eTest::StopServerWithin(absl::Duration limit) {
  services::Server* server = server_.release();
  if (server == nullptr) return true;
  auto stopped = std::make_shared<absl::Notification>();
  // The thread touches nothing of the server after Notify, so the server can be deleted then.
  std::thread([server, stopped] {
    server->Shutdown(absl::Seconds(5));
    stopped->Notify();
  }).detach();
  if (!stopped->WaitForNotificationWithTimeout(limit)) return false;
  delete server;
  return true;
}

std::vector<v1::AuditEntry> E2eTest::Audit() {
  v1::ListAuditEntriesRequest req;
  req.set_page_size(1000);
  v1::ListAuditEntriesResponse resp;
  grpc::Status s = Admin("admin")->ListAuditEntries(Context().get(), req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return {resp.entries().begin(), resp.entries().end()};
}

std::shared_ptr<grpc::Channel> E2eTest::Channel(const std::string& agency, bool untrusted_ca) {
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = ReadFileOrDie(*certs_dir_ + "/ca.crt");
  if (!agency.empty()) {
    const std::string& dir = untrusted_ca ? *untrusted_certs_dir_ : *certs_dir_;
    tls.pem_private_key = ReadFileOrDie(absl::StrCat(dir, "/", agency, ".key"));
    tls.pem_cert_chain = ReadFileOrDie(absl::StrCat(dir, "/", agency, ".crt"));
  }
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  // Each channel gets its own connection, so one agency's handshake never serves another's.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::SslCredentials(tls), args);
}

std::unique_ptr<v1::PopulationService::Stub> E2eTest::Population(const std::string& agency) {
  return v1::PopulationService::NewStub(Channel(agency));
}

std::unique_ptr<v1::LegalEntityService::Stub> E2eTest::LegalEntity(const std::string& agency) {
  return v1::LegalEntityService::NewStub(Channel(agency));
}

std::unique_ptr<v1::AdminService::Stub> E2eTest::Admin(const std::string& agency) {
  return v1::AdminService::NewStub(Channel(agency));
}

std::unique_ptr<v1::SpatialService::Stub> E2eTest::Spatial(const std::string& agency) {
  return v1::SpatialService::NewStub(Channel(agency));
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& user, const std::string& purpose) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  if (!user.empty()) ctx->AddMetadata("x-mdhub-user", user);
  if (!purpose.empty()) ctx->AddMetadata("x-mdhub-purpose", purpose);
  return ctx;
}

v1::SubmitResult E2eTest::SubmitPerson(const std::string& agency, const std::string& source,
                                       const std::string& key,
                                       const std::map<std::string, std::string>& attributes) {
  v1::SubmitRecordRequest request;
  *request.mutable_record() = Record(source, key, attributes);
  v1::SubmitResult result;
  grpc::Status s = Population(agency)->SubmitRecord(Context().get(), request, &result);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return result;
}

v1::SubmitResult E2eTest::SubmitLegalEntity(const std::string& agency, const std::string& source,
                                            const std::string& key,
                                            const std::map<std::string, std::string>& attributes) {
  v1::SubmitRecordRequest request;
  *request.mutable_record() = Record(source, key, attributes);
  v1::SubmitResult result;
  grpc::Status s = LegalEntity(agency)->SubmitRecord(Context().get(), request, &result);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return result;
}

v1::SourceRecord Record(const std::string& source, const std::string& key,
                        const std::map<std::string, std::string>& attributes) {
  v1::SourceRecord r;
  r.set_source(source);
  r.set_record_key(key);
  for (const auto& [name, value] : attributes) (*r.mutable_attributes())[name] = value;
  return r;
}

}  // namespace mdhub::tests

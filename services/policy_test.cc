#include "services/policy.h"

#include <fstream>

#include "gtest/gtest.h"
#include "store/testing/temp_db.h"

namespace mdhub::services {
namespace {

TEST(PolicyTest, GrantsOnlyWhatIsListed) {
  std::string path = store::testing::FreshTempDir("policy") + "/policy.toml";
  std::ofstream(path) << R"(
[agencies.ps]
methods = ["mdhub.v1.PopulationService/*", "mdhub.v1.AdminService/Ping"]
write_sources = ["ps.*"]

[agencies.health]
methods = ["mdhub.v1.PopulationService/GetPerson"]
)";
  auto p = Policy::Load(path);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->AuthorizeMethod("ps", "mdhub.v1.PopulationService/SubmitRecord").ok());
  EXPECT_TRUE(p->AuthorizeMethod("ps", "mdhub.v1.AdminService/Ping").ok());
  auto denied = p->AuthorizeMethod("ps", "mdhub.v1.AdminService/VerifyAudit");
  EXPECT_TRUE(absl::IsPermissionDenied(denied));
  EXPECT_EQ(denied.message(),
            "agency \"ps\" is not granted method mdhub.v1.AdminService/VerifyAudit");
  EXPECT_TRUE(p->AuthorizeMethod("health", "mdhub.v1.PopulationService/GetPerson").ok());
  EXPECT_FALSE(p->AuthorizeMethod("health", "mdhub.v1.PopulationService/SubmitRecord").ok());
  EXPECT_TRUE(absl::IsPermissionDenied(p->AuthorizeMethod("aic", "mdhub.v1.AdminService/Ping")));
  EXPECT_TRUE(p->AuthorizeWrite("ps", "ps.hukou").ok());
  EXPECT_FALSE(p->AuthorizeWrite("ps", "health.patient_index").ok());
  EXPECT_FALSE(p->AuthorizeWrite("health", "health.patient_index").ok());
}

TEST(PolicyTest, RejectsTyposWithTheirPosition) {
  std::string path = store::testing::FreshTempDir("policy") + "/policy.toml";
  std::ofstream(path) << "[agencies.ps]\nmethod = [\"x\"]\n";
  auto p = Policy::Load(path);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find(":2:1: unknown key \"method\" in [agencies.ps]"),
            std::string::npos)
      << p.status();
}

TEST(PolicyTest, ReadLayersNarrowTheMapToTheListedAndOwnLayers) {
  std::string path = store::testing::FreshTempDir("policy") + "/policy.toml";
  std::ofstream(path) << R"(
[agencies.health]
methods = ["mdhub.v1.SpatialService/QueryFeatures"]
read_layers = ["admin.*", "health.clinics"]

[agencies.land]
methods = ["mdhub.v1.SpatialService/*"]
)";
  auto p = Policy::Load(path);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->AuthorizeLayerRead("health", "admin.province", "mdhub").ok());
  EXPECT_TRUE(p->AuthorizeLayerRead("health", "health.clinics", "land").ok());
  EXPECT_TRUE(p->AuthorizeLayerRead("health", "health.beds", "health").ok());  // its own
  auto denied = p->AuthorizeLayerRead("health", "land.parcel", "land");
  EXPECT_TRUE(absl::IsPermissionDenied(denied));
  EXPECT_EQ(denied.message(),
            "agency \"health\" may not read layer land.parcel (not in its read_layers)");
  // Without read_layers every layer is readable; an agency the policy does not name, none.
  EXPECT_TRUE(p->AuthorizeLayerRead("land", "health.clinics", "health").ok());
  EXPECT_FALSE(p->AuthorizeLayerRead("ps", "admin.province", "mdhub").ok());
}

TEST(PolicyTest, PatternMatching) {
  EXPECT_TRUE(MatchesPattern("*", "anything"));
  EXPECT_TRUE(MatchesPattern("ps.*", "ps.hukou"));
  EXPECT_FALSE(MatchesPattern("ps.*", "psx.hukou"));
  EXPECT_FALSE(MatchesPattern("ps.hukou", "ps.hukou2"));
}

}  // namespace
}  // namespace mdhub::services

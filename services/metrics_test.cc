#include "services/metrics.h"

#include "gtest/gtest.h"

namespace mdhub::services {
namespace {

TEST(MetricsTest, RendersCountsAndCumulativeBuckets) {
  Metrics m;
  m.Record("mdhub.v1.AdminService/Ping", 0, absl::Microseconds(80));
  m.Record("mdhub.v1.AdminService/Ping", 0, absl::Milliseconds(3));
  m.Record("mdhub.v1.AdminService/Ping", 7, absl::Seconds(10));
  std::string text = m.RenderPrometheus();
  EXPECT_NE(text.find("mdhub_grpc_requests_total{method=\"mdhub.v1.AdminService/Ping\",code=\"0\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("mdhub_grpc_requests_total{method=\"mdhub.v1.AdminService/Ping\",code=\"7\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("_bucket{method=\"mdhub.v1.AdminService/Ping\",le=\"0.0001\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("_bucket{method=\"mdhub.v1.AdminService/Ping\",le=\"0.005\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("_bucket{method=\"mdhub.v1.AdminService/Ping\",le=\"+Inf\"} 3"),
            std::string::npos);
  EXPECT_NE(text.find("_count{method=\"mdhub.v1.AdminService/Ping\"} 3"), std::string::npos);
}

}  // namespace
}  // namespace mdhub::services

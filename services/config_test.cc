#include "services/config.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/testing/temp_db.h"

namespace mdhub::services {
namespace {

std::string WriteFile(const std::string& dir, const std::string& name, const std::string& text) {
  std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ServerConfigTest, ReadsEveryKeyAndResolvesPathsAgainstTheFile) {
  std::string dir = store::testing::FreshTempDir("cfg");
  auto c = ServerConfig::Load(WriteFile(dir, "mdhubd.toml", R"(
listen = "0.0.0.0:9000"
data_dir = "data"
log_level = "debug"
policy_file = "/etc/mdhub/policy.toml"
sync_writes = false
cache_mb = 4096
[tls]
cert = "tls/server.crt"
key = "tls/server.key"
client_ca = "tls/ca.crt"
)"));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->listen, "0.0.0.0:9000");
  EXPECT_EQ(c->data_dir, dir + "/data");
  EXPECT_EQ(c->db_path(), dir + "/data/db");
  EXPECT_EQ(c->policy_file, "/etc/mdhub/policy.toml");
  EXPECT_EQ(c->tls.client_ca, dir + "/tls/ca.crt");
  EXPECT_FALSE(c->sync_writes);
  EXPECT_EQ(c->store_options().block_cache_bytes, size_t{4096} << 20);
  EXPECT_FALSE(c->development_mode);
}

TEST(ServerConfigTest, ErrorsNameFileLineAndColumn) {
  std::string dir = store::testing::FreshTempDir("cfg");
  std::string path = WriteFile(dir, "bad.toml", "listen = \"a\"\nlog_level = 7\n");
  auto c = ServerConfig::Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), path + ":2:13: log_level must be a string");
  path = WriteFile(dir, "typo.toml", "lisen = \"a\"\n");
  EXPECT_THAT(std::string(ServerConfig::Load(path).status().message()),
              ::testing::HasSubstr(":1:1: unknown key \"lisen\""));
  path = WriteFile(dir, "cache.toml", "development_mode = true\ncache_mb = 2\n");
  EXPECT_THAT(std::string(ServerConfig::Load(path).status().message()),
              ::testing::HasSubstr("cache_mb must be between 8 and 1048576 (MiB), not 2"));
  path = WriteFile(dir, "syntax.toml", "listen = \n");
  EXPECT_EQ(ServerConfig::Load(path).status().message().rfind(path + ":1:", 0), 0u);
}

TEST(ServerConfigTest, TlsIsRequiredUnlessDevelopmentMode) {
  std::string dir = store::testing::FreshTempDir("cfg");
  auto c = ServerConfig::Load(WriteFile(dir, "no-tls.toml", "listen = \"127.0.0.1:0\"\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("tls.cert is required unless development_mode"),
            std::string::npos);
  EXPECT_TRUE(ServerConfig::Load(WriteFile(dir, "dev.toml", "development_mode = true\n")).ok());
}

}  // namespace
}  // namespace mdhub::services

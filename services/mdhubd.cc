// mdhubd: the mdhub server. Usage: mdhubd --config FILE (see config/mdhubd.toml).
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include <pthread.h>
#include "common/clock.h"
#include "common/log.h"
#include "services/server.h"

namespace {

constexpr char kUsage[] =
    "mdhubd — the mdhub master-data hub server\n"
    "\n"
    "Usage: mdhubd --config FILE\n"
    "\n"
    "Serves PopulationService, LegalEntityService, SpatialService and AdminService over gRPC\n"
    "(with health checking and reflection) and Prometheus metrics over HTTP at /metrics.\n"
    "The config file (TOML) names the listen address, data directory, TLS material, access\n"
    "policy and log level; config/mdhubd.toml in the source tree documents every key.\n"
    "Stops gracefully on SIGINT or SIGTERM.\n";

}  // namespace

int main(int argc, char** argv) {
  std::string config_path;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
      config_path = argv[++i];
    } else if (std::strncmp(argv[i], "--config=", 9) == 0) {
      config_path = argv[i] + 9;
    } else {
      std::fprintf(stderr, "mdhubd: unknown argument \"%s\"\n\n%s", argv[i], kUsage);
      return 2;
    }
  }
  if (config_path.empty()) {
    std::fprintf(stderr, "mdhubd: --config FILE is required\n\n%s", kUsage);
    return 2;
  }
  auto config = mdhub::services::ServerConfig::Load(config_path);
  if (!config.ok()) {
    std::fprintf(stderr, "mdhubd: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  mdhub::LogLevel level;
  mdhub::ParseLogLevel(config->log_level, &level);
  mdhub::SetLogLevel(level);

  // Block the stop signals in every thread (threads inherit the mask) and wait for them here.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  mdhub::RealClock clock;
  auto server = mdhub::services::Server::Start(*config, clock);
  if (!server.ok()) {
    mdhub::Log(mdhub::LogLevel::kError, "cannot start", {{"error", server.status().ToString()}});
    return 1;
  }
  int received = 0;
  sigwait(&stop_signals, &received);
  mdhub::Log(mdhub::LogLevel::kInfo, "shutting down", {{"signal", strsignal(received)}});
  (*server)->Shutdown(absl::Seconds(10));
  return 0;
}

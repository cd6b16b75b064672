// mdhub_bench org-qps: legal-entity reads over gRPC against a store populated with `mdhub gen
// orgs` extracts (imported with `mdhub import`): lookup by credit code and by registration
// number, and name search by the registered name and by its core alone.
#ifndef MDHUB_TOOLS_BENCH_ORG_BENCH_H_
#define MDHUB_TOOLS_BENCH_ORG_BENCH_H_

#include <string>

namespace mdhub::bench {

struct OrgQpsOptions {
  std::string server_config;  // mdhubd config of the (stopped) server whose store is read
  std::string orgs_dir;       // the `mdhub gen orgs` output that was imported (aic.csv, aic.toml)
  int threads = 4;            // client threads, one connection each
  double seconds = 10;        // length of each measured phase
  int sample = 20000;         // organisations of aic.csv the queries are drawn from
};

// Prints the results; returns the process exit code.
int OrgQps(const OrgQpsOptions& options);

}  // namespace mdhub::bench

#endif  // MDHUB_TOOLS_BENCH_ORG_BENCH_H_

// The incremental-resolution benchmark: records resolved into an existing store (for example one
// holding 1M persons loaded with `mdhub import --server-config`), in-process through the
// RecordResolver with the server's matching profile and audit log — one record per transaction
// (as unary SubmitRecord commits) from several threads, then batches (as a SubmitRecords stream
// commits).
#ifndef MDHUB_TOOLS_BENCH_RESOLVE_BENCH_H_
#define MDHUB_TOOLS_BENCH_RESOLVE_BENCH_H_

#include <string>

namespace mdhub::bench {

struct ResolveBenchOptions {
  std::string server_config;  // data_dir, sync_writes and [resolution] of this mdhubd config
  std::string mapping;        // import mapping of `file`
  std::string file;           // records to resolve (CSV or JSON Lines)
  int records = 20000;        // per phase; the file must hold skip + 2 x records
  int skip = 0;               // records of the file to pass over (e.g. resolved by a past run)
  int threads = 2;            // for the one-record-per-transaction phase
  int batch = 128;            // records per transaction in the batch phase
  int streams = 1;            // concurrent submitters of batches in the batch phase
  bool compact = true;        // compact the store first (a bulk load leaves compaction behind)
  bool warm = false;          // read the whole store once first, as a running server has
};

// Prints the results; returns the process exit code.
int ResolveBench(const ResolveBenchOptions& options);

}  // namespace mdhub::bench

#endif  // MDHUB_TOOLS_BENCH_RESOLVE_BENCH_H_

// RocksDbKvStore: the embedded KvStore backend (RocksDB OptimisticTransactionDB), plus offline
// restore of a backup taken by CreateBackup.
#ifndef MDHUB_STORE_ROCKSDB_KV_STORE_H_
#define MDHUB_STORE_ROCKSDB_KV_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "store/kv_store.h"

namespace mdhub::store {

struct RocksDbOptions {
  // Directory of the database; created when missing.
  std::string path;
  // fsync the write-ahead log before a write is acknowledged. With false, acknowledged writes
  // survive a crash of the process (kill -9) but not of the machine.
  bool sync_writes = true;
  // Block cache size (uncompressed blocks; filled as blocks are read). Linking a record reads
  // index entries all over the store, so a cache near the store's working set saves decompressing
  // blocks again and again: 4 GiB holds a store of a million persons.
  size_t block_cache_bytes = size_t{4} << 30;
};

// Opens (or creates) the database. FAILED_PRECONDITION when another process holds it open.
absl::StatusOr<std::unique_ptr<KvStore>> OpenRocksDb(const RocksDbOptions& options);

// Compacts the whole database at db_path, which must not be open, so that reads after a bulk
// load no longer compete with background compaction. Blocks until done.
absl::Status CompactRocksDb(const std::string& db_path);

// Restores the newest backup in backup_dir into db_path, which must not be open. db_path's
// current contents are replaced.
absl::Status RestoreRocksDbBackup(const std::string& backup_dir, const std::string& db_path);

}  // namespace mdhub::store

#endif  // MDHUB_STORE_ROCKSDB_KV_STORE_H_

// RocksDB backend of KvStore. All RocksDB statuses are converted to absl::Status in ToStatus.
#include "store/rocksdb_kv_store.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "store/internal/blind_writes.h"
#include "store/internal/keys.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/backup_engine.h"
#include "rocksdb/utilities/optimistic_transaction_db.h"
#include "rocksdb/utilities/transaction.h"

namespace mdhub::store {
namespace {

absl::Status ToStatus(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = absl::StrCat(what, ": ", s.ToString());
  switch (s.code()) {
    case rocksdb::Status::kNotFound:
      return absl::NotFoundError(msg);
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTryAgain:
      return absl::AbortedError(msg);
    case rocksdb::Status::kInvalidArgument:
      return absl::InvalidArgumentError(msg);
    case rocksdb::Status::kIOError:
      if (s.ToString().find("lock") != std::string::npos) {
        return absl::FailedPreconditionError(
            absl::StrCat(msg, " (is another mdhubd or mdhub command using this data directory?)"));
      }
      return absl::UnavailableError(msg);
    case rocksdb::Status::kCorruption:
      return absl::DataLossError(msg);
    case rocksdb::Status::kTimedOut:
      return absl::DeadlineExceededError(msg);
    default:
      return absl::InternalError(msg);
  }
}

rocksdb::Slice ToSlice(absl::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

absl::string_view ToView(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

// Prefix filters of keys::ScanUnit: a scan of one block, identifier or record's decisions reads
// only the memtables and files whose filters hold its prefix.
class ScanUnitTransform final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "mdhub.ScanUnit.1"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return ToSlice(keys::ScanUnit(ToView(key)));
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return !keys::ScanUnit(ToView(key)).empty();
  }
  bool SameResultWhenAppended(const rocksdb::Slice& prefix) const override {
    return keys::ScanUnit(ToView(prefix)).size() == prefix.size();
  }
};

// Read options for a scan of [begin, end): prefix mode (filters of the scanned unit) when the
// range is exactly one scan unit; otherwise total order, as every other scan must be.
rocksdb::ReadOptions ScanOptions(rocksdb::ReadOptions ro, absl::string_view begin,
                                 absl::string_view end) {
  const bool one_unit = !begin.empty() && keys::ScanUnit(begin).size() == begin.size() &&
                        end == keys::PrefixEnd(begin);
  ro.total_order_seek = !one_unit;
  ro.prefix_same_as_start = one_unit;
  return ro;
}

class RocksSnapshot final : public Snapshot {
 public:
  RocksSnapshot(rocksdb::DB* db, const rocksdb::Snapshot* snap) : db_(db), snap_(snap) {}
  ~RocksSnapshot() override { db_->ReleaseSnapshot(snap_); }
  const rocksdb::Snapshot* get() const { return snap_; }

 private:
  rocksdb::DB* const db_;
  const rocksdb::Snapshot* const snap_;
};

class RocksIterator final : public Iterator {
 public:
  // upper_bound must outlive the iterator; it is owned here.
  RocksIterator(std::unique_ptr<std::string> upper, std::unique_ptr<rocksdb::Slice> upper_slice,
                std::unique_ptr<rocksdb::Iterator> it)
      : upper_(std::move(upper)), upper_slice_(std::move(upper_slice)), it_(std::move(it)) {}
  // The bound is checked here too: a transaction's iterator does not apply iterate_upper_bound to
  // the transaction's own pending writes.
  bool Valid() const override {
    return it_->Valid() && (upper_->empty() || it_->key().compare(*upper_slice_) < 0);
  }
  void Next() override { it_->Next(); }
  void Seek(absl::string_view target) override {
    it_->Seek(rocksdb::Slice(target.data(), target.size()));
  }
  absl::string_view key() const override {
    auto k = it_->key();
    return {k.data(), k.size()};
  }
  absl::string_view value() const override {
    auto v = it_->value();
    return {v.data(), v.size()};
  }
  absl::Status status() const override { return ToStatus(it_->status(), "scan"); }

 private:
  std::unique_ptr<std::string> upper_;
  std::unique_ptr<rocksdb::Slice> upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

// Builds a bounded iterator; `make` creates the rocksdb iterator from the read options.
template <typename Make>
std::unique_ptr<Iterator> BoundedScan(absl::string_view begin, absl::string_view end,
                                      rocksdb::ReadOptions ro, Make make) {
  auto upper = std::make_unique<std::string>(end);
  std::unique_ptr<rocksdb::Slice> upper_slice;
  if (!upper->empty()) {
    upper_slice = std::make_unique<rocksdb::Slice>(*upper);
    ro.iterate_upper_bound = upper_slice.get();
  }
  std::unique_ptr<rocksdb::Iterator> it(make(ro));
  it->Seek(ToSlice(begin));
  return std::make_unique<RocksIterator>(std::move(upper), std::move(upper_slice), std::move(it));
}

// A failed sync of the write-ahead log, kept: writes applied after it could sit behind bytes the
// disk lost, so no write is accepted until the store is opened again (as RocksDB itself does when
// a synced write fails).
class SyncFailure {
 public:
  absl::Status status() const {
    absl::MutexLock lock(&mu_);
    return status_;
  }
  void Set(const absl::Status& s) {
    absl::MutexLock lock(&mu_);
    if (status_.ok()) {
      status_ = absl::UnavailableError(absl::StrCat(
          s.message(), "; the store accepts no more writes: restart mdhubd (or the command)"));
    }
  }

 private:
  mutable absl::Mutex mu_;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
};

// The arrays of RocksDB's batched MultiGet.
struct MultiGetArgs {
  std::vector<rocksdb::Slice> keys;
  std::vector<rocksdb::PinnableSlice> values;
  std::vector<rocksdb::Status> statuses;
};

// Runs a batched MultiGet of `keys` through `get` and converts its results.
std::vector<absl::StatusOr<std::string>> BatchedGet(
    const std::vector<std::string>& keys, absl::string_view what,
    absl::FunctionRef<void(MultiGetArgs&)> get) {
  MultiGetArgs a;
  a.keys.assign(keys.begin(), keys.end());
  a.values.resize(keys.size());
  a.statuses.resize(keys.size());
  if (!keys.empty()) get(a);
  std::vector<absl::StatusOr<std::string>> out;
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (a.statuses[i].ok()) {
      out.emplace_back(std::string(ToView(a.values[i])));
    } else {
      out.emplace_back(ToStatus(a.statuses[i], what));
    }
  }
  return out;
}

class RocksTransaction final : public Transaction {
 public:
  RocksTransaction(rocksdb::OptimisticTransactionDB* db, rocksdb::WriteOptions wo,
                   const SyncFailure& sync_failure)
      : txn_(db->BeginTransaction(wo)),
        column_family_(db->DefaultColumnFamily()),
        sync_failure_(sync_failure) {}

  absl::StatusOr<std::string> Get(absl::string_view key) override {
    std::string value;
    rocksdb::Status s = txn_->GetForUpdate(rocksdb::ReadOptions(), ToSlice(key), &value);
    if (!s.ok()) return ToStatus(s, "transaction get");
    return value;
  }
  absl::StatusOr<std::string> GetUnchecked(absl::string_view key) override {
    std::string value;
    rocksdb::Status s = txn_->Get(rocksdb::ReadOptions(), ToSlice(key), &value);
    if (!s.ok()) return ToStatus(s, "transaction get");
    return value;
  }
  std::vector<absl::StatusOr<std::string>> MultiGetUnchecked(
      const std::vector<std::string>& keys) override {
    return BatchedGet(keys, "transaction get", [&](MultiGetArgs& a) {
      txn_->MultiGet(rocksdb::ReadOptions(), column_family_, a.keys.size(), a.keys.data(),
                     a.values.data(), a.statuses.data());
    });
  }
  std::unique_ptr<Iterator> Scan(absl::string_view begin, absl::string_view end) override {
    // Total order: the transaction's own writes are merged in by a separate iterator.
    rocksdb::ReadOptions ro;
    ro.total_order_seek = true;
    return BoundedScan(begin, end, ro,
                       [this](const rocksdb::ReadOptions& ro) { return txn_->GetIterator(ro); });
  }
  void Put(absl::string_view key, absl::string_view value) override {
    blind_.Before(key, [this](const internal::BlindWrites::Op& op) { Apply(op); });
    // Optimistic transactions only fail writes on conflicts, which are reported at Commit.
    // Written keys are not conflict-checked (only keys read are): a blind write commutes.
    status_.Update(
        ToStatus(txn_->PutUntracked(ToSlice(key), ToSlice(value)), "transaction put"));
  }
  void PutBlind(absl::string_view key, absl::string_view value) override {
    blind_.Put(key, value);
  }
  void Delete(absl::string_view key) override {
    blind_.Before(key, [this](const internal::BlindWrites::Op& op) { Apply(op); });
    status_.Update(ToStatus(txn_->DeleteUntracked(ToSlice(key)), "transaction delete"));
  }
  void DeleteBlind(absl::string_view key) override { blind_.Delete(key); }
  absl::Status Commit() override {
    if (!blind_.empty()) {
      blind_.Drain([this](const internal::BlindWrites::Op& op) { Apply(op); });
    }
    if (!status_.ok()) return status_;
    if (absl::Status failed = sync_failure_.status(); !failed.ok()) return failed;
    return ToStatus(txn_->Commit(), "commit");
  }
  absl::Status CommitUnsynced() override {
    rocksdb::WriteOptions wo = *txn_->GetWriteOptions();
    wo.sync = false;
    txn_->SetWriteOptions(wo);
    return Commit();
  }

 private:
  // Adds a blind write to the transaction's batch, outside its index.
  void Apply(const internal::BlindWrites::Op& op) {
    txn_->DisableIndexing();
    status_.Update(op.is_delete
                       ? ToStatus(txn_->DeleteUntracked(ToSlice(op.key)), "transaction delete")
                       : ToStatus(txn_->PutUntracked(ToSlice(op.key), ToSlice(op.value)),
                                  "transaction put"));
    txn_->EnableIndexing();
  }

  std::unique_ptr<rocksdb::Transaction> txn_;
  rocksdb::ColumnFamilyHandle* const column_family_;
  internal::BlindWrites blind_;
  absl::Status status_;
  const SyncFailure& sync_failure_;
};

class RocksDbKvStore final : public KvStore {
 public:
  RocksDbKvStore(std::unique_ptr<rocksdb::OptimisticTransactionDB> db, bool sync)
      : db_(std::move(db)) {
    write_options_.sync = sync;
  }

  absl::StatusOr<std::string> Get(absl::string_view key, const Snapshot* snapshot) override {
    std::string value;
    rocksdb::Status s = db_->Get(ReadOpts(snapshot), ToSlice(key), &value);
    if (!s.ok()) return ToStatus(s, "get");
    return value;
  }

  std::vector<absl::StatusOr<std::string>> MultiGet(const std::vector<std::string>& keys,
                                                    const Snapshot* snapshot) override {
    // The batched form: one pass over the memtables and files for all keys, each data block
    // read once for the keys it holds.
    return BatchedGet(keys, "multi-get", [&](MultiGetArgs& a) {
      db_->MultiGet(ReadOpts(snapshot), db_->DefaultColumnFamily(), a.keys.size(), a.keys.data(),
                    a.values.data(), a.statuses.data());
    });
  }

  std::unique_ptr<Iterator> Scan(absl::string_view begin, absl::string_view end,
                                 const Snapshot* snapshot) override {
    return BoundedScan(begin, end, ScanOptions(ReadOpts(snapshot), begin, end),
                       [this](const rocksdb::ReadOptions& ro) { return db_->NewIterator(ro); });
  }

  absl::Status Write(const WriteBatch& batch, Durability durability) override {
    if (absl::Status failed = sync_failure_.status(); !failed.ok()) return failed;
    rocksdb::WriteBatch wb;
    for (const auto& op : batch.ops()) {
      rocksdb::Status s = op.is_delete ? wb.Delete(ToSlice(op.key))
                                       : wb.Put(ToSlice(op.key), ToSlice(op.value));
      if (!s.ok()) return ToStatus(s, "batch");
    }
    rocksdb::WriteOptions wo = write_options_;
    if (durability == Durability::kProcessCrash) wo.sync = false;
    return ToStatus(db_->Write(wo, &wb), "write");
  }

  std::unique_ptr<Transaction> BeginTransaction() override {
    return std::make_unique<RocksTransaction>(db_.get(), write_options_, sync_failure_);
  }

  absl::Status SyncWrites() override {
    if (!write_options_.sync) return absl::OkStatus();
    if (absl::Status failed = sync_failure_.status(); !failed.ok()) return failed;
    absl::Status s = ToStatus(db_->SyncWAL(), "sync the write-ahead log");
    if (!s.ok()) sync_failure_.Set(s);
    return sync_failure_.status().ok() ? s : sync_failure_.status();
  }

  std::unique_ptr<Snapshot> GetSnapshot() override {
    return std::make_unique<RocksSnapshot>(db_.get(), db_->GetSnapshot());
  }

  absl::StatusOr<BackupInfo> CreateBackup(const std::string& backup_dir) override {
    rocksdb::BackupEngine* raw = nullptr;
    rocksdb::Status s = rocksdb::BackupEngine::Open(
        rocksdb::Env::Default(), rocksdb::BackupEngineOptions(backup_dir), &raw);
    if (!s.ok()) return ToStatus(s, "open backup directory " + backup_dir);
    std::unique_ptr<rocksdb::BackupEngine> engine(raw);
    rocksdb::CreateBackupOptions cbo;
    cbo.flush_before_backup = true;
    rocksdb::BackupID id = 0;
    s = engine->CreateNewBackup(cbo, db_.get(), &id);
    if (!s.ok()) return ToStatus(s, "create backup");
    rocksdb::BackupInfo info;
    s = engine->GetBackupInfo(id, &info);
    if (!s.ok()) return ToStatus(s, "read backup info");
    return BackupInfo{id, info.size};
  }

 private:
  rocksdb::ReadOptions ReadOpts(const Snapshot* snapshot) const {
    rocksdb::ReadOptions ro;
    if (snapshot != nullptr) ro.snapshot = static_cast<const RocksSnapshot*>(snapshot)->get();
    return ro;
  }

  const std::unique_ptr<rocksdb::OptimisticTransactionDB> db_;
  rocksdb::WriteOptions write_options_;
  SyncFailure sync_failure_;

 public:
  absl::Status CompactAll() {
    rocksdb::CompactRangeOptions options;
    options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
    return ToStatus(db_->CompactRange(options, nullptr, nullptr), "compact database");
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<KvStore>> OpenRocksDb(const RocksDbOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(options.path, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create database directory ", options.path, ": ", ec.message()));
  }
  rocksdb::Options opts;
  opts.create_if_missing = true;
  opts.IncreaseParallelism(2);
  opts.OptimizeLevelStyleCompaction();
  opts.prefix_extractor = std::make_shared<ScanUnitTransform>();
  opts.memtable_prefix_bloom_size_ratio = 0.05;
  opts.memtable_whole_key_filtering = true;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // A hash index in each data block: point reads (a query's features, a record's entity) find
  // their key without a binary search through the block.
  table.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  opts.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::OptimisticTransactionDB* raw = nullptr;
  rocksdb::Status s = rocksdb::OptimisticTransactionDB::Open(opts, options.path, &raw);
  if (!s.ok()) return ToStatus(s, "open database " + options.path);
  return std::make_unique<RocksDbKvStore>(std::unique_ptr<rocksdb::OptimisticTransactionDB>(raw),
                                          options.sync_writes);
}

absl::Status CompactRocksDb(const std::string& db_path) {
  auto kv = OpenRocksDb({.path = db_path, .sync_writes = false});
  if (!kv.ok()) return kv.status();
  auto* rocks = static_cast<RocksDbKvStore*>(kv->get());
  return rocks->CompactAll();
}

absl::Status RestoreRocksDbBackup(const std::string& backup_dir, const std::string& db_path) {
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::Status s = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::Env::Default(), rocksdb::BackupEngineOptions(backup_dir), &raw);
  if (!s.ok()) return ToStatus(s, "open backup directory " + backup_dir);
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw);
  s = engine->RestoreDBFromLatestBackup(db_path, db_path);
  return ToStatus(s, "restore into " + db_path);
}

}  // namespace mdhub::store

// A RocksDB store in a fresh temporary directory, removed when the fixture is destroyed.
#ifndef MDHUB_STORE_TESTING_TEMP_DB_H_
#define MDHUB_STORE_TESTING_TEMP_DB_H_

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "store/rocksdb_kv_store.h"

namespace mdhub::store::testing {

// A fresh, empty directory under the test's temporary directory.
inline std::string FreshTempDir(const std::string& name) {
  std::random_device rd;
  std::filesystem::path p = std::filesystem::path(::testing::TempDir()) /
                            (name + "-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p.string();
}

class TempDb {
 public:
  TempDb() : dir_(FreshTempDir("mdhub-db")) { Reopen(); }
  ~TempDb() {
    kv_.reset();
    std::filesystem::remove_all(dir_);
  }
  KvStore& kv() { return *kv_; }
  const std::string& dir() const { return dir_; }
  std::string db_path() const { return dir_ + "/db"; }
  // Closes and reopens the database, as a restart would.
  void Reopen() {
    kv_.reset();
    auto kv = OpenRocksDb({.path = db_path(), .sync_writes = false});
    ASSERT_TRUE(kv.ok()) << kv.status();
    kv_ = *std::move(kv);
  }
  void Close() { kv_.reset(); }

 private:
  std::string dir_;
  std::unique_ptr<KvStore> kv_;
};

}  // namespace mdhub::store::testing

#endif  // MDHUB_STORE_TESTING_TEMP_DB_H_

#include "store/rocksdb_kv_store.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "store/internal/keys.h"
#include "store/testing/temp_db.h"

namespace mdhub::store {
namespace {

using testing::TempDb;

std::vector<std::string> ScanKeys(KvStore& kv, absl::string_view begin, absl::string_view end,
                                  const Snapshot* snap = nullptr) {
  std::vector<std::string> keys;
  for (auto it = kv.Scan(begin, end, snap); it->Valid(); it->Next()) keys.emplace_back(it->key());
  return keys;
}

TEST(RocksDbKvStoreTest, GetMissingKeyIsNotFound) {
  TempDb db;
  EXPECT_TRUE(absl::IsNotFound(db.kv().Get("nope").status()));
}

TEST(RocksDbKvStoreTest, BatchIsAppliedAndSurvivesReopen) {
  TempDb db;
  WriteBatch b;
  b.Put("a", "1");
  b.Put("b", "2");
  b.Put("c", "3");
  b.Delete("b");
  ASSERT_TRUE(db.kv().Write(b).ok());
  db.Reopen();
  EXPECT_EQ(*db.kv().Get("a"), "1");
  EXPECT_TRUE(absl::IsNotFound(db.kv().Get("b").status()));
  auto got = db.kv().MultiGet({"c", "b", "a"});
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(*got[0], "3");
  EXPECT_TRUE(absl::IsNotFound(got[1].status()));
  EXPECT_EQ(*got[2], "1");
}

TEST(RocksDbKvStoreTest, ScanIsOrderedAndBounded) {
  TempDb db;
  WriteBatch b;
  for (std::string k : {"k3", "k1", "j9", "k2", "l0"}) b.Put(k, "v");
  ASSERT_TRUE(db.kv().Write(b).ok());
  EXPECT_EQ(ScanKeys(db.kv(), "k", "l"), (std::vector<std::string>{"k1", "k2", "k3"}));
  EXPECT_EQ(ScanKeys(db.kv(), "k2", ""), (std::vector<std::string>{"k2", "k3", "l0"}));
}

TEST(RocksDbKvStoreTest, SnapshotDoesNotSeeLaterWrites) {
  TempDb db;
  WriteBatch b1;
  b1.Put("x", "old");
  ASSERT_TRUE(db.kv().Write(b1).ok());
  auto snap = db.kv().GetSnapshot();
  WriteBatch b2;
  b2.Put("x", "new");
  b2.Put("y", "new");
  ASSERT_TRUE(db.kv().Write(b2).ok());
  EXPECT_EQ(*db.kv().Get("x", snap.get()), "old");
  EXPECT_EQ(ScanKeys(db.kv(), "", "", snap.get()), (std::vector<std::string>{"x"}));
  EXPECT_EQ(*db.kv().Get("x"), "new");
}

TEST(RocksDbKvStoreTest, TransactionReadsOwnWritesAndDetectsConflicts) {
  TempDb db;
  WriteBatch b;
  b.Put("counter", "1");
  ASSERT_TRUE(db.kv().Write(b).ok());

  auto t1 = db.kv().BeginTransaction();
  ASSERT_EQ(*t1->Get("counter"), "1");
  t1->Put("counter", "2");
  t1->Put("t1-only", "x");
  t1->Put("z-outside-the-scan", "x");
  EXPECT_EQ(*t1->Get("counter"), "2");
  auto it = t1->Scan("t", "u");
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->key(), "t1-only");
  it->Next();
  EXPECT_FALSE(it->Valid());  // the pending write past the end is not returned

  // A concurrent writer changes the key t1 read.
  WriteBatch other;
  other.Put("counter", "5");
  ASSERT_TRUE(db.kv().Write(other).ok());
  EXPECT_TRUE(absl::IsAborted(t1->Commit()));
  EXPECT_EQ(*db.kv().Get("counter"), "5");
  EXPECT_TRUE(absl::IsNotFound(db.kv().Get("t1-only").status()));

  auto t2 = db.kv().BeginTransaction();
  ASSERT_EQ(*t2->Get("counter"), "5");
  t2->Put("counter", "6");
  ASSERT_TRUE(t2->Commit().ok());
  EXPECT_EQ(*db.kv().Get("counter"), "6");
}

// Blind writes are applied at commit in key order; writes of one key keep the order they were
// made in, whether blind or through the transaction's index.
TEST(RocksDbKvStoreTest, BlindWritesOfOneKeyKeepTheirOrderWithIndexedWrites) {
  TempDb db;
  WriteBatch b;
  for (std::string k : {"a", "b", "c", "d", "e"}) b.Put(k, "old");
  ASSERT_TRUE(db.kv().Write(b).ok());

  auto t = db.kv().BeginTransaction();
  t->PutBlind("a", "blind");
  t->Delete("a");  // after the blind write: a is gone
  t->Delete("b");
  t->PutBlind("b", "blind");  // after the delete: b is back
  t->PutBlind("c", "first");
  t->DeleteBlind("c");
  t->PutBlind("c", "last");  // the last blind write of c wins
  t->Put("d", "indexed");
  t->DeleteBlind("d");  // after the indexed write: d is gone
  t->PutBlind("e", "blind 1");
  t->Put("e", "indexed");
  t->PutBlind("e", "blind 2");  // blind, indexed, blind again: the last one wins
  t->PutBlind("f", "new");
  t->PutBlind("0", "new");
  // Many reads at once see the store and the transaction's indexed writes.
  std::vector<absl::StatusOr<std::string>> many = t->MultiGetUnchecked({"d", "e", "x"});
  ASSERT_EQ(many.size(), 3u);
  EXPECT_EQ(*many[0], "indexed");
  EXPECT_EQ(*many[1], "indexed");
  EXPECT_TRUE(absl::IsNotFound(many[2].status()));
  ASSERT_TRUE(t->Commit().ok());

  EXPECT_TRUE(absl::IsNotFound(db.kv().Get("a").status()));
  EXPECT_EQ(*db.kv().Get("b"), "blind");
  EXPECT_EQ(*db.kv().Get("c"), "last");
  EXPECT_TRUE(absl::IsNotFound(db.kv().Get("d").status()));
  EXPECT_EQ(*db.kv().Get("e"), "blind 2");
  EXPECT_EQ(ScanKeys(db.kv(), "", ""), (std::vector<std::string>{"0", "b", "c", "e", "f"}));

  // A transaction that fails its commit applies none of its blind writes.
  auto t1 = db.kv().BeginTransaction();
  ASSERT_EQ(*t1->Get("e"), "blind 2");
  t1->PutBlind("g", "lost");
  WriteBatch other;
  other.Put("e", "changed");
  ASSERT_TRUE(db.kv().Write(other).ok());
  EXPECT_TRUE(absl::IsAborted(t1->Commit()));
  EXPECT_TRUE(absl::IsNotFound(db.kv().Get("g").status()));
}

TEST(RocksDbKvStoreTest, SecondOpenOfSameDirectoryFailsClearly) {
  TempDb db;
  auto second = OpenRocksDb({.path = db.db_path()});
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
}

TEST(RocksDbKvStoreTest, BackupRestoresTheStateAtBackupTime) {
  TempDb db;
  WriteBatch b;
  b.Put("kept", "1");
  ASSERT_TRUE(db.kv().Write(b).ok());
  const std::string backups = db.dir() + "/backups";
  auto info = db.kv().CreateBackup(backups);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->id, 1u);
  EXPECT_GT(info->size_bytes, 0u);
  WriteBatch after;
  after.Put("after", "2");
  ASSERT_TRUE(db.kv().Write(after).ok());
  db.Close();
  ASSERT_TRUE(RestoreRocksDbBackup(backups, db.db_path()).ok());
  db.Reopen();
  EXPECT_EQ(*db.kv().Get("kept"), "1");
  EXPECT_TRUE(absl::IsNotFound(db.kv().Get("after").status()));
}

// Scans of one scan unit use prefix filters; every other range is read in total order. Both must
// see every key in range, in memtables and in files written before and after.
TEST(RocksDbKvStoreTest, ScansSeeEveryKeyWithPrefixFiltersOrWithout) {
  TempDb db;
  const std::vector<std::string> keys = {
      std::string("B1a\0s\0x", 7), std::string("B1ab\0s\0z", 8), std::string("B1b\0s\0w", 7),
      std::string("I1cid\0v\0P1", 10), std::string("I1cid\0v2\0P2", 11)};
  auto count = [&](absl::string_view begin, absl::string_view end) {
    int n = 0;
    for (auto it = db.kv().Scan(begin, end); it->Valid(); it->Next()) ++n;
    return n;
  };
  auto check = [&] {
    const std::string unit("B1a\0", 4);
    EXPECT_EQ(count(unit, keys::PrefixEnd(unit)), 2);
    EXPECT_EQ(count("B1a", keys::PrefixEnd("B1a")), 3);  // wider than a unit
    EXPECT_EQ(count("B", "C"), 4);
    const std::string id("I1cid\0v\0", 8);
    EXPECT_EQ(count(id, keys::PrefixEnd(id)), 1);
    EXPECT_EQ(count("I1cid", keys::PrefixEnd("I1cid")), 2);
  };
  for (size_t i = 0; i < keys.size(); ++i) {
    WriteBatch b;
    b.Put(keys[i], "v");
    if (i == 0) b.Put(std::string("B1a\0s\0y", 7), "v");
    ASSERT_TRUE(db.kv().Write(b).ok());
    if (i % 2 == 1) {  // some keys in files, some in the memtable
      db.Close();
      ASSERT_TRUE(CompactRocksDb(db.db_path()).ok());
      db.Reopen();
    }
  }
  check();
  db.Close();
  ASSERT_TRUE(CompactRocksDb(db.db_path()).ok());
  db.Reopen();
  check();
}

}  // namespace
}  // namespace mdhub::store

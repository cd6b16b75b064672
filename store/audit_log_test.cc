#include "store/audit_log.h"

#include "gtest/gtest.h"
#include "store/internal/codec.h"
#include "store/internal/keys.h"
#include "store/testing/temp_db.h"

namespace mdhub::store {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 5; ++i) {
      AuditEntry e;
      e.set_agency(i % 2 ? "ps" : "health");
      e.set_method("/mdhub.v1.PopulationService/GetPerson");
      e.add_touched("P000000000" + std::to_string(i));
      ASSERT_EQ(*log().Append(e), static_cast<uint64_t>(i + 1));
    }
  }
  AuditLog& log() {
    if (!log_) log_ = *AuditLog::Open(db_.kv(), clock_);
    return *log_;
  }
  AuditEntry Stored(uint64_t seq) {
    return *internal::Decode<AuditEntry>(*db_.kv().Get(keys::Audit(seq)), "audit");
  }
  void Overwrite(const AuditEntry& e) {
    WriteBatch b;
    b.Put(keys::Audit(e.sequence()), internal::Encode(e));
    ASSERT_TRUE(db_.kv().Write(b).ok());
  }

  testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1700000000)};
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, IntactChainVerifiesAcrossReopen) {
  log_.reset();
  db_.Reopen();
  AuditEntry e;
  e.set_agency("hrss");
  ASSERT_EQ(*log().Append(e), 6u);
  auto v = log().Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, 6u);
  EXPECT_EQ(Stored(6).previous_hash(), Stored(5).hash());
  EXPECT_EQ(log().List(4, 10)->size(), 2u);
}

TEST_F(AuditLogTest, EditedEntryIsReported) {
  AuditEntry e = Stored(3);
  e.set_agency("someone-else");
  Overwrite(e);
  auto v = log().Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_sequence, 3u);
}

TEST_F(AuditLogTest, RehashedEntryBreaksTheNextLink) {
  // A forger who recomputes the edited entry's own hash still breaks the chain at the next entry.
  AuditEntry e = Stored(2);
  e.set_code(0);
  e.set_detail("forged");
  e.clear_hash();
  e.set_hash(AuditLog::ComputeHash(e));
  Overwrite(e);
  auto v = log().Verify();
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_sequence, 3u);
}

TEST_F(AuditLogTest, RemovedEntriesAreReported) {
  WriteBatch b;
  b.Delete(keys::Audit(5));
  ASSERT_TRUE(db_.kv().Write(b).ok());
  auto v = log().Verify();
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_sequence, 5u);
  WriteBatch middle;
  middle.Delete(keys::Audit(2));
  ASSERT_TRUE(db_.kv().Write(middle).ok());
  EXPECT_EQ(log().Verify()->first_bad_sequence, 2u);
}

}  // namespace
}  // namespace mdhub::store

namespace mdhub::store {
namespace {

TEST_F(AuditLogTest, EntryCommittedWithATransactionJoinsTheChainOnlyOnSuccess) {
  auto txn = db_.kv().BeginTransaction();
  ASSERT_TRUE(absl::IsNotFound(txn->Get("data").status()));
  txn->Put("data", "1");
  AuditEntry e;
  e.set_agency("ps");
  ASSERT_TRUE(log().CommitWith({&e}, *txn, [&] { return txn->Commit(); }).ok());
  EXPECT_EQ(*db_.kv().Get("data"), "1");
  EXPECT_EQ(Stored(6).agency(), "ps");

  // A transaction that fails to commit leaves neither its data nor its audit entry.
  auto loser = db_.kv().BeginTransaction();
  ASSERT_EQ(*loser->Get("data"), "1");
  loser->Put("data", "2");
  WriteBatch concurrent;
  concurrent.Put("data", "3");
  ASSERT_TRUE(db_.kv().Write(concurrent).ok());
  AuditEntry lost;
  EXPECT_TRUE(absl::IsAborted(log().CommitWith({&lost}, *loser, [&] { return loser->Commit(); })));
  EXPECT_TRUE(absl::IsNotFound(db_.kv().Get(keys::Audit(7)).status()));
  AuditEntry next;
  ASSERT_EQ(*log().Append(next), 7u);
  auto v = log().Verify();
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, 7u);
}

TEST_F(AuditLogTest, SeveralEntriesCommitWithOneTransactionInOrder) {
  auto txn = db_.kv().BeginTransaction();
  txn->Put("data", "1");
  AuditEntry a, b;
  a.set_agency("ps");
  b.set_agency("health");
  ASSERT_TRUE(log().CommitWith({&a, &b}, *txn, [&] { return txn->Commit(); }).ok());
  EXPECT_EQ(a.sequence(), 6u);
  EXPECT_EQ(b.sequence(), 7u);
  EXPECT_EQ(b.previous_hash(), a.hash());
  EXPECT_EQ(Stored(7).agency(), "health");
  auto v = log().Verify();
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, 7u);
}

}  // namespace
}  // namespace mdhub::store

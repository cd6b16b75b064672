#include "store/entity_store.h"

#include <thread>

#include "gtest/gtest.h"
#include "store/testing/temp_db.h"

namespace mdhub::store {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1700000000);

// Writes one record into a new entity holding its citizen_id, as the resolver would (the record
// in one block, "dob:19900307").
absl::StatusOr<std::string> AddPerson(EntityStore& es, const std::string& key,
                                      const std::string& cid) {
  std::string id;
  auto info = es.Write([&](EntityWrite& w) -> absl::Status {
    w.BeginChange();
    auto new_id = w.NewEntityId(PERSON);
    if (!new_id.ok()) return new_id.status();
    id = *new_id;
    Record r;
    r.set_source("ps.hukou");
    r.set_record_key(key);
    r.set_kind(PERSON);
    (*r.mutable_attributes())["citizen_id"] = cid;
    r.set_entity_id(id);
    r.add_blocking_keys("dob:19900307");
    if (auto s = w.PutRecord(r); !s.ok()) return s;
    Entity e;
    e.set_id(id);
    e.set_kind(PERSON);
    *e.add_members() = RecordRef();
    e.mutable_members(0)->set_source("ps.hukou");
    e.mutable_members(0)->set_record_key(key);
    auto* ident = e.add_identifiers();
    ident->set_type("citizen_id");
    ident->set_value(cid);
    if (auto s = w.PutEntity(e); !s.ok()) return s;
    w.AppendChange(ChangeEvent::RECORD_UPSERTED, r, e);
    return absl::OkStatus();
  });
  if (!info.ok()) return info.status();
  return id;
}

class EntityStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void Open() {
    auto es = EntityStore::Open(db_.kv(), clock_);
    ASSERT_TRUE(es.ok()) << es.status();
    es_ = *std::move(es);
  }
  testing::TempDb db_;
  ManualClock clock_{kStart};
  std::unique_ptr<EntityStore> es_;
};

TEST_F(EntityStoreTest, WriteIsVisibleThroughEveryIndex) {
  auto id = AddPerson(*es_, "r1", "450102199003071238");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(*id, "P0000000001");
  auto e = es_->GetEntity(*id);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->version(), 1);
  EXPECT_EQ(e->change_sequence(), 1);
  EXPECT_EQ(*es_->FindByIdentifier(PERSON, "citizen_id", "450102199003071238"),
            std::vector<std::string>{*id});
  EXPECT_TRUE(es_->FindByIdentifier(LEGAL_ENTITY, "citizen_id", "450102199003071238")->empty());
  auto r = es_->GetRecord("ps.hukou", "r1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->version(), 1);
  EXPECT_EQ(r->entity_id(), *id);
  EXPECT_EQ(r->recorded_at_us(), absl::ToUnixMicros(kStart));
}

TEST_F(EntityStoreTest, ChangeLogIsGapFreeAndSurvivesReopen) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(AddPerson(*es_, "r" + std::to_string(i), "x").ok());
  // A write that fails commits nothing and consumes no sequence number.
  auto failed = es_->Write([](EntityWrite& w) {
    w.BeginChange();
    return absl::InvalidArgumentError("rejected");
  });
  EXPECT_TRUE(absl::IsInvalidArgument(failed.status()));
  es_.reset();
  db_.Reopen();
  Open();
  EXPECT_EQ(es_->LastSequence(), 5);
  ASSERT_TRUE(AddPerson(*es_, "r5", "y").ok());
  auto changes = es_->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ((*changes)[i].sequence(), i + 1);
  EXPECT_EQ(es_->ReadChanges(4, 1)->at(0).sequence(), 5);
  // Entity ids are never reused after reopening.
  EXPECT_EQ(changes->back().entity_id(), "P0000000006");
}

TEST_F(EntityStoreTest, AsOfReadsReturnTheVersionCurrentAtThatTime) {
  auto id = AddPerson(*es_, "r1", "450102199003071238");
  ASSERT_TRUE(id.ok());
  clock_.Advance(absl::Hours(1));
  auto info = es_->Write([&](EntityWrite& w) -> absl::Status {
    w.BeginChange();
    auto e = w.GetEntity(*id);
    if (!e.ok()) return e.status();
    Entity updated = **e;
    updated.mutable_identifiers(0)->set_value("45010319851112246X");
    return w.PutEntity(updated);
  });
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(es_->GetEntity(*id)->version(), 2);
  EXPECT_EQ(es_->GetEntity(*id, kStart + absl::Minutes(30))->version(), 1);
  EXPECT_TRUE(absl::IsNotFound(es_->GetEntity(*id, kStart - absl::Seconds(1)).status()));
  // The old identifier no longer finds the entity; the new one does.
  EXPECT_TRUE(es_->FindByIdentifier(PERSON, "citizen_id", "450102199003071238")->empty());
  EXPECT_EQ(es_->FindByIdentifier(PERSON, "citizen_id", "45010319851112246X")->size(), 1u);
  auto history = es_->ListEntityVersions(*id, 10);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].version(), 2);
  EXPECT_EQ(es_->ListEntityVersions(*id, 10, 2)->size(), 1u);
}

TEST_F(EntityStoreTest, RedirectsAreFollowed) {
  auto a = AddPerson(*es_, "a", "1");
  auto b = AddPerson(*es_, "b", "2");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(es_->Write([&](EntityWrite& w) -> absl::Status {
                   w.BeginChange();
                   Entity merged = **w.GetEntity(*b);
                   merged.set_redirect_to(*a);
                   return w.PutEntity(merged);
                 })
                  .ok());
  EXPECT_EQ(es_->GetEntity(*b)->id(), *a);
}

TEST_F(EntityStoreTest, AwaitChangeWakesOnCommit) {
  EXPECT_FALSE(es_->AwaitChange(0, absl::Now() + absl::Milliseconds(10)));
  std::thread writer([&] { ASSERT_TRUE(AddPerson(*es_, "r1", "x").ok()); });
  EXPECT_TRUE(es_->AwaitChange(0, absl::Now() + absl::Seconds(30)));
  writer.join();
}

TEST_F(EntityStoreTest, ConcurrentWritersGetDistinctSequences) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        ASSERT_TRUE(AddPerson(*es_, absl::StrCat(t, "-", i), "x").ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  auto changes = es_->ReadChanges(0, 1000);
  ASSERT_EQ(changes->size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ((*changes)[i].sequence(), i + 1);
  EXPECT_EQ(es_->FindByIdentifier(PERSON, "citizen_id", "x")->size(), 100u);
}

// Planning writes outside the write lock: a plan holds exactly while nothing it read is written.
class PlanningTest : public EntityStoreTest {
 protected:
  // Whether a write now finds `reads` unchanged.
  bool Current(const ReadSet& reads) {
    bool current = false;
    auto done = es_->Write([&](EntityWrite& w) {
      current = w.Unchanged(reads);
      return absl::OkStatus();
    });
    EXPECT_TRUE(done.ok()) << done.status();
    return current;
  }
  // Plans as the resolver does for a new record r2 with citizen id `cid`.
  ReadSet PlanNewRecord(const std::string& cid, std::vector<std::string>* found = nullptr) {
    auto view = es_->BeginPlanning();
    auto reads = view->Plan([&](EntityWrite& w) -> absl::Status {
      auto old = w.GetRecord("ps.hukou", "r2");
      if (!old.ok()) return old.status();
      EXPECT_FALSE(old->has_value());
      auto ids = w.FindByIdentifier(PERSON, "citizen_id", cid);
      if (!ids.ok()) return ids.status();
      if (found != nullptr) *found = *ids;
      auto block = w.ScanBlock(PERSON, "dob:19900307", 100);
      return block.status();
    });
    EXPECT_TRUE(reads.ok()) << reads.status();
    return *reads;
  }
};

TEST_F(PlanningTest, PlanHoldsUntilSomethingItReadIsWritten) {
  auto p1 = AddPerson(*es_, "r1", "450102199003071238");
  ASSERT_TRUE(p1.ok()) << p1.status();
  std::vector<std::string> found;
  ReadSet reads = PlanNewRecord("450102199003071238", &found);
  EXPECT_EQ(found, std::vector<std::string>{*p1});
  EXPECT_TRUE(Current(reads));

  // The record the plan found absent now exists: the plan is stale.
  ASSERT_TRUE(AddPerson(*es_, "r2", "450102199003071246").ok());
  EXPECT_FALSE(Current(reads));
}

TEST_F(PlanningTest, NewIdentifierHolderOrBlockMemberMakesPlanStale) {
  ASSERT_TRUE(AddPerson(*es_, "r1", "450102199003071238").ok());
  ReadSet reads = PlanNewRecord("110101199001011237");
  // Another entity now holds the identifier the plan looked up (and joins the block it scanned).
  ASSERT_TRUE(AddPerson(*es_, "r3", "110101199001011237").ok());
  EXPECT_FALSE(Current(reads));
}

TEST_F(PlanningTest, ViewReadsItsSnapshotAndUntrackedReadsAreNeverCurrent) {
  auto view = es_->BeginPlanning();
  auto p1 = AddPerson(*es_, "r1", "450102199003071238");
  ASSERT_TRUE(p1.ok()) << p1.status();
  auto reads = view->Plan([&](EntityWrite& w) -> absl::Status {
    auto e = w.GetEntity(*p1);
    if (!e.ok()) return e.status();
    EXPECT_FALSE(e->has_value()) << "written after the view was taken";
    return w.NewEntityId(PERSON).status();  // reads a counter that writes do not mark
  });
  ASSERT_TRUE(reads.ok()) << reads.status();
  EXPECT_TRUE(reads->untracked);
  EXPECT_FALSE(Current(*reads));
}

TEST_F(PlanningTest, PlanThatWritesFails) {
  auto view = es_->BeginPlanning();
  auto reads = view->Plan([&](EntityWrite& w) {
    w.BeginChange();
    Record r;
    r.set_source("ps.hukou");
    r.set_record_key("r1");
    r.set_kind(PERSON);
    return w.PutRecord(r);
  });
  EXPECT_EQ(reads.status().code(), absl::StatusCode::kInternal);
  EXPECT_FALSE(es_->GetRecord("ps.hukou", "r1").ok());
}

}  // namespace
}  // namespace mdhub::store

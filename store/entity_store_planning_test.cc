// Planning writes outside the write lock: a plan holds exactly while nothing it read is written.
#include "gtest/gtest.h"
#include "store/entity_store.h"
#include "store/testing/temp_db.h"

namespace mdhub::store {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1700000000);

// One record in its own entity holding its citizen_id.
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
    r.set_entity_id(id);
    r.add_blocking_keys("dob:19900307");
    if (auto s = w.PutRecord(r); !s.ok()) return s;
    Entity e;
    e.set_id(id);
    e.set_kind(PERSON);
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

class PlanningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto es = EntityStore::Open(db_.kv(), clock_);
    ASSERT_TRUE(es.ok()) << es.status();
    es_ = *std::move(es);
  }
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
  testing::TempDb db_;
  ManualClock clock_{kStart};
  std::unique_ptr<EntityStore> es_;
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

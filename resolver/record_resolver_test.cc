#include "resolver/record_resolver.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "store/audit_log.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

using store::Record;

Mutation Upsert(const std::string& source, const std::string& key,
                std::map<std::string, std::string> attrs, store::Kind kind = store::PERSON) {
  Mutation m;
  m.record.set_source(source);
  m.record.set_record_key(key);
  m.record.set_kind(kind);
  for (auto& [k, v] : attrs) (*m.record.mutable_attributes())[k] = v;
  return m;
}

Mutation Delete(const std::string& source, const std::string& key) {
  Mutation m;
  m.is_delete = true;
  m.record.set_source(source);
  m.record.set_record_key(key);
  return m;
}

class RecordResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    es_ = *store::EntityStore::Open(db_.kv(), clock_);
    resolver_ = std::make_unique<RecordResolver>(*es_);
  }
  std::string Golden(const std::string& entity_id, const std::string& name) {
    auto e = es_->GetEntity(entity_id);
    EXPECT_TRUE(e.ok()) << e.status();
    for (const auto& a : e->attributes()) {
      if (a.name() == name) return a.value() + "@" + a.from().source();
    }
    return "";
  }

  store::testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1700000000)};
  std::unique_ptr<store::EntityStore> es_;
  std::unique_ptr<RecordResolver> resolver_;
};

TEST_F(RecordResolverTest, RecordsSharingACitizenIdBecomeOnePerson) {
  auto a = resolver_->Apply(
      Upsert("ps.hukou", "h1", {{"name", "王芳"}, {"citizen_id", "450102199003071238"}}));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->kind, MutationOutcome::kCreated);
  clock_.Advance(absl::Minutes(1));
  // Full-width digits and spaces still match.
  auto b = resolver_->Apply(Upsert("health.patient_index", "p9",
                                   {{"name", "王 芳"}, {"citizen_id", "４５０１０２199003071238 "}}));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->entity_id, a->entity_id);
  auto c = resolver_->Apply(Upsert("ps.hukou", "h2", {{"citizen_id", "45010319851112246X"}}));
  EXPECT_NE(c->entity_id, a->entity_id);
  // A legacy 15-digit number is the same person as its 18-character form.
  auto d = resolver_->Apply(Upsert("hrss.insured", "i7", {{"citizen_id", "450103800101123"}}));
  auto e = resolver_->Apply(Upsert("ps.hukou", "h3", {{"citizen_id", "450103198001011233"}}));
  EXPECT_EQ(d->entity_id, e->entity_id);

  auto person = es_->GetEntity(a->entity_id);
  ASSERT_EQ(person->members_size(), 2);
  ASSERT_EQ(person->identifiers_size(), 1);
  EXPECT_EQ(person->identifiers(0).value(), "450102199003071238");
  EXPECT_EQ(person->identifiers(0).problem(), "");
  // A number that fails its check is kept, links, and says why it fails.
  auto bad = resolver_->Apply(Upsert("ps.hukou", "h9", {{"citizen_id", "450102199003071230"}}));
  auto bad_person = es_->GetEntity(bad->entity_id);
  ASSERT_EQ(bad_person->identifiers_size(), 1);
  EXPECT_NE(bad_person->identifiers(0).problem().find("check character"), std::string::npos);
  EXPECT_EQ(es_->LastSequence(), 6);
}

TEST_F(RecordResolverTest, ResubmittingIdenticalContentChangesNothing) {
  auto m = Upsert("ps.hukou", "h1", {{"name", "李明"}});
  auto first = resolver_->Apply(m);
  auto again = resolver_->Apply(m);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kind, MutationOutcome::kUnchanged);
  EXPECT_EQ(again->change_sequence, 0);
  EXPECT_EQ(again->entity_id, first->entity_id);
  EXPECT_EQ(es_->LastSequence(), 1);
}

TEST_F(RecordResolverTest, GoldenAttributesFollowTheMostRecentSource) {
  auto a = resolver_->Apply(Upsert("ps.hukou", "h1",
                                   {{"citizen_id", "450102199003071238"}, {"phone", "111"}}));
  clock_.Advance(absl::Minutes(1));
  auto b = resolver_->Apply(Upsert("hrss.insured", "i1",
                                   {{"citizen_id", "450102199003071238"}, {"phone", "222"}}));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(Golden(a->entity_id, "phone"), "222@hrss.insured");
  // Updating the older record makes it the most recent.
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(resolver_
                  ->Apply(Upsert("ps.hukou", "h1",
                                 {{"citizen_id", "450102199003071238"}, {"phone", "333"}}))
                  .ok());
  EXPECT_EQ(Golden(a->entity_id, "phone"), "333@ps.hukou");
  EXPECT_EQ(es_->GetRecord("ps.hukou", "h1")->version(), 2);
}

TEST_F(RecordResolverTest, DeleteLeavesATombstoneAndRetiresAnEmptyEntity) {
  auto a = resolver_->Apply(Upsert("ps.hukou", "h1", {{"name", "x"}}));
  auto d = resolver_->Apply(Delete("ps.hukou", "h1"));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->kind, MutationOutcome::kDeleted);
  EXPECT_TRUE(es_->GetRecord("ps.hukou", "h1")->deleted());
  auto e = es_->GetEntity(a->entity_id);
  EXPECT_TRUE(e->retired());
  EXPECT_EQ(e->members_size(), 0);
  EXPECT_TRUE(absl::IsNotFound(resolver_->Apply(Delete("ps.hukou", "nope")).status()));
  // Resubmitting revives the same entity.
  auto again = resolver_->Apply(Upsert("ps.hukou", "h1", {{"name", "y"}}));
  EXPECT_EQ(again->entity_id, a->entity_id);
  EXPECT_FALSE(es_->GetEntity(a->entity_id)->retired());
}

TEST_F(RecordResolverTest, BatchRejectsBadMutationsAndKeepsTheRest) {
  std::vector<Mutation> batch = {
      Upsert("ps.hukou", "ok1", {{"citizen_id", "450102199003071238"}}),
      Upsert("PS HUKOU", "bad", {}),
      Upsert("ps.hukou", "ok2", {{"citizen_id", "450102199003071238"}}),
      Delete("ps.hukou", "missing"),
      Upsert("ps.hukou", "ok1", {{"credit_code", "x"}}, store::LEGAL_ENTITY),
  };
  auto results = resolver_->ApplyBatch(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 5u);
  EXPECT_TRUE((*results)[0].ok());
  EXPECT_TRUE(absl::IsInvalidArgument((*results)[1].status()));
  EXPECT_NE((*results)[1].status().message().find("record.source"), std::string::npos);
  ASSERT_TRUE((*results)[2].ok());
  EXPECT_EQ((*results)[2]->entity_id, (*results)[0]->entity_id);  // same batch, read-your-writes
  EXPECT_TRUE(absl::IsNotFound((*results)[3].status()));
  EXPECT_TRUE(absl::IsFailedPrecondition((*results)[4].status()));
  EXPECT_EQ(es_->LastSequence(), 2);
}

TEST_F(RecordResolverTest, AuditEntryCommitsWithTheWriteAndNamesWhatItTouched) {
  auto audit_log = *store::AuditLog::Open(db_.kv(), clock_);
  RecordResolver audited(*es_, audit_log.get());
  store::AuditEntry entry;
  entry.set_agency("ps");
  entry.set_method("mdhub.v1.PopulationService/SubmitRecord");
  auto a = audited.Apply(Upsert("ps.hukou", "h1", {{"citizen_id", "450102199003071238"}}),
                         "record", &entry);
  ASSERT_TRUE(a.ok()) << a.status();
  // A rejected mutation is audited with its code, in the same (otherwise empty) commit.
  store::AuditEntry rejected = entry;
  EXPECT_TRUE(absl::IsNotFound(
      audited.Apply(Delete("ps.hukou", "missing"), "", &rejected).status()));
  auto entries = audit_log->List(0, 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].agency(), "ps");
  EXPECT_EQ((*entries)[0].code(), 0);
  ASSERT_EQ((*entries)[0].touched_size(), 2);
  EXPECT_EQ((*entries)[0].touched(0), "ps.hukou/h1");
  EXPECT_EQ((*entries)[0].touched(1), a->entity_id);
  EXPECT_EQ((*entries)[1].code(), static_cast<int>(absl::StatusCode::kNotFound));
  EXPECT_TRUE(audit_log->Verify()->ok);
}

}  // namespace
}  // namespace mdhub::resolver

namespace mdhub::resolver {
namespace {

TEST_F(RecordResolverTest, GoldenValuesAreInStandardForm) {
  auto a = resolver_->Apply(Upsert("health.patient_index", "p1",
                                   {{"name", "王芳"},
                                    {"birth_date", "1990年3月7日"},
                                    {"gender", "女"},
                                    {"phone", "+86 138-0771-0001"},
                                    {"citizen_id", "４５０１０２199003071238"}}));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(Golden(a->entity_id, "birth_date"), "1990-03-07@health.patient_index");
  EXPECT_EQ(Golden(a->entity_id, "gender"), "F@health.patient_index");
  EXPECT_EQ(Golden(a->entity_id, "phone"), "13807710001@health.patient_index");
  EXPECT_EQ(Golden(a->entity_id, "citizen_id"), "450102199003071238@health.patient_index");
  EXPECT_EQ(Golden(a->entity_id, "name"), "王芳@health.patient_index");
}

}  // namespace
}  // namespace mdhub::resolver

namespace mdhub::resolver {
namespace {

TEST(RecordResolverGroupCommitTest, ConcurrentCallsCommitTogetherEachWithItsAuditEntry) {
  store::testing::TempDb db;
  RealClock clock;
  auto es = store::EntityStore::Open(db.kv(), clock);
  ASSERT_TRUE(es.ok());
  auto log = store::AuditLog::Open(db.kv(), clock);
  ASSERT_TRUE(log.ok());
  RecordResolver resolver(**es, log->get());
  constexpr int kThreads = 8, kCalls = 40;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        store::AuditEntry audit;
        audit.set_agency(absl::StrCat("agency", t));
        const std::string key = absl::StrCat(t, "-", i);
        // Every other call also carries a rejected mutation: it must stay the caller's own.
        std::vector<Mutation> batch = {Upsert("ps.hukou", key, {{"name", "王芳"}})};
        if (i % 2 == 1) batch.push_back(Delete("ps.hukou", absl::StrCat("missing-", key)));
        auto out = resolver.ApplyBatch(batch, "record", &audit);
        const bool ok = out.ok() && (*out)[0].ok() && (*out)[0]->record.record_key() == key &&
                        (batch.size() == 1 || absl::IsNotFound((*out)[1].status())) &&
                        audit.sequence() > 0 && audit.touched_size() == 2 &&
                        audit.touched(0) == absl::StrCat("ps.hukou/", key);
        if (!ok) failures.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kCalls; ++i) {
      EXPECT_TRUE((*es)->GetRecord("ps.hukou", absl::StrCat(t, "-", i)).ok());
    }
  }
  auto verified = (*log)->Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(verified->entries, static_cast<uint64_t>(kThreads * kCalls));
}

// Links are planned before the write, from a snapshot; a plan that read what an earlier record
// of the same batch, or a concurrent caller, wrote meanwhile must not be used.
TEST_F(RecordResolverTest, PlansMadeStaleByEarlierWritesArePlannedAgain) {
  const std::string cid = "450102199003071238";
  auto batch = resolver_->ApplyBatch({Upsert("ps.hukou", "h1", {{"citizen_id", cid}}),
                                    Upsert("health.patient_index", "p1", {{"citizen_id", cid}}),
                                    Upsert("hrss.insured", "i1", {{"citizen_id", cid}})});
  ASSERT_TRUE(batch.ok()) << batch.status();
  for (const auto& r : *batch) {
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->entity_id, (*batch)[0]->entity_id);
  }
  EXPECT_EQ(resolver_->planning_stats().planned_ahead, 3);
  EXPECT_EQ(resolver_->planning_stats().used, 1);  // the others read the identifier h1 took

  // Many callers at once, each with a new record of one person: one entity in the end.
  const std::string cid2 = "45010319851112246X";
  constexpr int kThreads = 8, kCalls = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        auto out = resolver_->Apply(
            Upsert("hrss.insured", absl::StrCat("c", t, "-", i), {{"citizen_id", cid2}}));
        EXPECT_TRUE(out.ok()) << out.status();
      }
    });
  }
  for (auto& th : threads) th.join();
  auto holders = es_->FindByIdentifier(store::PERSON, "citizen_id", cid2);
  ASSERT_TRUE(holders.ok());
  ASSERT_EQ(holders->size(), 1u);
  auto person = es_->GetEntity((*holders)[0]);
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->members_size(), kThreads * kCalls);
}

// A group commit takes at most a bounded number of mutations: a caller that leads a group without
// its own batch in it still gets its own results, once its batch is committed in a later group.
TEST_F(RecordResolverTest, LargeConcurrentBatchesEachGetTheirOwnResults) {
  constexpr int kThreads = 6, kCalls = 2, kBatch = 1500;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int c = 0; c < kCalls; ++c) {
        std::vector<Mutation> batch;
        for (int i = 0; i < kBatch; ++i) {
          batch.push_back(Upsert("hrss.insured", absl::StrCat(t, "-", c, "-", i), {}));
        }
        auto out = resolver_->ApplyBatch(batch);
        bool ok = out.ok() && static_cast<int>(out->size()) == kBatch;
        for (int i = 0; ok && i < kBatch; ++i) {
          ok = (*out)[i].ok() && (*out)[i]->record.record_key() == batch[i].record.record_key();
        }
        if (!ok) failures.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace mdhub::resolver

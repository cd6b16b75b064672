#include "tools/bench/resolve_bench.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <map>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "resolver/internal/apply.h"
#include "resolver/match/profile.h"
#include "resolver/record_resolver.h"
#include "services/config.h"
#include "services/internal/mapping.h"
#include "store/audit_log.h"
#include "store/entity_store.h"
#include "store/rocksdb_kv_store.h"
#include "tools/bench/phases.h"
#include "tools/cli/record_file.h"

namespace mdhub::bench {
namespace {

// Outcomes of a phase: a run over records already resolved measures the unchanged path only.
struct Outcomes {
  std::atomic<int64_t> created{0}, updated{0}, unchanged{0}, errors{0};
  void Count(const absl::StatusOr<resolver::MutationOutcome>& o) {
    if (!o.ok()) {
      errors.fetch_add(1);
    } else if (o->kind == resolver::MutationOutcome::kCreated) {
      created.fetch_add(1);
    } else if (o->kind == resolver::MutationOutcome::kUpdated) {
      updated.fetch_add(1);
    } else {
      unchanged.fetch_add(1);
    }
  }
  std::string Describe() const {
    return absl::StrCat(created.load(), " created, ", updated.load(), " updated, ",
                        unchanged.load(), " unchanged, ", errors.load(), " errors");
  }
};

struct Latencies {
  std::vector<double> us;
  double Percentile(double p) {
    if (us.empty()) return 0;
    std::sort(us.begin(), us.end());
    return us[std::min(us.size() - 1, static_cast<size_t>(us.size() * p))];
  }
};

// CPU seconds (user + system) the process has used, over all its threads.
double ProcessCpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

store::AuditEntry BenchAudit() {
  store::AuditEntry e;
  e.set_agency("bench");
  e.set_method("mdhub_bench resolve");
  return e;
}

}  // namespace

int ResolveBench(const ResolveBenchOptions& o) {
  auto config = services::ServerConfig::Load(o.server_config);
  if (!config.ok()) return Fail(config.status());
  auto profiles = services::LoadProfiles(config->resolution);
  if (!profiles.ok()) return Fail(profiles.status());
  if (profiles->person == nullptr) {
    return Fail(absl::FailedPreconditionError(
        absl::StrCat(o.server_config, " has no [resolution] person profile")));
  }
  auto mapping = cli::RecordMapping::Load(o.mapping);
  if (!mapping.ok()) return Fail(mapping.status());
  auto reader = cli::RecordFileReader::Open(o.file, *mapping);
  if (!reader.ok()) return Fail(reader.status());
  std::vector<resolver::Mutation> mutations;
  v1::SourceRecord record;
  for (int skipped = 0; static_cast<int>(mutations.size()) < 2 * o.records;) {
    auto more = (*reader)->Next(&record);
    if (!more.ok()) return Fail(more.status());
    if (!*more) break;
    if (skipped < o.skip) {
      ++skipped;
      continue;
    }
    auto m = services::internal::ToUpsert(record, store::PERSON, "record");
    if (!m.ok()) return Fail(m.status());
    mutations.push_back(*std::move(m));
  }
  if (static_cast<int>(mutations.size()) < 2 * o.records) {
    return Fail(absl::InvalidArgumentError(
        absl::StrCat(o.file, " holds ", mutations.size(), " records after the ", o.skip,
                     " skipped; the two phases need ", 2 * o.records)));
  }

  // Measure the steady state, not the background compaction a bulk load leaves behind.
  if (o.compact) {
    const absl::Time compact_start = absl::Now();
    if (absl::Status s = store::CompactRocksDb(config->db_path()); !s.ok()) return Fail(s);
    std::printf("compacted the store first in %.1f s\n",
                absl::ToDoubleSeconds(absl::Now() - compact_start));
  }
  RealClock clock;
  auto kv = store::OpenRocksDb(config->store_options());
  if (!kv.ok()) return Fail(kv.status());
  auto entities = store::EntityStore::Open(**kv, clock);
  if (!entities.ok()) return Fail(entities.status());
  auto audit = store::AuditLog::Open(**kv, clock);
  if (!audit.ok()) return Fail(audit.status());
  resolver::RecordResolver resolver(**entities, audit->get(), profiles->view());
  if (o.warm) {
    const absl::Time warm_start = absl::Now();
    int64_t keys = 0;
    std::map<char, std::pair<int64_t, int64_t>> by_table;  // tag -> keys, bytes
    auto it = (*kv)->Scan("", "");
    for (; it->Valid(); it->Next()) {
      ++keys;
      auto& t = by_table[it->key()[0]];
      ++t.first;
      t.second += static_cast<int64_t>(it->key().size() + it->value().size());
    }
    if (!it->status().ok()) return Fail(it->status());
    std::printf("read %lld keys to warm the block cache (cache_mb=%lld) in %.1f s; by table:",
                static_cast<long long>(keys), static_cast<long long>(config->cache_mb),
                absl::ToDoubleSeconds(absl::Now() - warm_start));
    for (const auto& [tag, t] : by_table) {
      std::printf(" %c %lld keys %.0f MB;", tag, static_cast<long long>(t.first), t.second / 1e6);
    }
    std::printf("\n");
  }
  std::printf("store %s, sync_writes=%s; %d records per phase from %s\n",
              config->db_path().c_str(), config->sync_writes ? "true" : "false", o.records,
              o.file.c_str());

  // Standardisation alone (it runs on the callers' threads, before the serial commit).
  {
    const double cpu = ProcessCpuSeconds();
    for (int i = 0; i < o.records; ++i) {
      store::Record copy = mutations[i].record;
      resolver::internal::PrepareForMatching(*profiles->person, copy);
    }
    std::printf("standardising alone: %.0f us CPU per record\n",
                1e6 * (ProcessCpuSeconds() - cpu) / o.records);
  }
  // The share of a phase's wall time that the serial commit section was busy.
  auto commit_busy = [&resolver](double commit_before, double seconds) {
    return 100 * (resolver.planning_stats().commit_seconds - commit_before) / seconds;
  };
  // Phase 1: one record per transaction, from several threads (none: skipped).
  if (o.threads > 0) {
    const double commit_before = resolver.planning_stats().commit_seconds;
    const double cpu = ProcessCpuSeconds();
    std::vector<Latencies> per_thread(o.threads);
    std::atomic<int> next{0};
    Outcomes outcomes;
    const absl::Time start = absl::Now();
    std::vector<std::thread> workers;
    for (int t = 0; t < o.threads; ++t) {
      workers.emplace_back([&, t] {
        for (int i; (i = next.fetch_add(1)) < o.records;) {
          store::AuditEntry entry = BenchAudit();
          const absl::Time s = absl::Now();
          auto out = resolver.Apply(mutations[i], "record", &entry);
          per_thread[t].us.push_back(absl::ToDoubleMicroseconds(absl::Now() - s));
          outcomes.Count(out);
        }
      });
    }
    for (auto& w : workers) w.join();
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    Latencies all;
    for (auto& l : per_thread) all.us.insert(all.us.end(), l.us.begin(), l.us.end());
    std::printf("one record per transaction, %d threads: %.0f records/s, p50 %.0f us, p99 %.0f us, "
                "%.0f us CPU per record, commit section busy %.0f%% (%s)\n",
                o.threads, o.records / seconds, all.Percentile(0.5), all.Percentile(0.99),
                1e6 * (ProcessCpuSeconds() - cpu) / o.records, commit_busy(commit_before, seconds),
                outcomes.Describe().c_str());
  }
  // Phase 2: batches, one transaction each, from `streams` concurrent submitters.
  {
    std::vector<Latencies> per_stream(o.streams);
    Outcomes outcomes;
    absl::Status failed;
    absl::Mutex failed_mu;
    std::atomic<int> next{o.records};
    const double commit_before = resolver.planning_stats().commit_seconds;
    const double cpu = ProcessCpuSeconds();
    const absl::Time start = absl::Now();
    std::vector<std::thread> streams;
    for (int t = 0; t < o.streams; ++t) {
      streams.emplace_back([&, t] {
        for (int i; (i = next.fetch_add(o.batch)) < 2 * o.records;) {
          std::vector<resolver::Mutation> batch(
              mutations.begin() + i, mutations.begin() + std::min(i + o.batch, 2 * o.records));
          store::AuditEntry entry = BenchAudit();
          const absl::Time s = absl::Now();
          auto out = resolver.ApplyBatch(batch, "record", &entry);
          per_stream[t].us.push_back(absl::ToDoubleMicroseconds(absl::Now() - s));
          if (!out.ok()) {
            absl::MutexLock lock(&failed_mu);
            failed = out.status();
            return;
          }
          for (const auto& r : *out) outcomes.Count(r);
        }
      });
    }
    for (auto& s : streams) s.join();
    if (!failed.ok()) return Fail(failed);
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    Latencies per_batch;
    for (auto& l : per_stream) per_batch.us.insert(per_batch.us.end(), l.us.begin(), l.us.end());
    std::printf("batches of %d per transaction, %d streams: %.0f records/s, batch p50 %.0f us, "
                "p99 %.0f us, %.0f us CPU per record, commit section busy %.0f%% (a record waits "
                "at most its batch; %s)\n",
                o.batch, o.streams, o.records / seconds, per_batch.Percentile(0.5),
                per_batch.Percentile(0.99), 1e6 * (ProcessCpuSeconds() - cpu) / o.records,
                commit_busy(commit_before, seconds), outcomes.Describe().c_str());
  }
  const resolver::RecordResolver::PlanningStats planning = resolver.planning_stats();
  std::printf("links planned ahead of the write: %lld, of which %lld still current at the write\n",
              static_cast<long long>(planning.planned_ahead),
              static_cast<long long>(planning.used));
  return 0;
}

}  // namespace mdhub::bench

// mdhub import: loads source records from CSV / JSON Lines files, either through mdhubd's
// streaming SubmitRecords call (the normal way) or, with --data-dir, straight into the store of a
// stopped server. Rejected rows are reported as FILE:LINE: problem; accepted ones stay accepted.
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "resolver/record_resolver.h"
#include "services/config.h"
#include "services/internal/mapping.h"
#include "store/audit_log.h"
#include "store/rocksdb_kv_store.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/record_file.h"
#include "tools/cli/registry_client.h"

namespace mdhub::cli {
namespace {

constexpr size_t kLocalBatch = 128;

struct ImportArgs {
  ClientOptions client;
  std::string mapping;
  std::vector<std::string> files;
  std::string data_dir;
  // Offline: the server's configuration, for its data directory and matching profiles.
  std::string server_config;
  bool quiet = false;
};

// Counts outcomes, prints rejections and shows progress. Thread-safe.
class Tally {
 public:
  explicit Tally(bool quiet) : quiet_(quiet), start_(absl::Now()), last_(start_) {}

  void Result(const v1::MutationResult& r) {
    absl::MutexLock lock(&mu_);
    if (r.has_error()) {
      ++rejected_;
      std::fprintf(stderr, "%s: %s\n", r.client_tag().c_str(), r.error().message().c_str());
    } else {
      switch (r.result().outcome()) {
        case v1::SubmitResult::CREATED:
          ++created_;
          break;
        case v1::SubmitResult::UPDATED:
          ++updated_;
          break;
        default:
          ++unchanged_;
      }
    }
    MaybeProgress();
  }
  void Unreadable(const absl::Status& s) {
    absl::MutexLock lock(&mu_);
    ++rejected_;
    std::fprintf(stderr, "%s\n", std::string(s.message()).c_str());
  }
  int64_t accepted() const {
    absl::MutexLock lock(&mu_);
    return created_ + updated_ + unchanged_;
  }
  int64_t rejected() const {
    absl::MutexLock lock(&mu_);
    return rejected_;
  }
  void Summary() const {
    absl::MutexLock lock(&mu_);
    const double secs = absl::ToDoubleSeconds(absl::Now() - start_);
    const int64_t done = created_ + updated_ + unchanged_ + rejected_;
    std::fprintf(stderr,
                 "imported %lld records in %.1f s (%.0f records/s): %lld created, %lld updated, "
                 "%lld unchanged, %lld rejected\n",
                 static_cast<long long>(done), secs, secs > 0 ? done / secs : 0.0,
                 static_cast<long long>(created_), static_cast<long long>(updated_),
                 static_cast<long long>(unchanged_), static_cast<long long>(rejected_));
  }

 private:
  void MaybeProgress() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    const absl::Time now = absl::Now();
    if (quiet_ || now - last_ < absl::Seconds(1)) return;
    last_ = now;
    const int64_t done = created_ + updated_ + unchanged_ + rejected_;
    std::fprintf(stderr, "… %lld records (%.0f/s), %lld rejected\n", static_cast<long long>(done),
                 done / absl::ToDoubleSeconds(now - start_), static_cast<long long>(rejected_));
  }

  const bool quiet_;
  const absl::Time start_;
  mutable absl::Mutex mu_;
  absl::Time last_ ABSL_GUARDED_BY(mu_);
  int64_t created_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t updated_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t unchanged_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t rejected_ ABSL_GUARDED_BY(mu_) = 0;
};

// Calls emit(record, "file:line") for every readable record of every file.
template <typename Emit>
absl::Status ReadAll(const ImportArgs& a, const RecordMapping& mapping, Tally& tally, Emit emit) {
  for (const std::string& path : a.files) {
    auto reader = RecordFileReader::Open(path, mapping);
    if (!reader.ok()) return reader.status();
    v1::SourceRecord record;
    for (;;) {
      auto more = (*reader)->Next(&record);
      if (!more.ok()) {
        tally.Unreadable(more.status());
        continue;
      }
      if (!*more) break;
      if (!emit(record, absl::StrCat(path, ":", (*reader)->line()))) {
        return absl::UnavailableError("the server stopped accepting records");
      }
    }
  }
  return absl::OkStatus();
}

int ImportRemote(const ImportArgs& a, const RecordMapping& mapping, Tally& tally) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  RegistryClient client(*channel, mapping.kind);
  grpc::ClientContext context;
  PrepareContext(a.client, &context, /*streaming=*/true);
  auto stream = client.SubmitRecords(&context);
  int64_t answered = 0;  // by the results thread until it is joined
  std::thread results([&] {
    v1::MutationResult r;
    while (stream->Read(&r)) {
      tally.Result(r);
      ++answered;
    }
  });
  v1::RecordMutation m;
  int64_t sent = 0;
  absl::Status read = ReadAll(a, mapping, tally, [&](const v1::SourceRecord& rec, std::string tag) {
    *m.mutable_upsert()->mutable_record() = rec;
    m.set_client_tag(std::move(tag));
    if (!stream->Write(m)) return false;
    ++sent;
    return true;
  });
  stream->WritesDone();
  results.join();
  grpc::Status s = stream->Finish();
  if (!s.ok()) return ReportError(s);
  if (!read.ok()) return ReportError(read);
  // The server answers every record it reads; one it could not read ends its side of the stream
  // as if the upload were complete, and the records after it would be lost without a word.
  if (answered != sent) {
    return ReportError(absl::DataLossError(absl::StrCat(
        "the server answered ", answered, " of the ", sent,
        " records sent and ended the upload; the unanswered ones may not have been imported")));
  }
  return 0;
}

int ImportLocal(const ImportArgs& a, const RecordMapping& mapping, Tally& tally) {
  RealClock clock;
  // Resolution as the server does it: with its matching profile when its config names one.
  std::string data_dir = a.data_dir;
  store::RocksDbOptions store_options;  // the server's cache size, when its config is given
  services::LoadedProfiles profiles;
  if (!a.server_config.empty()) {
    auto config = services::ServerConfig::Load(a.server_config);
    if (!config.ok()) return ReportError(config.status());
    if (data_dir.empty()) data_dir = config->data_dir;
    store_options = config->store_options();
    auto loaded = services::LoadProfiles(config->resolution);
    if (!loaded.ok()) return ReportError(loaded.status());
    profiles = *std::move(loaded);
  }
  const store::Kind kind = services::internal::ToStoreKind(mapping.kind);
  if ((profiles.view().person == nullptr && kind == store::PERSON) ||
      (profiles.view().legal_entity == nullptr && kind == store::LEGAL_ENTITY)) {
    std::fprintf(stderr,
                 "note: no matching profile; records link only through shared identifiers. Pass "
                 "--server-config with the server's config to link them as the server does.\n");
  }
  store_options.path = data_dir + "/db";
  store_options.sync_writes = true;
  auto kv = store::OpenRocksDb(store_options);
  if (!kv.ok()) return ReportError(kv.status());
  auto entities = store::EntityStore::Open(**kv, clock);
  if (!entities.ok()) return ReportError(entities.status());
  auto audit = store::AuditLog::Open(**kv, clock);
  if (!audit.ok()) return ReportError(audit.status());
  resolver::RecordResolver resolver(**entities, nullptr, profiles.view());
  std::vector<resolver::Mutation> batch;
  std::vector<std::string> tags;
  absl::Status failure;
  auto flush = [&]() {
    auto outcomes = resolver.ApplyBatch(batch, "record");
    if (!outcomes.ok()) {
      failure = outcomes.status();
      return false;
    }
    for (size_t i = 0; i < outcomes->size(); ++i) {
      v1::MutationResult r;
      r.set_client_tag(tags[i]);
      const auto& o = (*outcomes)[i];
      if (o.ok()) {
        services::internal::ToApi(*o, r.mutable_result());
      } else {
        r.mutable_error()->set_code(static_cast<int>(o.status().code()));
        r.mutable_error()->set_message(std::string(o.status().message()));
      }
      tally.Result(r);
    }
    batch.clear();
    tags.clear();
    return true;
  };
  absl::Status read = ReadAll(a, mapping, tally, [&](const v1::SourceRecord& rec, std::string tag) {
    auto m = services::internal::ToUpsert(rec, kind, "record");
    if (!m.ok()) {
      tally.Unreadable(absl::InvalidArgumentError(absl::StrCat(tag, ": ", m.status().message())));
      return true;
    }
    batch.push_back(*std::move(m));
    tags.push_back(std::move(tag));
    return batch.size() < kLocalBatch || flush();
  });
  if (read.ok() && failure.ok() && !batch.empty()) flush();
  if (!failure.ok()) return ReportError(failure);
  if (!read.ok()) return ReportError(read);
  // Offline imports bypass the server, so they leave their own audit entry.
  store::AuditEntry entry;
  const char* user = std::getenv("USER");
  entry.set_agency("local");
  entry.set_end_user(user != nullptr ? user : "");
  entry.set_method("mdhub import --data-dir");
  entry.add_touched(absl::StrCat(tally.accepted(), " records accepted from ", a.files.size(),
                                 " files into ", mapping.source));
  if (auto s = (*audit)->Append(entry); !s.ok()) return ReportError(s.status());
  return 0;
}

int RunImport(const ImportArgs& a) {
  auto mapping = RecordMapping::Load(a.mapping);
  if (!mapping.ok()) return ReportError(mapping.status());
  Tally tally(a.quiet || !isatty(STDERR_FILENO));
  const bool offline = !a.data_dir.empty() || !a.server_config.empty();
  int code = offline ? ImportLocal(a, *mapping, tally) : ImportRemote(a, *mapping, tally);
  tally.Summary();
  if (code == 0 && tally.rejected() > 0) code = 5;
  return code;
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Load source records from CSV or JSON Lines (.jsonl) files through a column mapping file "
      "(see docs/examples/). Streams to mdhubd, or with --data-dir writes straight into a stopped "
      "server's store. Rejected rows are listed as FILE:LINE: problem; exit code 5 when any was.");
  cmd->add_option("--mapping", a->mapping, "column mapping file (TOML)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("files", a->files, "CSV or JSON Lines files")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--data-dir", a->data_dir,
                  "import offline into this data directory instead of through the server");
  cmd->add_option("--server-config", a->server_config,
                  "import offline as the (stopped) server configured by this file would: into "
                  "its data_dir (unless --data-dir) with its [resolution] matching profiles")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--quiet", a->quiet, "no progress lines");
  a->client.AddTo(*cmd);
  cmd->callback([a, exit_code] { *exit_code = RunImport(*a); });
}

}  // namespace mdhub::cli

#include "geo/transfer.h"

#include <optional>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace mdhub::geo {
namespace {

constexpr size_t kMaxRejections = 100;
constexpr int kExportPage = 1000;

void Reject(absl::Status s, ImportSummary* summary) {
  ++summary->rejected;
  if (summary->rejections.size() < kMaxRejections) summary->rejections.push_back(std::move(s));
}

WriteOptions ToWriteOptions(const ImportOptions& options) {
  WriteOptions write;
  write.repair_invalid = options.repair_invalid;
  write.field_prefix = "feature";
  return write;
}

// Commits one validated batch and adds its outcomes to the summary.
absl::Status Commit(OneMap& map, OneMap::PreparedWrite batch, std::vector<int64_t>& indexes,
                    const ImportOptions& options, const store::AuditEntry* audit,
                    ImportSummary* summary) {
  std::optional<store::AuditEntry> entry;
  if (audit != nullptr) entry = *audit;
  auto results = map.Commit(std::move(batch), ToWriteOptions(options), entry ? &*entry : nullptr);
  if (!results.ok()) return results.status();
  for (size_t i = 0; i < results->size(); ++i) {
    const auto& r = (*results)[i];
    if (!r.ok()) {
      // "feature: ..." -> "feature[<index in the file>]: ..."
      std::string msg(r.status().message());
      if (msg.rfind("feature", 0) == 0) msg = absl::StrCat("feature[", indexes[i], "]", msg.substr(7));
      Reject(absl::Status(r.status().code(), msg), summary);
      continue;
    }
    switch (r->outcome) {
      case FeatureWriteResult::kCreated: ++summary->created; break;
      case FeatureWriteResult::kUpdated: ++summary->updated; break;
      case FeatureWriteResult::kDeleted: ++summary->deleted; break;
      default: ++summary->unchanged; break;
    }
    summary->change_sequence = std::max(summary->change_sequence, r->change_sequence);
  }
  indexes.clear();
  return absl::OkStatus();
}

// Validates and commits one batch.
absl::Status Flush(OneMap& map, std::vector<FeatureMutation>& batch,
                   std::vector<int64_t>& indexes, const ImportOptions& options,
                   const store::AuditEntry* audit, ImportSummary* summary) {
  if (batch.empty()) return absl::OkStatus();
  absl::StatusOr<OneMap::PreparedWrite> prepared =
      map.PrepareWrite(std::move(batch), ToWriteOptions(options));
  batch.clear();
  if (!prepared.ok()) return prepared.status();
  return Commit(map, *std::move(prepared), indexes, options, audit, summary);
}

void Merge(ImportSummary& from, ImportSummary* into) {
  into->created += from.created;
  into->updated += from.updated;
  into->unchanged += from.unchanged;
  into->deleted += from.deleted;
  for (absl::Status& s : from.rejections) Reject(std::move(s), into);
  into->rejected += from.rejected - static_cast<int64_t>(from.rejections.size());
  into->change_sequence = std::max(into->change_sequence, from.change_sequence);
}

// Commits batches on a second thread while the caller reads and validates the next one. The
// thread lives as long as the writer (a thread per batch cost the writer, the import's critical
// path, a new stack and new thread-local state every 2,000 features).
class BatchWriter {
 public:
  BatchWriter(OneMap& map, const ImportOptions& options, const store::AuditEntry* audit,
              ImportSummary* summary)
      : map_(map), options_(options), audit_(audit), summary_(summary),
        thread_([this] { Run(); }) {}
  ~BatchWriter() {
    (void)Wait();
    {
      absl::MutexLock lock(&mu_);
      stop_ = true;
    }
    thread_.join();
  }

  // Validates this batch, waits for the batch in flight, then starts committing this one.
  absl::Status Submit(std::vector<FeatureMutation>& batch, std::vector<int64_t>& indexes) {
    if (batch.empty()) return Wait();
    absl::StatusOr<OneMap::PreparedWrite> prepared =
        map_.PrepareWrite(std::move(batch), ToWriteOptions(options_));
    batch.clear();
    if (absl::Status s = Wait(); !s.ok()) return s;
    if (!prepared.ok()) return prepared.status();
    absl::MutexLock lock(&mu_);
    next_ = Job{*std::move(prepared), std::move(indexes)};
    indexes.clear();
    return absl::OkStatus();
  }
  // Waits for the batch in flight and adds its outcomes to the summary.
  absl::Status Wait() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BatchWriter::Idle));
    Merge(local_, summary_);
    local_ = ImportSummary();
    return std::exchange(status_, absl::OkStatus());
  }

 private:
  struct Job {
    OneMap::PreparedWrite batch;
    std::vector<int64_t> indexes;
  };

  bool Idle() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return !next_.has_value() && !busy_; }
  bool JobOrStop() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return next_.has_value() || stop_; }

  void Run() {
    for (;;) {
      std::optional<Job> job;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(this, &BatchWriter::JobOrStop));
        if (!next_.has_value()) return;  // stopped
        job = std::exchange(next_, std::nullopt);
        busy_ = true;
      }
      ImportSummary done;
      absl::Status s = Commit(map_, std::move(job->batch), job->indexes, options_, audit_, &done);
      job.reset();  // freed off the caller's thread
      absl::MutexLock lock(&mu_);
      Merge(done, &local_);
      status_.Update(s);
      busy_ = false;
    }
  }

  OneMap& map_;
  const ImportOptions& options_;
  const store::AuditEntry* audit_;
  ImportSummary* summary_;
  absl::Mutex mu_;
  std::optional<Job> next_ ABSL_GUARDED_BY(mu_);  // waiting for the thread
  bool busy_ ABSL_GUARDED_BY(mu_) = false;        // the thread commits a batch
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  ImportSummary local_ ABSL_GUARDED_BY(mu_);      // of the batches committed since Wait
  absl::Status status_ ABSL_GUARDED_BY(mu_);      // their first error
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace

absl::StatusOr<ImportSummary> ImportFile(OneMap& map, const std::string& layer_id,
                                         const std::string& path, FileFormat format,
                                         const ImportOptions& options,
                                         const store::AuditEntry* audit) {
  auto reader = FeatureReader::Open(path, format, options.read);
  if (!reader.ok()) return reader.status();
  absl::StatusOr<Crs> file_crs = Crs::Parse((*reader)->crs());
  if (!file_crs.ok()) return file_crs.status();
  if (options.create_layer) {
    store::Layer layer = *options.create_layer;
    layer.set_id(layer_id);
    if (layer.schema_size() == 0) {
      for (const store::PropertyDef& def : (*reader)->schema()) *layer.add_schema() = def;
    }
    if (layer.geometry_type() == store::GEOMETRY_TYPE_UNSPECIFIED) {
      layer.set_geometry_type((*reader)->geometry_type());
    }
    if (layer.epsg() == 0) layer.set_epsg(file_crs->epsg());
    std::optional<store::AuditEntry> entry;
    if (audit != nullptr) entry = *audit;
    auto created = map.CreateLayer(std::move(layer), entry ? &*entry : nullptr);
    if (!created.ok()) return created.status();
  }
  if (auto info = map.Info(layer_id); !info.ok()) return info.status();

  ImportSummary summary;
  absl::flat_hash_set<std::string> seen;
  std::vector<FeatureMutation> batch;
  std::vector<int64_t> indexes;
  const int64_t total = (*reader)->feature_count();
  BatchWriter writer(map, options, audit, &summary);
  SourceFeature f;
  for (;;) {
    absl::StatusOr<bool> more = (*reader)->Next(&f);
    if (!more.ok()) {
      ++summary.features_read;
      Reject(more.status(), &summary);
      continue;
    }
    if (!*more) break;
    ++summary.features_read;
    if (options.replace) seen.insert(f.feature_id);
    FeatureMutation m;
    m.layer_id = layer_id;
    m.feature_id = f.feature_id;
    m.crs = file_crs->name();
    m.properties = std::move(f.properties);
    m.valid_from = options.valid_from;
    if (!f.wkb.empty()) {
      absl::StatusOr<Geometry> g = Geometry::FromWkb(f.wkb);
      if (!g.ok()) {
        Reject(absl::InvalidArgumentError(absl::StrCat("feature[", f.index, "].geometry: ",
                                                       g.status().message())),
               &summary);
        continue;
      }
      m.geometry = *std::move(g);
    }
    batch.push_back(std::move(m));
    indexes.push_back(f.index);
    if (static_cast<int>(batch.size()) >= options.batch_size) {
      if (absl::Status s = writer.Submit(batch, indexes); !s.ok()) return s;
      if (options.progress) options.progress(summary.features_read, total);
    }
  }
  if (absl::Status s = writer.Submit(batch, indexes); !s.ok()) return s;
  if (absl::Status s = writer.Wait(); !s.ok()) return s;
  if (options.replace) {
    // Delete the layer's features the file did not hold.
    std::vector<std::string> gone;
    absl::Status s = map.features().ScanFeatures(layer_id, "", nullptr, [&](const store::Feature& cur) {
      if (!seen.contains(cur.feature_id())) gone.push_back(cur.feature_id());
      return true;
    });
    if (!s.ok()) return s;
    for (const std::string& id : gone) {
      FeatureMutation del;
      del.is_delete = true;
      del.layer_id = layer_id;
      del.feature_id = id;
      batch.push_back(std::move(del));
      indexes.push_back(-1);
      if (static_cast<int>(batch.size()) >= options.batch_size) {
        if (absl::Status fs = Flush(map, batch, indexes, options, audit, &summary); !fs.ok()) return fs;
      }
    }
    if (absl::Status fs = Flush(map, batch, indexes, options, audit, &summary); !fs.ok()) return fs;
  }
  if (options.progress) options.progress(summary.features_read, total);
  return summary;
}

absl::StatusOr<int64_t> ExportFile(const OneMap& map, const std::string& layer_id,
                                   const std::string& path, FileFormat format,
                                   const ExportOptions& options) {
  auto info = map.Info(layer_id);
  if (!info.ok()) return info.status();
  const store::Layer& layer = (*info)->layer;
  std::string crs = (*info)->crs.name();
  if (!options.output.crs.empty()) {
    absl::StatusOr<Crs> out = Crs::Parse(options.output.crs);
    if (!out.ok()) return absl::InvalidArgumentError(absl::StrCat("output_crs: ", out.status().message()));
    crs = out->name();
  }
  std::vector<store::PropertyDef> schema;
  for (const store::PropertyDef& def : layer.schema()) {
    if (options.output.properties.empty() ||
        std::find(options.output.properties.begin(), options.output.properties.end(), def.name()) !=
            options.output.properties.end()) {
      schema.push_back(def);
    }
  }
  auto writer = FeatureWriter::Create(path, format, layer.id(), crs, layer.geometry_type(), schema);
  if (!writer.ok()) return writer.status();
  SpatialQuery q;
  q.layer_id = layer_id;
  q.as_of = options.as_of;
  q.filters = options.filters;
  q.page_size = kExportPage;
  if (options.bbox) {
    q.op = SpatialQuery::Op::kBbox;
    q.bbox = *options.bbox;
    q.crs = crs;
  }
  OutputOptions output = options.output;
  output.simplify_tolerance = 0;
  output.omit_geometry = false;
  int64_t written = 0;
  for (;;) {
    absl::StatusOr<QueryResult> page = RunQuery(map, q);
    if (!page.ok()) return page.status();
    for (QueryHit& hit : page->hits) {
      if (absl::Status s = ShapeForOutput(**info, output, *hit.feature); !s.ok()) return s;
      if (absl::Status s = (*writer)->Write(hit.feature->feature_id(), hit.feature->wkb(),
                                            hit.feature->properties());
          !s.ok()) {
        return s;
      }
      ++written;
    }
    if (options.progress) options.progress(written);
    if (page->next_page_token.empty()) break;
    q.page_token = page->next_page_token;
  }
  if (absl::Status s = (*writer)->Close(); !s.ok()) return s;
  return written;
}

}  // namespace mdhub::geo

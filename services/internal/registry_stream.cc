// The streaming calls of Registry: batched submission and the change feed.
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/internal/mapping.h"
#include "services/internal/registry.h"
#include "services/internal/stream_queue.h"

namespace mdhub::services::internal {
namespace {

constexpr size_t kMaxBatch = 512;
constexpr size_t kMaxQueued = 4096;
constexpr int kWatchPage = 256;
constexpr absl::Duration kWatchPoll = absl::Seconds(1);

}  // namespace

absl::Status Registry::SubmitStream(
    CallScope& call,
    grpc::ServerReaderWriterInterface<v1::MutationResult, v1::RecordMutation>* stream) const {
  StreamQueue<v1::RecordMutation> queue(kMaxQueued);
  std::thread reader = queue.ReadAll(stream);
  absl::Status failure;
  int64_t applied = 0;
  for (;;) {
    std::vector<v1::RecordMutation> batch = queue.TakeBatch(kMaxBatch);
    if (batch.empty()) break;
    std::vector<v1::MutationResult> results(batch.size());
    std::vector<resolver::Mutation> mutations;
    std::vector<size_t> index;  // mutations[i] answers batch[index[i]]
    for (size_t i = 0; i < batch.size(); ++i) {
      const v1::RecordMutation& in = batch[i];
      results[i].set_client_tag(in.client_tag());
      absl::StatusOr<resolver::Mutation> m;
      if (in.has_upsert()) {
        m = in.upsert().has_record()
                ? ToUpsert(in.upsert().record(), kind_, "upsert.record")
                : absl::InvalidArgumentError("upsert.record: is required");
      } else if (in.has_delete_()) {
        m = ToDelete(in.delete_(), "delete");
      } else {
        m = absl::InvalidArgumentError("mutation: set upsert or delete");
      }
      if (m.ok()) {
        absl::Status valid = resolver::RecordResolver::Validate(
            *m, in.has_upsert() ? "upsert.record" : "delete");
        if (!valid.ok()) m = valid;
      }
      if (m.ok()) {
        absl::Status allowed =
            call.backend().policy.AuthorizeWrite(call.caller().agency, m->record.source());
        if (!allowed.ok()) m = allowed;
      }
      if (!m.ok()) {
        SetError(m.status(), results[i].mutable_error());
        continue;
      }
      mutations.push_back(*std::move(m));
      index.push_back(i);
    }
    // Each committed batch carries its own audit entry; the call's summary follows at the end.
    store::AuditEntry audit = call.PendingAuditEntry();
    auto outcomes = call.backend().resolver.ApplyBatch(mutations, "upsert.record", &audit);
    if (!outcomes.ok()) {
      failure = outcomes.status();  // nothing of this batch was written
      break;
    }
    for (size_t j = 0; j < outcomes->size(); ++j) {
      v1::MutationResult& r = results[index[j]];
      const auto& o = (*outcomes)[j];
      if (o.ok()) {
        ToApi(*o, r.mutable_result());
        ++applied;
      } else {
        SetError(o.status(), r.mutable_error());
      }
    }
    bool client_gone = false;
    for (size_t i = 0; i < results.size() && !client_gone; ++i) {
      client_gone = !stream->Write(results[i]);
    }
    if (client_gone) {
      failure = absl::CancelledError("client stopped reading results");
      break;
    }
  }
  reader.join();  // Read() returns false once the call ends
  call.Touch(absl::StrCat(applied, " mutations applied"));
  return failure;
}

absl::Status Registry::Watch(CallScope& call, grpc::ServerContext& context,
                             const v1::WatchChangesRequest& request,
                             grpc::ServerWriterInterface<v1::ChangeEvent>* writer) const {
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (ToStoreKind(request.kinds(i)) != kind_) {
      return absl::InvalidArgumentError(absl::StrCat(
          "kinds[", i, "]: this service streams only ", store::Kind_Name(kind_), " changes"));
    }
  }
  if (request.after_sequence() < 0) {
    return absl::InvalidArgumentError("after_sequence: must not be negative");
  }
  store::EntityStore& entities = call.backend().entities;
  int64_t after = request.after_sequence();
  int64_t sent = 0;
  const absl::Time deadline = absl::FromChrono(context.deadline());
  while (!context.IsCancelled()) {
    auto events = entities.ReadChanges(after, kWatchPage);
    if (!events.ok()) return events.status();
    for (const store::ChangeEvent& e : *events) {
      after = e.sequence();
      if (e.kind() != kind_) continue;
      v1::ChangeEvent out;
      ToApi(e, &out);
      if (!writer->Write(out)) return absl::CancelledError("client went away");
      ++sent;
    }
    if (static_cast<int>(events->size()) == kWatchPage) continue;
    if (absl::Now() >= deadline) break;
    entities.AwaitChange(after, std::min(deadline, absl::Now() + kWatchPoll));
  }
  call.Touch(absl::StrCat(sent, " changes sent, up to sequence ", after));
  if (context.IsCancelled()) return absl::CancelledError("watch cancelled by the client");
  return absl::DeadlineExceededError(absl::StrCat("watch deadline reached after sequence ", after));
}

}  // namespace mdhub::services::internal

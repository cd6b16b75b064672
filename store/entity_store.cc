#include "store/entity_store.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "store/internal/codec.h"
#include "store/internal/keys.h"
#include "store/internal/tracked_txn.h"
#include "store/internal/versions.h"

namespace mdhub::store {
namespace {

using internal::Decode;
using internal::Encode;

constexpr int kMaxRedirects = 16;
constexpr int kMaxWriteAttempts = 8;
constexpr absl::string_view kChangeSeqMeta = "change_seq";
constexpr absl::string_view kLastTimeMeta = "last_time_us";

std::string EncodeInt(int64_t v) {
  std::string s;
  keys::AppendBigEndian64(static_cast<uint64_t>(v), &s);
  return s;
}

absl::StatusOr<int64_t> ReadIntMeta(KvStore& kv, absl::string_view name) {
  absl::StatusOr<std::string> v = kv.Get(keys::Meta(name));
  if (absl::IsNotFound(v.status())) return 0;
  if (!v.ok()) return v.status();
  return static_cast<int64_t>(keys::ReadBigEndian64(*v));
}

// The entity ids that end the identifier-index keys under `prefix`.
absl::StatusOr<std::vector<std::string>> EntityIdsAfter(const std::string& prefix, Iterator& it) {
  std::vector<std::string> ids;
  for (; it.Valid(); it.Next()) ids.emplace_back(it.key().substr(prefix.size()));
  if (!it.status().ok()) return it.status();
  return ids;
}

std::string EntityIdPrefix(Kind kind) {
  switch (kind) {
    case PERSON:
      return "P";
    case LEGAL_ENTITY:
      return "L";
    case SPATIAL_FEATURE:
      return "F";
    default:
      return "X";
  }
}

// Crockford base32, fixed width, so ids sort in creation order within a kind.
std::string Base32(uint64_t v, int width) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string out(width, '0');
  for (int i = width - 1; i >= 0; --i) {
    out[i] = kAlphabet[v & 31];
    v >>= 5;
  }
  return out;
}

bool SameStrings(const google::protobuf::RepeatedPtrField<std::string>& a,
                 const google::protobuf::RepeatedPtrField<std::string>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace

EntityStore::EntityStore(KvStore& kv, const Clock& clock, int64_t last_sequence,
                         int64_t last_time_us)
    : kv_(kv),
      clock_(clock),
      last_sequence_(last_sequence),
      last_time_us_(last_time_us),
      marks_(std::make_unique<internal::WriteMarks>()) {}

EntityStore::~EntityStore() = default;

absl::StatusOr<std::unique_ptr<EntityStore>> EntityStore::Open(KvStore& kv, const Clock& clock) {
  absl::StatusOr<int64_t> seq = ReadIntMeta(kv, kChangeSeqMeta);
  if (!seq.ok()) return seq.status();
  absl::StatusOr<int64_t> last_time = ReadIntMeta(kv, kLastTimeMeta);
  if (!last_time.ok()) return last_time.status();
  return std::unique_ptr<EntityStore>(new EntityStore(kv, clock, *seq, *last_time));
}

absl::StatusOr<Record> EntityStore::GetRecord(absl::string_view source,
                                              absl::string_view record_key,
                                              std::optional<absl::Time> as_of) const {
  if (as_of.has_value()) {
    return internal::VersionAsOf<Record>(
        kv_, keys::RecordVersionPrefix(source, record_key), keys::Record(source, record_key),
        *as_of,
        [](const Record& r) { return r.recorded_at_us(); }, "record");
  }
  absl::StatusOr<std::string> raw = kv_.Get(keys::Record(source, record_key));
  if (absl::IsNotFound(raw.status())) {
    return absl::NotFoundError(absl::StrCat("no record ", source, "/", record_key));
  }
  if (!raw.ok()) return raw.status();
  return Decode<Record>(*raw, "record");
}

absl::StatusOr<Entity> EntityStore::GetEntity(absl::string_view id,
                                              std::optional<absl::Time> as_of) const {
  std::string current(id);
  for (int hop = 0; hop < kMaxRedirects; ++hop) {
    absl::StatusOr<Entity> entity;
    if (as_of.has_value()) {
      entity = internal::VersionAsOf<Entity>(
          kv_, keys::EntityVersionPrefix(current), keys::Entity(current), *as_of,
          [](const Entity& e) { return e.updated_at_us(); }, "entity");
    } else {
      absl::StatusOr<std::string> raw = kv_.Get(keys::Entity(current));
      if (absl::IsNotFound(raw.status())) {
        return absl::NotFoundError(absl::StrCat("no entity ", current));
      }
      if (!raw.ok()) return raw.status();
      entity = Decode<Entity>(*raw, "entity");
    }
    if (!entity.ok() || entity->redirect_to().empty()) return entity;
    current = entity->redirect_to();
  }
  return absl::InternalError(absl::StrCat("redirect chain of entity ", id, " is too long"));
}

absl::StatusOr<std::vector<std::string>> EntityStore::FindByIdentifier(
    Kind kind, absl::string_view type, absl::string_view value) const {
  const std::string prefix = keys::IdentifierPrefix(kind, type, value);
  return EntityIdsAfter(prefix, *kv_.Scan(prefix, keys::PrefixEnd(prefix)));
}

absl::StatusOr<std::vector<std::string>> EntityStore::FindBySearchTerm(Kind kind,
                                                                       absl::string_view term,
                                                                       int limit) const {
  const std::string prefix = keys::SearchTermPrefix(kind, term);
  std::vector<std::string> ids;
  auto it = kv_.Scan(prefix, keys::PrefixEnd(prefix));
  for (; it->Valid() && static_cast<int>(ids.size()) < limit; it->Next()) {
    ids.emplace_back(it->key().substr(prefix.size()));
  }
  if (!it->status().ok()) return it->status();
  return ids;
}

absl::StatusOr<EntityStore::TermPage> EntityStore::ScanSearchTerms(Kind kind,
                                                                   absl::string_view term_prefix,
                                                                   absl::string_view after,
                                                                   int limit) const {
  // Keys are tag, kind, term, separator, entity id: without its separator the prefix matches
  // every term that starts with term_prefix. The token is the last key returned.
  std::string prefix = keys::SearchTermPrefix(kind, term_prefix);
  prefix.pop_back();
  if (!after.empty() && !absl::StartsWith(after, prefix)) {
    return absl::InvalidArgumentError("page token does not belong to this query");
  }
  const std::string start = after.empty() ? prefix : absl::StrCat(after, std::string(1, '\0'));
  TermPage page;
  std::string last;
  auto it = kv_.Scan(start, keys::PrefixEnd(prefix));
  for (; it->Valid(); it->Next()) {
    if (static_cast<int>(page.hits.size()) >= limit) {
      page.next_token = last;
      break;
    }
    absl::string_view key = it->key();
    const size_t sep = key.find('\0', 2);
    if (sep == absl::string_view::npos) continue;
    page.hits.push_back({std::string(key.substr(2, sep - 2)), std::string(key.substr(sep + 1))});
    last = std::string(key);
  }
  if (!it->status().ok()) return it->status();
  return page;
}

absl::StatusOr<std::vector<Entity>> EntityStore::ListEntityVersions(absl::string_view id,
                                                                    int max_versions,
                                                                    int64_t before_version) const {
  const std::string prefix = keys::EntityVersionPrefix(id);
  const std::string end = before_version > 0 ? keys::EntityVersion(id, before_version)
                                             : keys::PrefixEnd(prefix);
  std::vector<Entity> versions;
  auto it = kv_.Scan(prefix, end);
  for (; it->Valid(); it->Next()) {
    absl::StatusOr<Entity> e = Decode<Entity>(it->value(), "entity version");
    if (!e.ok()) return e.status();
    versions.push_back(*std::move(e));
  }
  if (!it->status().ok()) return it->status();
  // The current version lives only under its own key (older stores have it in history too).
  absl::StatusOr<std::string> raw = kv_.Get(keys::Entity(id));
  if (!raw.ok() && !absl::IsNotFound(raw.status())) return raw.status();
  if (raw.ok()) {
    absl::StatusOr<Entity> current = Decode<Entity>(*raw, "entity");
    if (!current.ok()) return current.status();
    const bool in_range = before_version == 0 || current->version() < before_version;
    const bool listed = !versions.empty() && versions.back().version() >= current->version();
    if (in_range && !listed) versions.push_back(*std::move(current));
  }
  if (versions.empty() && before_version == 0) {
    return absl::NotFoundError(absl::StrCat("no entity ", id));
  }
  std::reverse(versions.begin(), versions.end());
  if (static_cast<int>(versions.size()) > max_versions) versions.resize(max_versions);
  return versions;
}

absl::StatusOr<std::vector<ChangeEvent>> EntityStore::ReadChanges(int64_t after_sequence,
                                                                  int max_events) const {
  std::vector<ChangeEvent> events;
  // Only durable changes: a write's changes are visible before its log is synced.
  const int64_t last = LastSequence();
  if (after_sequence >= last) return events;
  auto it = kv_.Scan(keys::Change(after_sequence + 1), keys::Change(last + 1));
  for (; it->Valid() && static_cast<int>(events.size()) < max_events; it->Next()) {
    absl::StatusOr<ChangeEvent> e = Decode<ChangeEvent>(it->value(), "change");
    if (!e.ok()) return e.status();
    events.push_back(*std::move(e));
  }
  if (!it->status().ok()) return it->status();
  return events;
}

int64_t EntityStore::LastSequence() const {
  absl::MutexLock lock(&mu_);
  return last_sequence_;
}

bool EntityStore::AwaitChange(int64_t after_sequence, absl::Time deadline) const {
  absl::MutexLock lock(&mu_);
  auto has_change = [this, after_sequence]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return last_sequence_ > after_sequence;
  };
  mu_.AwaitWithDeadline(absl::Condition(&has_change), deadline);
  return last_sequence_ > after_sequence;
}

absl::StatusOr<EntityStore::CommitInfo> EntityStore::Write(
    absl::FunctionRef<absl::Status(EntityWrite&)> fn, const AuditedBy* audit,
    const std::function<void()>& applied) {
  absl::StatusOr<CommitInfo> info = CommitUnsynced(fn, audit);
  if (!info.ok()) return info.status();
  if (applied) applied();
  // Outside the write lock: the next writer goes on while this one waits for the disk. The log
  // is synced in order, so this makes every earlier write durable too; the change feed shows a
  // change only once it is durable.
  if (absl::Status s = kv_.SyncWrites(); !s.ok()) return s;
  if (info->last_sequence >= info->first_sequence) {
    absl::MutexLock lock(&mu_);
    last_sequence_ = std::max(last_sequence_, info->last_sequence);
  }
  return info;
}

absl::StatusOr<EntityStore::CommitInfo> EntityStore::CommitUnsynced(
    absl::FunctionRef<absl::Status(EntityWrite&)> fn, const AuditedBy* audit) {
  absl::MutexLock writer(&write_mu_);
  const int64_t now_us = std::max(internal::ToMicros(clock_.Now()), last_time_us_);
  absl::Status last_error;
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    std::unique_ptr<Transaction> txn = kv_.BeginTransaction();
    // Reading the counter through the transaction, and writing it back whatever the write does,
    // makes any two concurrent writers (in other processes: a future shared backend) conflict on
    // it. That is why the write's other reads need no conflict check (GetUnchecked).
    absl::StatusOr<std::string> raw_seq = txn->Get(keys::Meta(kChangeSeqMeta));
    int64_t seq = 0;
    if (raw_seq.ok()) {
      seq = static_cast<int64_t>(keys::ReadBigEndian64(*raw_seq));
    } else if (!absl::IsNotFound(raw_seq.status())) {
      return raw_seq.status();
    }
    // Every unit this write touches is marked newer than any view taken before it commits.
    internal::MarkingTransaction marking(*txn, *marks_, seq + 1);
    EntityWrite w(marking, seq, now_us, marks_.get());
    if (absl::Status s = fn(w); !s.ok()) return s;
    for (const auto& [key, value] : w.at_commit_) txn->Put(key, value);
    CommitInfo info;
    txn->Put(keys::Meta(kChangeSeqMeta), EncodeInt(w.sequence_));
    if (w.first_sequence_ > 0) {
      info = {w.first_sequence_, w.sequence_};
      txn->Put(keys::Meta(kLastTimeMeta), EncodeInt(now_us));
    }
    auto commit = [&txn] { return txn->CommitUnsynced(); };
    absl::Status s =
        audit != nullptr ? audit->log.CommitWith(audit->entries, *txn, commit) : commit();
    if (s.ok()) {
      if (w.first_sequence_ > 0) last_time_us_ = now_us;
      return info;
    }
    if (!absl::IsAborted(s)) return s;
    last_error = s;
  }
  return absl::AbortedError(
      absl::StrCat("write kept conflicting with concurrent writers: ", last_error.message()));
}

namespace {

// Reads and decodes `key` through the transaction, once per write: later reads come from `cache`,
// which the write's own puts keep current.
template <typename T>
absl::StatusOr<std::optional<T>> CachedRead(
    Transaction& txn, absl::flat_hash_map<std::string, std::optional<T>>& cache, std::string key,
    absl::string_view what) {
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  absl::StatusOr<std::string> raw = txn.GetUnchecked(key);
  std::optional<T> value;
  if (raw.ok()) {
    absl::StatusOr<T> decoded = Decode<T>(*raw, what);
    if (!decoded.ok()) return decoded.status();
    value = *std::move(decoded);
  } else if (!absl::IsNotFound(raw.status())) {
    return raw.status();
  }
  cache.emplace(std::move(key), value);
  return value;
}

}  // namespace

absl::StatusOr<std::optional<Record>> EntityWrite::GetRecord(absl::string_view source,
                                                             absl::string_view record_key) {
  return CachedRead(txn_, records_, keys::Record(source, record_key), "record");
}

absl::StatusOr<std::optional<Entity>> EntityWrite::GetEntity(absl::string_view id) {
  return CachedRead(txn_, entities_, keys::Entity(id), "entity");
}

absl::StatusOr<std::vector<std::string>> EntityWrite::FindByIdentifier(Kind kind,
                                                                       absl::string_view type,
                                                                       absl::string_view value) {
  const std::string prefix = keys::IdentifierPrefix(kind, type, value);
  return EntityIdsAfter(prefix, *txn_.Scan(prefix, keys::PrefixEnd(prefix)));
}

absl::StatusOr<std::vector<EntityWrite::BlockHit>> EntityWrite::ScanBlock(
    Kind kind, absl::string_view blocking_key, int limit) {
  const std::string prefix = keys::BlockPrefix(kind, blocking_key);
  std::vector<BlockHit> hits;
  auto it = txn_.Scan(prefix, keys::PrefixEnd(prefix));
  for (; it->Valid() && static_cast<int>(hits.size()) <= limit; it->Next()) {
    absl::string_view rest = it->key().substr(prefix.size());
    const size_t sep = rest.find('\0');
    if (sep == absl::string_view::npos) return absl::DataLossError("malformed blocking-index key");
    BlockHit hit;
    hit.record.set_source(std::string(rest.substr(0, sep)));
    hit.record.set_record_key(std::string(rest.substr(sep + 1)));
    if (!hit.entry.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError("malformed blocking-index entry");
    }
    hits.push_back(std::move(hit));
  }
  if (!it->status().ok()) return it->status();
  return hits;
}

absl::StatusOr<std::string> EntityWrite::NewEntityId(Kind kind) {
  const std::string meta = keys::Meta(absl::StrCat("entity_seq/", EntityIdPrefix(kind)));
  auto counter = entity_counters_.find(meta);
  if (counter == entity_counters_.end()) {
    absl::StatusOr<std::string> raw = txn_.GetUnchecked(meta);
    uint64_t n = 0;
    if (raw.ok()) {
      n = keys::ReadBigEndian64(*raw);
    } else if (!absl::IsNotFound(raw.status())) {
      return raw.status();
    }
    counter = entity_counters_.emplace(meta, n).first;
  }
  const uint64_t n = ++counter->second;
  PutAtCommit(meta, EncodeInt(static_cast<int64_t>(n)));
  return absl::StrCat(EntityIdPrefix(kind), Base32(n, 10));
}

int64_t EntityWrite::BeginChange() {
  ++sequence_;
  if (first_sequence_ == 0) first_sequence_ = sequence_;
  return sequence_;
}

absl::Status EntityWrite::PutRecord(Record& record) {
  absl::StatusOr<std::optional<Record>> old = GetRecord(record.source(), record.record_key());
  if (!old.ok()) return old.status();
  record.set_version(old->has_value() ? (*old)->version() + 1 : 1);
  record.set_recorded_at_us(now_us_);
  record.set_change_sequence(sequence_);
  UpdateBlockIndex(old->has_value() ? &**old : nullptr, record);
  // History holds the superseded versions; the current one lives only under its own key.
  if (old->has_value()) {
    txn_.PutBlind(keys::RecordVersion(record.source(), record.record_key(), (*old)->version()),
             Encode(**old));
  }
  std::string key = keys::Record(record.source(), record.record_key());
  txn_.PutBlind(key, Encode(record));  // read back through records_
  records_[std::move(key)] = record;
  return absl::OkStatus();
}

void EntityWrite::UpdateBlockIndex(const Record* old, const Record& record) {
  const bool unchanged = old != nullptr && !old->deleted() && !record.deleted() &&
                         old->entity_id() == record.entity_id() &&
                         SameStrings(old->blocking_keys(), record.blocking_keys()) &&
                         SameStrings(old->match_values(), record.match_values());
  if (unchanged) return;
  if (old != nullptr && !old->deleted()) {
    for (const std::string& key : old->blocking_keys()) {
      txn_.Delete(keys::Block(old->kind(), key, old->source(), old->record_key()));
    }
  }
  if (record.deleted() || record.blocking_keys().empty()) return;
  BlockEntry entry;
  entry.set_entity_id(record.entity_id());
  *entry.mutable_match_values() = record.match_values();
  const std::string bytes = Encode(entry);
  for (const std::string& key : record.blocking_keys()) {
    txn_.Put(keys::Block(record.kind(), key, record.source(), record.record_key()), bytes);
  }
}

absl::Status EntityWrite::PutEntity(Entity& entity) {
  absl::StatusOr<std::optional<Entity>> old = GetEntity(entity.id());
  if (!old.ok()) return old.status();
  // Index entries: only the difference between the old version's and the new one's is written.
  std::set<std::string> old_keys, new_keys;
  if (old->has_value()) {
    for (const Identifier& id : (*old)->identifiers()) {
      old_keys.insert(keys::Identifier(entity.kind(), id.type(), id.value(), entity.id()));
    }
    for (const std::string& term : (*old)->search_terms()) {
      old_keys.insert(keys::SearchTerm(entity.kind(), term, entity.id()));
    }
    entity.set_version((*old)->version() + 1);
    entity.set_created_at_us((*old)->created_at_us());
  } else {
    entity.set_version(1);
    entity.set_created_at_us(now_us_);
  }
  for (const Identifier& id : entity.identifiers()) {
    new_keys.insert(keys::Identifier(entity.kind(), id.type(), id.value(), entity.id()));
  }
  for (const std::string& term : entity.search_terms()) {
    new_keys.insert(keys::SearchTerm(entity.kind(), term, entity.id()));
  }
  for (const std::string& k : old_keys) {
    if (!new_keys.count(k)) txn_.Delete(k);
  }
  for (const std::string& k : new_keys) {
    if (old_keys.count(k)) continue;
    // Search terms are not read in writes; identifiers are (FindByIdentifier).
    if (k[0] == 'X') {
      txn_.PutBlind(k, "");
    } else {
      txn_.Put(k, "");
    }
  }
  entity.set_updated_at_us(now_us_);
  entity.set_change_sequence(sequence_);
  // History holds the superseded versions; the current one lives only under its own key.
  if (old->has_value()) {
    txn_.PutBlind(keys::EntityVersion(entity.id(), (*old)->version()), Encode(**old));
  }
  std::string key = keys::Entity(entity.id());
  txn_.PutBlind(key, Encode(entity));  // read back through entities_
  entities_[std::move(key)] = entity;
  return absl::OkStatus();
}

void EntityWrite::AppendChange(ChangeEvent::Type type, const Record& record,
                               const Entity& entity) {
  ChangeEvent e;
  e.set_sequence(sequence_);
  e.set_committed_at_us(now_us_);
  e.set_type(type);
  e.set_kind(entity.kind());
  e.set_entity_id(entity.id());
  e.mutable_record()->set_source(record.source());
  e.mutable_record()->set_record_key(record.record_key());
  e.set_entity_version(entity.version());
  txn_.PutBlind(keys::Change(sequence_), Encode(e));
}

}  // namespace mdhub::store

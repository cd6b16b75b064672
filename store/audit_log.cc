#include "store/audit_log.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "store/internal/codec.h"
#include "store/internal/keys.h"

namespace mdhub::store {
namespace {

// Head of the chain: be64(last sequence) followed by the last hash.
constexpr absl::string_view kHeadMeta = "audit_head";

void AppendField(absl::string_view field, std::string* out) {
  keys::AppendBigEndian64(field.size(), out);
  out->append(field.data(), field.size());
}

// SHA-256, fetched from OpenSSL's provider once: the one-shot SHA256() looks the algorithm up on
// every call (OpenSSL 3), which took most of an entry's hashing time.
const EVP_MD* Sha256() {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
#else
  return EVP_sha256();
#endif
}

std::string EncodeHead(uint64_t sequence, absl::string_view hash) {
  std::string out;
  keys::AppendBigEndian64(sequence, &out);
  out.append(hash.data(), hash.size());
  return out;
}

}  // namespace

std::string AuditLog::ComputeHash(const AuditEntry& e) {
  // A canonical, length-prefixed encoding that does not depend on protobuf's wire format.
  std::string canon;
  AppendField(e.previous_hash(), &canon);
  keys::AppendBigEndian64(e.sequence(), &canon);
  keys::AppendBigEndian64(static_cast<uint64_t>(e.time_us()), &canon);
  AppendField(e.agency(), &canon);
  AppendField(e.end_user(), &canon);
  AppendField(e.purpose(), &canon);
  AppendField(e.method(), &canon);
  keys::AppendBigEndian64(e.touched_size(), &canon);
  for (const std::string& t : e.touched()) AppendField(t, &canon);
  keys::AppendBigEndian64(static_cast<uint64_t>(static_cast<int64_t>(e.code())), &canon);
  AppendField(e.detail(), &canon);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  if (Sha256() == nullptr ||
      EVP_Digest(canon.data(), canon.size(), digest, nullptr, Sha256(), nullptr) != 1) {
    // Not expected with any OpenSSL build; the slower path gives the same digest.
    SHA256(reinterpret_cast<const unsigned char*>(canon.data()), canon.size(), digest);
  }
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

AuditLog::AuditLog(KvStore& kv, const Clock& clock, uint64_t last_sequence, std::string head)
    : kv_(kv), clock_(clock), last_sequence_(last_sequence), head_(std::move(head)) {}

absl::StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(KvStore& kv, const Clock& clock) {
  absl::StatusOr<std::string> head = kv.Get(keys::Meta(kHeadMeta));
  uint64_t seq = 0;
  std::string hash;
  if (head.ok()) {
    if (head->size() < 8) return absl::DataLossError("stored audit chain head is corrupt");
    seq = keys::ReadBigEndian64(*head);
    hash = head->substr(8);
  } else if (!absl::IsNotFound(head.status())) {
    return head.status();
  }
  return std::unique_ptr<AuditLog>(new AuditLog(kv, clock, seq, std::move(hash)));
}

WriteBatch AuditLog::Chain(AuditEntry& entry) {
  entry.set_sequence(last_sequence_ + 1);
  entry.set_time_us(internal::ToMicros(clock_.Now()));
  entry.set_previous_hash(head_);
  entry.clear_hash();
  entry.set_hash(ComputeHash(entry));
  WriteBatch batch;
  batch.Put(keys::Audit(entry.sequence()), internal::Encode(entry));
  batch.Put(keys::Meta(kHeadMeta), EncodeHead(entry.sequence(), entry.hash()));
  return batch;
}

absl::StatusOr<uint64_t> AuditLog::Append(AuditEntry entry) {
  absl::MutexLock lock(&mu_);
  WriteBatch batch = Chain(entry);
  if (absl::Status s = kv_.Write(batch, Durability::kProcessCrash); !s.ok()) return s;
  last_sequence_ = entry.sequence();
  head_ = entry.hash();
  return entry.sequence();
}

absl::Status AuditLog::CommitWith(const std::vector<AuditEntry*>& entries, Transaction& txn,
                                  absl::FunctionRef<absl::Status()> commit) {
  absl::MutexLock lock(&mu_);
  const uint64_t sequence_before = last_sequence_;
  const std::string head_before = head_;
  for (AuditEntry* entry : entries) {
    const WriteBatch batch = Chain(*entry);
    for (const WriteBatch::Op& op : batch.ops()) txn.Put(op.key, op.value);
    // The next entry chains onto this one.
    last_sequence_ = entry->sequence();
    head_ = entry->hash();
  }
  absl::Status s = commit();
  if (!s.ok()) {
    last_sequence_ = sequence_before;
    head_ = head_before;
  }
  return s;
}

absl::StatusOr<AuditLog::Verification> AuditLog::Verify() const {
  Verification v;
  std::string previous_hash;
  uint64_t expected = 1;
  auto fail = [&v](uint64_t seq, std::string problem) {
    v.ok = false;
    v.first_bad_sequence = seq;
    v.problem = std::move(problem);
    return v;
  };
  auto it = kv_.Scan(keys::Audit(0), keys::PrefixEnd("A"));
  for (; it->Valid(); it->Next()) {
    const uint64_t key_seq = keys::ReadBigEndian64(it->key().substr(1));
    absl::StatusOr<AuditEntry> e = internal::Decode<AuditEntry>(it->value(), "audit entry");
    if (!e.ok()) return fail(key_seq, "entry cannot be decoded");
    if (key_seq != expected || e->sequence() != expected) {
      return fail(expected, absl::StrCat("entry ", expected, " is missing (found ", key_seq, ")"));
    }
    if (e->previous_hash() != previous_hash) {
      return fail(expected, "previous_hash does not match the preceding entry's hash");
    }
    AuditEntry unhashed = *e;
    unhashed.clear_hash();
    if (ComputeHash(unhashed) != e->hash()) {
      return fail(expected, "content does not match its hash (entry was modified)");
    }
    previous_hash = e->hash();
    ++v.entries;
    ++expected;
  }
  if (!it->status().ok()) return it->status();
  absl::StatusOr<std::string> head = kv_.Get(keys::Meta(kHeadMeta));
  if (!head.ok() && !absl::IsNotFound(head.status())) return head.status();
  const std::string want = head.ok() ? *head : "";
  if (want != (v.entries == 0 ? "" : EncodeHead(v.entries, previous_hash))) {
    return fail(v.entries + 1, "chain head does not match the last entry (entries were removed)");
  }
  return v;
}

absl::StatusOr<std::vector<AuditEntry>> AuditLog::List(uint64_t after, int max) const {
  std::vector<AuditEntry> out;
  auto it = kv_.Scan(keys::Audit(after + 1), keys::PrefixEnd("A"));
  for (; it->Valid() && static_cast<int>(out.size()) < max; it->Next()) {
    absl::StatusOr<AuditEntry> e = internal::Decode<AuditEntry>(it->value(), "audit entry");
    if (!e.ok()) return e.status();
    out.push_back(*std::move(e));
  }
  if (!it->status().ok()) return it->status();
  return out;
}

}  // namespace mdhub::store

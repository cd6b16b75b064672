#include "services/internal/mapping.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace mdhub::services::internal {
namespace {

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the Timestamp message's documented range.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

// "prefix.name", or "name" at the top level.
std::string FieldPath(absl::string_view prefix, absl::string_view name) {
  return prefix.empty() ? std::string(name) : absl::StrCat(prefix, ".", name);
}

}  // namespace

void ToApi(const store::RecordRef& in, v1::RecordRef* out) {
  out->set_source(in.source());
  out->set_record_key(in.record_key());
}

absl::StatusOr<store::RecordRef> ToStoreRef(const v1::RecordRef& in, absl::string_view field) {
  if (auto s = Required(in.source(), FieldPath(field, "source")); !s.ok()) return s;
  if (auto s = Required(in.record_key(), FieldPath(field, "record_key")); !s.ok()) return s;
  store::RecordRef out;
  out.set_source(in.source());
  out.set_record_key(in.record_key());
  return out;
}

absl::StatusOr<int64_t> ToMicros(const google::protobuf::Timestamp& ts, bool is_set,
                                 absl::string_view field) {
  if (!is_set) return 0;
  if (ts.seconds() < kMinSeconds || ts.seconds() > kMaxSeconds || ts.nanos() < 0 ||
      ts.nanos() > 999999999) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": timestamp out of range"));
  }
  return ts.seconds() * 1000000 + ts.nanos() / 1000;
}

void SetTimestamp(int64_t micros, google::protobuf::Timestamp* ts) {
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  ts->set_seconds(seconds);
  ts->set_nanos(static_cast<int32_t>(rest * 1000));
}

absl::StatusOr<std::optional<absl::Time>> AsOf(bool has_as_of,
                                               const google::protobuf::Timestamp& as_of,
                                               absl::string_view field) {
  if (!has_as_of) return std::nullopt;
  auto us = ToMicros(as_of, true, field);
  if (!us.ok()) return us.status();
  return absl::FromUnixMicros(*us);
}

absl::Status Required(absl::string_view value, absl::string_view field) {
  if (!value.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
}

store::Kind ToStoreKind(v1::EntityKind kind) {
  switch (kind) {
    case v1::PERSON:
      return store::PERSON;
    case v1::LEGAL_ENTITY:
      return store::LEGAL_ENTITY;
    case v1::SPATIAL_FEATURE:
      return store::SPATIAL_FEATURE;
    default:
      return store::KIND_UNSPECIFIED;
  }
}

v1::EntityKind ToApiKind(store::Kind kind) {
  switch (kind) {
    case store::PERSON:
      return v1::PERSON;
    case store::LEGAL_ENTITY:
      return v1::LEGAL_ENTITY;
    case store::SPATIAL_FEATURE:
      return v1::SPATIAL_FEATURE;
    default:
      return v1::ENTITY_KIND_UNSPECIFIED;
  }
}

absl::StatusOr<resolver::Mutation> ToUpsert(const v1::SourceRecord& record, store::Kind kind,
                                            absl::string_view prefix) {
  resolver::Mutation m;
  store::Record& r = m.record;
  r.set_source(record.source());
  r.set_record_key(record.record_key());
  r.set_kind(kind);
  r.mutable_attributes()->insert(record.attributes().begin(), record.attributes().end());
  auto source_time =
      ToMicros(record.source_time(), record.has_source_time(), FieldPath(prefix, "source_time"));
  if (!source_time.ok()) return source_time.status();
  auto valid_from =
      ToMicros(record.valid_from(), record.has_valid_from(), FieldPath(prefix, "valid_from"));
  if (!valid_from.ok()) return valid_from.status();
  r.set_source_time_us(*source_time);
  r.set_valid_from_us(*valid_from);
  for (const std::string& label : record.labels()) r.add_labels(label);
  return m;
}

absl::StatusOr<resolver::Mutation> ToDelete(const v1::DeleteRecordRequest& request,
                                            absl::string_view prefix) {
  resolver::Mutation m;
  m.is_delete = true;
  m.record.set_source(request.source());
  m.record.set_record_key(request.record_key());
  auto t = ToMicros(request.source_time(), request.has_source_time(),
                    FieldPath(prefix, "source_time"));
  if (!t.ok()) return t.status();
  m.record.set_source_time_us(*t);
  return m;
}

void ToApi(const store::Record& in, v1::SourceRecord* out) {
  out->set_source(in.source());
  out->set_record_key(in.record_key());
  out->mutable_attributes()->insert(in.attributes().begin(), in.attributes().end());
  if (in.source_time_us() != 0) SetTimestamp(in.source_time_us(), out->mutable_source_time());
  SetTimestamp(in.valid_from_us() != 0 ? in.valid_from_us() : in.recorded_at_us(),
               out->mutable_valid_from());
  for (const std::string& label : in.labels()) out->add_labels(label);
  out->set_entity_id(in.entity_id());
  out->set_version(in.version());
  SetTimestamp(in.recorded_at_us(), out->mutable_recorded_at());
  out->set_deleted(in.deleted());
  out->set_change_sequence(in.change_sequence());
  out->set_link_reason(in.link_reason());
}

void ToApi(const store::Entity& in, const std::vector<store::Record>& members, v1::Entity* out) {
  out->set_id(in.id());
  out->set_kind(ToApiKind(in.kind()));
  for (const store::GoldenAttribute& g : in.attributes()) {
    v1::GoldenAttribute* a = out->add_attributes();
    a->set_name(g.name());
    a->set_value(g.value());
    ToApi(g.from(), a->mutable_from());
    a->set_reason(g.reason());
  }
  for (const store::Identifier& id : in.identifiers()) {
    v1::Identifier* o = out->add_identifiers();
    o->set_type(id.type());
    o->set_value(id.value());
    o->set_valid(id.problem().empty());
    o->set_problem(id.problem());
  }
  for (const store::Record& r : members) ToApi(r, out->add_members());
  for (const store::Relationship& rel : in.relationships()) {
    v1::Relationship* o = out->add_relationships();
    o->set_type(rel.type());
    o->set_entity_id(rel.entity_id());
    ToApi(rel.asserted_by(), o->mutable_asserted_by());
  }
  out->set_version(in.version());
  SetTimestamp(in.created_at_us(), out->mutable_created_at());
  SetTimestamp(in.updated_at_us(), out->mutable_updated_at());
  out->set_retired(in.retired());
}

void ToApi(const store::ChangeEvent& in, v1::ChangeEvent* out) {
  out->set_sequence(in.sequence());
  SetTimestamp(in.committed_at_us(), out->mutable_committed_at());
  out->set_type(static_cast<v1::ChangeEvent::Type>(in.type()));
  out->set_kind(ToApiKind(in.kind()));
  out->set_entity_id(in.entity_id());
  ToApi(in.record(), out->mutable_record());
  out->set_entity_version(in.entity_version());
}

void ToApi(const resolver::MutationOutcome& in, v1::SubmitResult* out) {
  out->set_source(in.record.source());
  out->set_record_key(in.record.record_key());
  switch (in.kind) {
    case resolver::MutationOutcome::kCreated:
      out->set_outcome(v1::SubmitResult::CREATED);
      break;
    case resolver::MutationOutcome::kUpdated:
      out->set_outcome(v1::SubmitResult::UPDATED);
      break;
    case resolver::MutationOutcome::kUnchanged:
      out->set_outcome(v1::SubmitResult::UNCHANGED);
      break;
    case resolver::MutationOutcome::kDeleted:
      out->set_outcome(v1::SubmitResult::DELETED);
      break;
  }
  out->set_entity_id(in.entity_id);
  out->set_record_version(in.record.version());
  out->set_change_sequence(in.change_sequence);
}

void ToApi(const store::AuditEntry& in, v1::AuditEntry* out) {
  out->set_sequence(in.sequence());
  SetTimestamp(in.time_us(), out->mutable_time());
  out->set_agency(in.agency());
  out->set_end_user(in.end_user());
  out->set_purpose(in.purpose());
  out->set_method(in.method());
  for (const std::string& t : in.touched()) out->add_touched(t);
  out->set_code(in.code());
  out->set_detail(in.detail());
  out->set_previous_hash(absl::BytesToHexString(in.previous_hash()));
  out->set_hash(absl::BytesToHexString(in.hash()));
}

}  // namespace mdhub::services::internal

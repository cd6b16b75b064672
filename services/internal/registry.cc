#include "services/internal/registry.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "resolver/identifiers.h"
#include "services/internal/mapping.h"
#include "services/internal/page_token.h"

namespace mdhub::services::internal {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

}  // namespace

absl::Status Registry::ApplyAudited(CallScope& call, const resolver::Mutation& m,
                                    absl::string_view prefix, v1::SubmitResult* response) const {
  store::AuditEntry audit = call.PendingAuditEntry();
  audit.clear_touched();  // the resolver names the record and its entity
  auto results = call.backend().resolver.ApplyBatch({m}, prefix, &audit);
  if (!results.ok()) return results.status();
  call.MarkAudited();  // the entry committed with the write, whatever the mutation's outcome
  const absl::StatusOr<resolver::MutationOutcome>& outcome = (*results)[0];
  if (!outcome.ok()) return outcome.status();
  ToApi(*outcome, response);
  return absl::OkStatus();
}

absl::Status Registry::Submit(CallScope& call, const v1::SubmitRecordRequest& request,
                              v1::SubmitResult* response) const {
  if (!request.has_record()) return absl::InvalidArgumentError("record: is required");
  auto m = ToUpsert(request.record(), kind_, "record");
  if (!m.ok()) return m.status();
  if (auto s = resolver::RecordResolver::Validate(*m, "record"); !s.ok()) return s;
  call.Touch(absl::StrCat(request.record().source(), "/", request.record().record_key()));
  if (auto s = call.backend().policy.AuthorizeWrite(call.caller().agency, m->record.source());
      !s.ok()) {
    return s;
  }
  return ApplyAudited(call, *m, "record", response);
}

absl::Status Registry::Delete(CallScope& call, const v1::DeleteRecordRequest& request,
                              v1::SubmitResult* response) const {
  auto m = ToDelete(request, "");
  if (!m.ok()) return m.status();
  if (auto s = resolver::RecordResolver::Validate(*m, ""); !s.ok()) return s;
  call.Touch(absl::StrCat(request.source(), "/", request.record_key()));
  if (auto s = call.backend().policy.AuthorizeWrite(call.caller().agency, request.source());
      !s.ok()) {
    return s;
  }
  // The record must be of this registry's kind.
  auto existing = call.backend().entities.GetRecord(request.source(), request.record_key());
  if (existing.ok() && existing->kind() != kind_) {
    return absl::NotFoundError(
        absl::StrCat("no ", store::Kind_Name(kind_), " record ", request.source(), "/",
                     request.record_key()));
  }
  return ApplyAudited(call, *m, "", response);
}

absl::Status Registry::GetRecord(CallScope& call, const v1::GetRecordRequest& request,
                                 v1::SourceRecord* response) const {
  if (auto s = Required(request.source(), "source"); !s.ok()) return s;
  if (auto s = Required(request.record_key(), "record_key"); !s.ok()) return s;
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  call.Touch(absl::StrCat(request.source(), "/", request.record_key()));
  auto record = call.backend().entities.GetRecord(request.source(), request.record_key(), *as_of);
  if (!record.ok()) return record.status();
  if (record->kind() != kind_) {
    return absl::NotFoundError(absl::StrCat("no ", store::Kind_Name(kind_), " record ",
                                            request.source(), "/", request.record_key()));
  }
  ToApi(*record, response);
  return absl::OkStatus();
}

absl::Status Registry::RenderEntity(CallScope& call, const absl::StatusOr<store::Entity>& entity,
                                    absl::string_view asked_id, bool include_members,
                                    v1::Entity* response) const {
  if (!entity.ok()) return entity.status();
  if (entity->kind() != kind_) {
    return absl::NotFoundError(absl::StrCat("no ", store::Kind_Name(kind_), " ", asked_id));
  }
  call.Touch(entity->id());
  std::vector<store::Record> members;
  if (include_members) {
    for (const store::RecordRef& ref : entity->members()) {
      auto r = call.backend().entities.GetRecord(ref.source(), ref.record_key());
      if (!r.ok()) return r.status();
      members.push_back(*std::move(r));
    }
  }
  ToApi(*entity, members, response);
  if (entity->id() != asked_id) response->set_redirected_from(std::string(asked_id));
  return absl::OkStatus();
}

absl::Status Registry::GetEntity(CallScope& call, const v1::GetEntityRequest& request,
                                 v1::Entity* response) const {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  return RenderEntity(call, call.backend().entities.GetEntity(request.entity_id(), *as_of),
                      request.entity_id(), request.include_members(), response);
}

absl::Status Registry::Lookup(CallScope& call, const std::string& value, absl::string_view field,
                              bool has_as_of, const google::protobuf::Timestamp& as_of_ts,
                              bool include_members, v1::Entity* response,
                              absl::string_view identifier_type) const {
  if (auto s = Required(value, field); !s.ok()) return s;
  auto as_of = AsOf(has_as_of, as_of_ts, "as_of");
  if (!as_of.ok()) return as_of.status();
  const absl::string_view type = identifier_type.empty() ? identifier_type_ : identifier_type;
  const std::string normalized = resolver::IdentifierKey(type, value);
  auto ids = call.backend().entities.FindByIdentifier(kind_, type, normalized);
  if (!ids.ok()) return ids.status();
  if (ids->empty()) {
    return absl::NotFoundError(
        absl::StrCat("no ", store::Kind_Name(kind_), " holds ", type, " ", normalized));
  }
  const std::string& id = ids->front();
  return RenderEntity(call, call.backend().entities.GetEntity(id, *as_of), id, include_members,
                      response);
}

absl::Status Registry::History(CallScope& call, const v1::ListHistoryRequest& request,
                               v1::ListHistoryResponse* response) const {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  auto page_size = PageSize(request.page_size(), kDefaultPageSize, kMaxPageSize);
  if (!page_size.ok()) return page_size.status();
  int64_t before = 0;
  if (!request.page_token().empty() &&
      (!absl::SimpleAtoi(request.page_token(), &before) || before <= 0)) {
    return absl::InvalidArgumentError("page_token: not a token from a previous response");
  }
  // History is kept under the id that was asked for, also after a merge.
  auto versions =
      call.backend().entities.ListEntityVersions(request.entity_id(), *page_size + 1, before);
  if (!versions.ok()) return versions.status();
  if (!versions->empty() && versions->front().kind() != kind_) {
    return absl::NotFoundError(
        absl::StrCat("no ", store::Kind_Name(kind_), " ", request.entity_id()));
  }
  call.Touch(request.entity_id());
  for (int i = 0; i < static_cast<int>(versions->size()) && i < *page_size; ++i) {
    const store::Entity& e = (*versions)[i];
    v1::EntityVersion* v = response->add_versions();
    ToApi(e, {}, v->mutable_entity());
    SetTimestamp(e.updated_at_us(), v->mutable_recorded_at());
    v->set_change_sequence(e.change_sequence());
    v->mutable_cause()->set_source(e.cause().source());
    v->mutable_cause()->set_record_key(e.cause().record_key());
  }
  if (static_cast<int>(versions->size()) > *page_size) {
    response->set_next_page_token(absl::StrCat((*versions)[*page_size - 1].version()));
  }
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal

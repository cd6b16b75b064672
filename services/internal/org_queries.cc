#include "services/internal/org_queries.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "resolver/identifiers.h"
#include "resolver/registration_history.h"
#include "resolver/search/org_search.h"
#include "services/internal/mapping.h"
#include "services/internal/page_token.h"

namespace mdhub::services::internal {
namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 200;

using LegacyType = v1::LookupByLegacyCodeRequest;

// The identifier type of the code: the one its format says, which must be the one asked for.
absl::StatusOr<absl::string_view> LegacyIdentifierType(const v1::LookupByLegacyCodeRequest& r) {
  const absl::string_view inferred =
      resolver::LegacyCodeType(resolver::IdentifierKey(resolver::kOrganizationCode, r.code()));
  switch (r.code_type()) {
    case LegacyType::CODE_TYPE_UNSPECIFIED:
      if (inferred.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("code: \"", r.code(),
                         "\" is neither an organisation code (9 characters) nor a business "
                         "registration number (13 or 15 digits)"));
      }
      return inferred;
    case LegacyType::ORGANIZATION_CODE:
      if (inferred != resolver::kOrganizationCode) {
        return absl::InvalidArgumentError(absl::StrCat(
            "code: \"", r.code(), "\" is not an organisation code (9 characters of 0-9, A-Z)"));
      }
      return inferred;
    case LegacyType::REGISTRATION_NUMBER:
      if (inferred != resolver::kRegistrationNumber) {
        return absl::InvalidArgumentError(absl::StrCat(
            "code: \"", r.code(), "\" is not a business registration number (13 or 15 digits)"));
      }
      return inferred;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("code_type: ", static_cast<int>(r.code_type()), " is not a code type"));
  }
}

}  // namespace

void ToApi(const resolver::RegistrationStatus& in, v1::RegistrationStatus* out) {
  // resolver::RegistrationState is numbered as the API's State.
  out->set_state(static_cast<v1::RegistrationStatus::State>(in.state));
  out->set_source_text(in.source_text);
  if (in.since.has_value()) SetTimestamp(absl::ToUnixMicros(*in.since), out->mutable_since());
  out->set_authority(in.authority);
  out->set_reason(in.reason);
  ToApi(in.asserted_by, out->mutable_asserted_by());
}

absl::Status CurrentRegistrationStatus(CallScope& call, const store::Entity& legal_entity,
                                       v1::RegistrationStatus* out) {
  auto status = resolver::ReadCurrentRegistrationStatus(call.backend().entities, legal_entity);
  if (!status.ok()) return status.status();
  if (status->has_value()) ToApi(**status, out);
  return absl::OkStatus();
}

absl::Status LookupByLegacyCode(CallScope& call, const Registry& orgs,
                                const v1::LookupByLegacyCodeRequest& request,
                                v1::Entity* response) {
  if (auto s = Required(request.code(), "code"); !s.ok()) return s;
  auto type = LegacyIdentifierType(request);
  if (!type.ok()) return type.status();
  return orgs.Lookup(call, request.code(), "code", request.has_as_of(), request.as_of(),
                     request.include_members(), response, *type);
}

absl::Status GetRegistrationStatus(CallScope& call, const v1::GetRegistrationStatusRequest& request,
                                   v1::GetRegistrationStatusResponse* response) {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  call.Touch(request.entity_id());
  auto report = resolver::ReadRegistrationStatus(call.backend().entities, request.entity_id(),
                                                 *as_of, request.include_history());
  if (!report.ok()) return report.status();
  if (report->entity_id != request.entity_id()) call.Touch(report->entity_id);
  response->set_entity_id(report->entity_id);
  if (report->current.has_value()) ToApi(*report->current, response->mutable_current());
  for (const resolver::RegistrationStatus& s : report->history) ToApi(s, response->add_history());
  return absl::OkStatus();
}

absl::Status SearchLegalEntities(CallScope& call, const Registry& orgs,
                                 const v1::SearchLegalEntitiesRequest& request,
                                 v1::SearchLegalEntitiesResponse* response) {
  if (request.page_size() > kMaxPageSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must be at most ", kMaxPageSize, ", got ", request.page_size()));
  }
  auto page_size = PageSize(request.page_size(), kDefaultPageSize, kMaxPageSize);
  if (!page_size.ok()) return page_size.status();
  resolver::OrgQuery query{request.name(), request.region_code(), {}};
  std::string request_key = absl::StrCat(request.name(), "\n", request.region_code(), "\n");
  for (int state : request.states()) {
    if (!v1::RegistrationStatus::State_IsValid(state)) {
      return absl::InvalidArgumentError(absl::StrCat("states: ", state, " is not a state"));
    }
    query.states.push_back(static_cast<resolver::RegistrationState>(state));
    absl::StrAppend(&request_key, state, ",");
  }
  auto offset = ParseOffsetPageToken(request.page_token(), request_key);
  if (!offset.ok()) return offset.status();
  auto result = resolver::SearchLegalEntities(call.backend().entities, query, *page_size, *offset);
  if (!result.ok()) return result.status();
  for (const resolver::OrgHit& hit : result->hits) {
    v1::SearchLegalEntitiesResponse::Hit* out = response->add_hits();
    out->set_score(hit.score);
    if (auto s = orgs.RenderEntity(call, hit.legal_entity, hit.legal_entity.id(),
                                   /*include_members=*/false, out->mutable_legal_entity());
        !s.ok()) {
      return s;
    }
    if (auto s =
            CurrentRegistrationStatus(call, hit.legal_entity, out->mutable_registration_status());
        !s.ok()) {
      return s;
    }
  }
  if (result->more) {
    response->set_next_page_token(OffsetPageToken(*offset + *page_size, request_key));
  }
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal

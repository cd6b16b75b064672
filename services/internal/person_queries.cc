#include "services/internal/person_queries.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "resolver/search/person_search.h"
#include "services/internal/page_token.h"

namespace mdhub::services::internal {
namespace {

// Every person a page returns is named in the audit entry, which keeps 64 names (CallScope):
// pages stay below that.
constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 50;

}  // namespace

absl::Status SearchPersons(CallScope& call, const Registry& persons,
                           const v1::SearchPersonsRequest& request,
                           v1::SearchPersonsResponse* response) {
  auto page_size = PageSize(request.page_size(), kDefaultPageSize, kMaxPageSize);
  if (!page_size.ok()) return page_size.status();
  const resolver::PersonQuery query{request.name(), request.birth_date(), request.gender(),
                                    request.region_code()};
  const std::string request_key = absl::StrCat(query.name, "\n", query.birth_date, "\n",
                                               query.gender, "\n", query.region_code);
  auto offset = ParseOffsetPageToken(request.page_token(), request_key);
  if (!offset.ok()) return offset.status();
  auto result = resolver::SearchPersons(call.backend().entities, query, *page_size, *offset);
  if (!result.ok()) return result.status();
  for (const resolver::PersonHit& hit : result->hits) {
    v1::SearchPersonsResponse::Hit* out = response->add_hits();
    out->set_score(hit.score);
    if (auto s = persons.RenderEntity(call, hit.person, hit.person.id(), request.include_members(),
                                      out->mutable_person());
        !s.ok()) {
      return s;
    }
  }
  if (result->more) {
    response->set_next_page_token(OffsetPageToken(*offset + *page_size, request_key));
  }
  response->set_truncated(result->capped);
  return absl::OkStatus();
}

absl::Status ListHouseholdMembers(CallScope& call, const Registry& persons,
                                  const v1::ListHouseholdMembersRequest& request,
                                  v1::ListHouseholdMembersResponse* response) {
  if (request.entity_id().empty()) return absl::InvalidArgumentError("entity_id: is required");
  auto page_size = PageSize(request.page_size(), kDefaultPageSize, kMaxPageSize);
  if (!page_size.ok()) return page_size.status();
  auto offset = ParseOffsetPageToken(request.page_token(), request.entity_id());
  if (!offset.ok()) return offset.status();
  call.Touch(request.entity_id());
  auto page = resolver::ListHouseholdMembers(call.backend().entities, request.entity_id(),
                                             *page_size, *offset);
  if (!page.ok()) return page.status();
  for (const store::Entity& member : page->members) {
    if (auto s = persons.RenderEntity(call, member, member.id(), request.include_members(),
                                      response->add_members());
        !s.ok()) {
      return s;
    }
  }
  if (page->more) {
    response->set_next_page_token(OffsetPageToken(*offset + *page_size, request.entity_id()));
  }
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal

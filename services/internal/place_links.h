// SpatialService's links to the registries: LocateEntity and ListEntitiesInPlace, mapped onto
// links/registry_links.h, and GetDivision onto links/division_codes.h. Person and legal-entity data is released only to agencies that may read
// that kind through its own registry (PopulationService/GetPerson, LegalEntityService/
// GetLegalEntity).
#ifndef MDHUB_SERVICES_INTERNAL_PLACE_LINKS_H_
#define MDHUB_SERVICES_INTERNAL_PLACE_LINKS_H_

#include "absl/status/status.h"
#include "mdhub/v1/spatial.pb.h"
#include "services/call_scope.h"

namespace mdhub::services::internal {

absl::Status LocateEntity(CallScope& call, const v1::LocateEntityRequest& request,
                          v1::LocateEntityResponse* response);

absl::Status ListEntitiesInPlace(CallScope& call, const v1::ListEntitiesInPlaceRequest& request,
                                 v1::ListEntitiesInPlaceResponse* response);

absl::Status GetDivision(CallScope& call, const v1::GetDivisionRequest& request,
                         v1::DivisionRecord* response);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_PLACE_LINKS_H_

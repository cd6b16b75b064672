#include "tools/gen/internal/org_model.h"

namespace mdhub::gen {

Registry HomeRegistry(OrgKind kind) {
  switch (kind) {
    case OrgKind::kSocialGroup:
    case OrgKind::kNonEnterprise:
    case OrgKind::kFoundation:
      return Registry::kMca;
    case OrgKind::kOrgan:
    case OrgKind::kInstitution:
      return Registry::kScopsr;
    default:
      return Registry::kAic;
  }
}

absl::string_view CreditCodePrefix(OrgKind kind) {
  switch (kind) {
    case OrgKind::kCompany:
    case OrgKind::kJointStock:
      return "91";
    case OrgKind::kIndividual:
      return "92";
    case OrgKind::kCooperative:
      return "93";
    case OrgKind::kSocialGroup:
      return "51";
    case OrgKind::kNonEnterprise:
      return "52";
    case OrgKind::kFoundation:
      return "53";
    case OrgKind::kOrgan:
      return "11";
    case OrgKind::kInstitution:
      return "12";
  }
  return "";
}

std::string DivisionCode(Level level, const County& county) {
  switch (level) {
    case Level::kProvince:
      return absl::StrCat(county.code.substr(0, 2), "0000");
    case Level::kPrefecture:
      return absl::StrCat(county.code.substr(0, 4), "00");
    case Level::kCounty:
      return county.code;
  }
  return county.code;
}

}  // namespace mdhub::gen

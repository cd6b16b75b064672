// Names of generated social organisations (社会团体, 民办非企业单位, 基金会), public institutions
// (事业单位) and government organs (机关), and the bureaus that sponsor the first two: a social
// organisation's 业务主管单位 or an institution's 举办单位.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_BODIES_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_BODIES_H_

#include <string>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "tools/gen/internal/org_model.h"
#include "tools/gen/internal/org_names.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// A government bureau as each level names it: 教育厅 (province), 教育局 (city and county). The
// 2018-19 reform renamed several (国土资源局 -> 自然资源局); former names are "" for the others.
struct Bureau {
  absl::string_view provincial, local, county;  // county "" means as local
  absl::string_view former_provincial, former_local, former_county;
};
// Every bureau, in this order.
enum BureauIndex : int {
  kGovernment, kEducation, kCivilAffairs, kHealth, kAgriculture, kScience, kCulture, kSports,
  kHumanResources, kNaturalResources, kHousing, kPublicSecurity, kFinance, kMarket, kCommerce,
  kForestry, kWater,
};
absl::Span<const Bureau> Bureaus();
inline constexpr int kNoSponsor = -1;

// The organ name of bureau `bureau` at `level` for `county` (南宁市教育局, 广西壮族自治区教育厅,
// 宾阳县卫生健康局), or its name before the reform ("" when the bureau was not renamed).
std::string OrganName(const Places& places, int bureau, Level level, const County& county,
                      bool former);
// When the reform renamed the organs of a level (the province first, counties last).
absl::CivilDay ReformDay(Level level);

// Immutable after construction; thread-safe. The arguments must outlive the object.
class BodyNames {
 public:
  BodyNames(const Places& places, const OrgNames& names) : places_(places), names_(names) {}

  // Each sets *sponsor to the index of the sponsoring bureau, or kNoSponsor.
  // 南宁市餐饮行业协会, 广西福建商会, 宾阳县篮球协会, 广西医学会 ...
  NameParts SocialGroup(Level level, const County& county, Rng& rng, int* sponsor) const;
  // 青秀区小天使幼儿园, 南宁市仁和医院, 宾阳县福寿养老院 ...
  NameParts NonEnterprise(Level level, const County& county, Rng& rng, int* sponsor) const;
  // 广西教育基金会, 南宁市兴旺慈善基金会.
  NameParts Foundation(Level level, const County& county, Rng& rng, int* sponsor) const;
  // 南宁市青秀区疾病预防控制中心, 宾阳县那桐镇卫生院, 广西农业科学研究院 ... When the kind of
  // institution was renamed by a reform (卫生防疫站 -> 疾病预防控制中心), sets *former to the old
  // name and *reformed to the day, else leaves them.
  NameParts Institution(Level level, const County& county, Rng& rng, int* sponsor,
                        NameParts* former, absl::CivilDay* reformed) const;
  // Another name of a social organisation, foundation or non-enterprise unit (a new core).
  NameParts OtherName(const NameParts& name, OrgKind kind, Rng& rng) const;

  // 业务范围 / 宗旨和业务范围 of a body named `name`.
  static std::string Scope(const NameParts& name);

 private:
  const Places& places_;
  const OrgNames& names_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_BODIES_H_

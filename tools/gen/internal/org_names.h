// Names of generated enterprises as registrars build them, region + core (字号) + trade + legal
// form, with a few dozen popular cores (兴旺, 华盛 ...) recurring across the province; branch
// names; the names organisations had before a rename; and the variants clerks write.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_NAMES_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_NAMES_H_

#include <string>

#include "absl/strings/string_view.h"
#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/org_model.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// The short form of a division name for brackets and branches: 南宁市 -> 南宁, 青秀区 -> 青秀,
// 广西壮族自治区 -> 广西; kept whole when less than two characters would be left (藤县).
std::string ShortPlace(absl::string_view division_name);

// The division an authority of `level` serves, as names and addresses write it: 广西壮族自治区,
// 南宁市, 南宁市青秀区 (a district with its city) or 宾阳县.
std::string DivisionName(const Places& places, Level level, const County& county);

// Immutable after construction; thread-safe. The arguments must outlive the object.
class OrgNames {
 public:
  OrgNames(const Places& places, const ChineseNames& names) : places_(places), names_(names) {}

  // Sets place and bracket of a name registered at `level` in `county`: 广西 / 南宁市 /
  // 南宁市青秀区 or 宾阳县.
  void SetPlace(Level level, const County& county, Rng& rng, NameParts* name) const;

  // 南宁市兴旺物流有限公司, 广西华盛建筑工程股份有限公司, 兴旺（南宁）物流有限公司 ...
  NameParts Company(Level level, const County& county, bool joint_stock, Rng& rng) const;
  // An individual business: 青秀区黄记米粉店, 宾阳县顺发五金店; now and then only the
  // operator's name, as registrars write a business without a name of its own.
  NameParts Shop(const County& county, const Person& operator_person, Rng& rng) const;
  // 武鸣区那桐镇金穗香蕉种植农民专业合作社.
  NameParts Cooperative(const County& county, Rng& rng) const;
  // A branch in `county` of `head`, which is in `head_county`, told apart by a place
  // (柳州分公司, 青秀分店), a road (民族大道分店) or a number (第二分公司). `ordinal` numbers the
  // head's branches from 1.
  NameParts Branch(const NameParts& head, const County& head_county, const County& county,
                   int ordinal, Rng& rng) const;
  // Another name of an enterprise of `kind`: another core or trade, a finer place (南宁市 for
  // 广西), 有限公司 for 股份有限公司. Not always different from `name` (the caller checks).
  NameParts OtherName(const NameParts& name, OrgKind kind, Rng& rng) const;

  // The name as a clerk may write it: the place in brackets or out of them (full- or half-width),
  // without the place, with a short place (南宁 for 南宁市), 有限责任公司 for 有限公司, or in
  // traditional characters. Returns the registered text when no variant applies.
  std::string Variant(const NameParts& name, Rng& rng) const;
  // Traditional characters for every character of `text` that has one in the tables.
  std::string Traditional(absl::string_view text) const;

  // The business scope of a company of `trade` (经营范围); a generic one for an unknown trade.
  static std::string CompanyScope(absl::string_view trade);
  // Whether branches of a company of `trade` are shops (分店) rather than offices.
  static bool HasShops(absl::string_view trade);

 private:
  std::string Core(Rng& rng) const;

  const Places& places_;
  const ChineseNames& names_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_NAMES_H_

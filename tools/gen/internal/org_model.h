// The true organisations behind the generated legal-entity extracts: what each one is, its
// identifiers, and how its name, representative, address and status changed over time, so that
// an older record shows the values of its day.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_MODEL_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_MODEL_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "tools/gen/internal/places.h"

namespace mdhub::gen {

// Kinds of organisation. Branches have their head office's kind.
enum class OrgKind {
  kCompany,        // 有限公司 / 有限责任公司                 credit code 91
  kJointStock,     // 股份有限公司                            91
  kIndividual,     // 个体工商户                              92
  kCooperative,    // 农民专业合作社                          93
  kSocialGroup,    // 社会团体                                51
  kNonEnterprise,  // 民办非企业单位 (社会服务机构)           52
  kFoundation,     // 基金会                                  53
  kOrgan,          // 机关                                    11
  kInstitution,    // 事业单位                                12
};
inline constexpr int kOrgKindCount = 9;

// The registries, in the order of the extracts.
enum class Registry { kAic = 0, kMca = 1, kScopsr = 2 };
inline constexpr int kRegistryCount = 3;

// The registry that registers a kind.
Registry HomeRegistry(OrgKind kind);
// The registering department and category of the kind's credit codes ("91" ... "12").
absl::string_view CreditCodePrefix(OrgKind kind);

// The level of the authority an organisation is registered with (and of the place its name
// names).
enum class Level { kProvince, kPrefecture, kCounty };

// The 6-digit division code of the level's authority for `county`: 450000, 450100 or the county.
std::string DivisionCode(Level level, const County& county);

// A day after every real one: the status_date of an organisation that never closed, the
// code_issued of one that never had a credit code.
inline constexpr absl::CivilDay kNever = absl::CivilDay(9999, 12, 31);
// A day before every real one: the day of a change (rename, move ...) that did not happen, so
// that records of every day show the current value.
inline constexpr absl::CivilDay kNoChange = absl::CivilDay(1, 1, 1);

struct Person {
  std::string name;
  std::string citizen_id;  // 18 characters, check-valid
  absl::CivilDay birth;
};

// A name in parts, so that the variants clerks write can be made from it. Registered names are
//   place core trade form branch            南宁市 兴旺 物流 有限公司 柳州分公司
// or, with `bracketed`,
//   core（bracket）trade form branch        兴旺（南宁）物流有限公司
struct NameParts {
  std::string place;    // 广西, 广西壮族自治区, 南宁市, 南宁市青秀区, 宾阳县 ...; may be empty
  std::string bracket;  // the place as written in brackets: 南宁, 广西, 宾阳; "" when none fits
  bool bracketed = false;
  std::string core;    // 字号 or subject: 兴旺, 餐饮行业, 疾病预防控制, 黄记
  std::string trade;   // 物流, 餐饮管理 (companies), 五金 (shops); may be empty
  std::string form;    // 有限公司, 店, 农民专业合作社, 协会, 中心, 局 ...; may be empty
  std::string branch;  // "柳州分公司" for a branch; "" for a head office

  // The name without the branch part: a branch's head office.
  std::string HeadName() const {
    return bracketed ? absl::StrCat(core, "（", bracket, "）", trade, form)
                     : absl::StrCat(place, core, trade, form);
  }
  std::string Text() const { return absl::StrCat(HeadName(), branch); }
};

enum class OrgStatus {
  kActive,            // 存续 / 在业 / 正常
  kCancelled,         // 注销
  kRevoked,           // 吊销，未注销 (enterprises); 撤销 (social organisations, institutions)
  kRevokedCancelled,  // 吊销，已注销
  kMovedOut,          // 迁出 (to another province)
};

struct TrueOrg {
  int64_t number = 0;  // from 0, in generation order; truth names it O00000042
  OrgKind kind = OrgKind::kCompany;
  int64_t head = -1;  // the head office's number for a branch; -1 for a head office
  bool employer = false;  // a name of Places::Employer
  const County* county = nullptr;  // where it is
  Level level = Level::kCounty;    // of its registration authority
  std::string type_text;           // 有限责任公司(自然人投资或控股), 个体工商户 ...

  NameParts name;
  NameParts former_name;  // before renamed_on
  absl::CivilDay renamed_on = kNoChange;

  // Identifiers. The credit code is empty when the organisation closed before it would have had
  // one; records of days before code_issued do not carry it. The legacy codes are empty for
  // organisations registered since the 2015 reform.
  std::string credit_code;
  absl::CivilDay code_issued = kNever;
  std::string organization_code;    // 9 characters, embedded in the credit code when both exist
  std::string registration_number;  // 15 digits (business registration only)

  absl::CivilDay established;
  Person representative;
  Person former_representative;  // before representative_changed_on
  absl::CivilDay representative_changed_on = kNoChange;
  std::string address, former_address;  // full addresses; former before moved_on
  std::string phone, former_phone;
  absl::CivilDay moved_on = kNoChange;

  OrgStatus status = OrgStatus::kActive;
  absl::CivilDay status_date = kNever;  // of the closure; kNever while active
  std::string status_reason;

  // A branch's head office (names come from `name`).
  std::string head_credit_code;
  absl::CivilDay head_code_issued = kNever;
  // The sponsor (举办单位 / 业务主管单位) of a social organisation or institution: an organ,
  // renamed on sponsor_renamed_on (2018-19 reform) from sponsor_former_name. Empty when none.
  std::string sponsor_name, sponsor_former_name, sponsor_credit_code;
  absl::CivilDay sponsor_renamed_on = kNoChange;

  std::string capital;  // 注册资本 / 开办资金 as the registry writes it: "100万元人民币"
  std::string scope;    // 经营范围 / 业务范围

  const NameParts& NameOn(absl::CivilDay day) const {
    return day < renamed_on ? former_name : name;
  }
  const Person& RepresentativeOn(absl::CivilDay day) const {
    return day < representative_changed_on ? former_representative : representative;
  }
  const std::string& AddressOn(absl::CivilDay day) const {
    return day < moved_on ? former_address : address;
  }
  const std::string& PhoneOn(absl::CivilDay day) const {
    return day < moved_on ? former_phone : phone;
  }
  OrgStatus StatusOn(absl::CivilDay day) const {
    return day < status_date ? OrgStatus::kActive : status;
  }
  bool branch() const { return head >= 0; }
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_MODEL_H_

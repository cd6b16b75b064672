#include "tools/gen/internal/org_records.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "tools/gen/internal/org_bodies.h"
#include "tools/gen/internal/org_codes.h"
#include "tools/gen/internal/org_facts.h"

namespace mdhub::gen {
namespace {

constexpr OrgColumn kAicColumns[] = {
    {"pripid", ""},
    {"统一社会信用代码", "credit_code"},
    {"注册号", "registration_number"},
    {"组织机构代码", "organization_code"},
    {"企业名称", "name"},
    {"曾用名", "former_name"},
    {"企业类型", "org_type"},
    {"法定代表人", "legal_representative"},
    {"法定代表人证件号码", "legal_representative_id"},
    {"注册资本", "registered_capital"},
    {"成立日期", "established"},
    {"登记机关", "authority"},
    {"登记状态", "status"},
    {"注吊销日期", "status_date"},
    {"注吊销原因", "status_reason"},
    {"住所", "address"},
    {"联系电话", "phone"},
    {"经营范围", "business_scope"},
    {"隶属企业名称", "head_office_name"},
    {"隶属企业统一社会信用代码", "head_office_credit_code"},
};
constexpr OrgColumn kMcaColumns[] = {
    {"记录号", ""},
    {"社会组织名称", "name"},
    {"曾用名", "former_name"},
    {"统一社会信用代码", "credit_code"},
    {"组织机构代码", "organization_code"},
    {"社会组织类型", "org_type"},
    {"法定代表人", "legal_representative"},
    {"法定代表人身份证号", "legal_representative_id"},
    {"业务主管单位", "sponsor_name"},
    {"业务主管单位代码", "sponsor_credit_code"},
    {"登记管理机关", "authority"},
    {"成立登记日期", "established"},
    {"注册资金", "registered_capital"},
    {"登记状态", "status"},
    {"注销撤销日期", "status_date"},
    {"注销撤销原因", "status_reason"},
    {"住所", "address"},
    {"联系电话", "phone"},
    {"业务范围", "business_scope"},
};
constexpr OrgColumn kScopsrColumns[] = {
    {"记录编号", ""},
    {"单位名称", "name"},
    {"曾用名", "former_name"},
    {"统一社会信用代码", "credit_code"},
    {"原组织机构代码", "organization_code"},
    {"单位类别", "org_type"},
    {"法定代表人", "legal_representative"},
    {"法定代表人证件号", "legal_representative_id"},
    {"举办单位", "sponsor_name"},
    {"举办单位统一社会信用代码", "sponsor_credit_code"},
    {"开办资金", "registered_capital"},
    {"宗旨和业务范围", "business_scope"},
    {"住所", "address"},
    {"登记管理机关", "authority"},
    {"成立日期", "established"},
    {"登记状态", "status"},
    {"注销日期", "status_date"},
    {"联系电话", "phone"},
};

// Records kept before the credit-code reform, and the day records of the new systems start.
constexpr absl::CivilDay kLegacyUntil(2015, 9, 30);
constexpr absl::CivilDay kNewSystems(2016, 1, 1);

// The type text another registry gives an organisation it records.
std::string CrossTypeText(OrgKind kind) {
  switch (kind) {
    case OrgKind::kNonEnterprise:
      return "民办非企业单位";
    case OrgKind::kSocialGroup:
      return "群众团体";
    default:
      return "事业单位";
  }
}

// The registry that also records some organisations of `kind`, if any.
bool CrossRegistry(OrgKind kind, Registry* other) {
  switch (kind) {
    case OrgKind::kNonEnterprise:
    case OrgKind::kSocialGroup:
      *other = Registry::kScopsr;
      return true;
    case OrgKind::kInstitution:
      *other = Registry::kMca;
      return true;
    default:
      return false;
  }
}

absl::CivilDay WrongDay(absl::CivilDay d, Rng& rng) {
  const double x = rng.Real();
  if (x < 0.4 && d.day() <= 12 && d.day() != d.month()) {
    return absl::CivilDay(d.year(), d.day(), d.month());
  }
  if (x < 0.7) return d + (d.day() > 1 ? -1 : 1);
  return absl::CivilDay(d.year() + (rng.Chance(0.5) ? 1 : -1), d.month(), d.day());
}

}  // namespace

absl::Span<const OrgColumn> OrgColumns(Registry registry) {
  switch (registry) {
    case Registry::kAic:
      return kAicColumns;
    case Registry::kMca:
      return kMcaColumns;
    case Registry::kScopsr:
      return kScopsrColumns;
  }
  return {};
}

void OrgRecords::Records(const TrueOrg& org, Rng& rng,
                         std::vector<PendingRecord> (&out)[kRegistryCount],
                         OrgGenerationSummary* summary) const {
  const Registry home = HomeRegistry(org.kind);
  auto& here = out[static_cast<int>(home)];
  const absl::CivilDay today = options_.reference_date;
  // An employer keeps its current record: persons' records name it as it is now.
  if (!rng.Chance(rates_.current_missing) || org.employer) {
    here.push_back(Record(org, home, Kind::kCurrent, today, rng, summary));
  }
  const bool had_legacy_codes = !org.organization_code.empty() || !org.registration_number.empty();
  if (had_legacy_codes && org.established < kLegacyUntil && rng.Chance(rates_.legacy_record)) {
    const absl::CivilDay day = DayBetween(rng, org.established + 30,
                                          std::min(kLegacyUntil, org.status_date - 1));
    here.push_back(Record(org, home, Kind::kLegacy, day, rng, summary));
    ++summary->legacy_records;
  }
  const absl::CivilDay first = std::max(org.established, kNewSystems);
  if (rng.Chance(rates_.duplicate)) {
    const int copies = rng.Chance(0.1) ? 2 : 1;
    for (int i = 0; i < copies; ++i) {
      const absl::CivilDay day = DayBetween(rng, first, std::min(today, org.status_date + 365));
      here.push_back(Record(org, home, Kind::kDuplicate, day, rng, summary));
      ++summary->duplicates;
    }
  }
  Registry other;
  if (CrossRegistry(org.kind, &other) && rng.Chance(rates_.cross_registry)) {
    const absl::CivilDay day = DayBetween(rng, first, std::min(today, org.status_date));
    out[static_cast<int>(other)].push_back(
        Record(org, other, Kind::kCrossRegistry, day, rng, summary));
    ++summary->cross_registry_records;
  }
}

PendingRecord OrgRecords::Record(const TrueOrg& org, Registry registry, Kind kind,
                                 absl::CivilDay day, Rng& rng,
                                 OrgGenerationSummary* summary) const {
  const bool current = kind == Kind::kCurrent;
  absl::flat_hash_map<absl::string_view, std::string> v;

  const NameParts& name = org.NameOn(day);
  summary->old_names += day < org.renamed_on;
  const double variant = kind == Kind::kLegacy ? rates_.name_variant / 3
                         : current             ? 0.0
                                               : rates_.name_variant;
  std::string text = rng.Chance(variant) ? names_.Variant(name, rng) : name.Text();
  summary->name_variants += text != name.Text();
  v["name"] = std::move(text);
  if (org.renamed_on != kNoChange && day >= org.renamed_on && rng.Chance(current ? rates_.former_name_listed
                                                  : kind == Kind::kLegacy ? 0.0 : 0.3)) {
    v["former_name"] = org.former_name.Text();
  }

  v["credit_code"] = CreditCode(org, kind, day, rng, summary);
  if (!org.registration_number.empty() &&
      rng.Chance(kind == Kind::kLegacy ? 1.0 : current ? 0.7 : kind == Kind::kDuplicate ? 0.4 : 0)) {
    v["registration_number"] = org.registration_number;
  }
  std::string organization_code = org.organization_code;
  double listed = kind == Kind::kLegacy ? (registry == Registry::kAic ? 0.5 : 0.9)
                  : current             ? (registry == Registry::kAic ? 0.1 : 0.4)
                                        : 0.3;
  if (organization_code.empty() && !org.credit_code.empty() && day >= org.code_issued &&
      registry != Registry::kAic) {
    organization_code = org.credit_code.substr(8, 9);  // the embedded one
    listed = current ? 0.15 : 0.0;
  }
  if (!organization_code.empty() && rng.Chance(listed)) {
    v["organization_code"] = current || rng.Chance(0.5) ? organization_code
                                                        : absl::StrCat(organization_code.substr(0, 8),
                                                                       "-", organization_code.substr(8));
  }

  if (registry != HomeRegistry(org.kind)) {
    v["org_type"] = CrossTypeText(org.kind);
  } else if (org.kind == OrgKind::kNonEnterprise && kind != Kind::kLegacy && rng.Chance(0.5)) {
    v["org_type"] = "社会服务机构";  // the name since the 2016 charity law
  } else if (!current && rng.Chance(0.5) && absl::StrContains(org.type_text, "(")) {
    v["org_type"] = org.type_text.substr(0, org.type_text.find('('));
  } else {
    v["org_type"] = org.type_text;
  }

  const Person& representative = org.RepresentativeOn(day);
  summary->old_representatives += day < org.representative_changed_on;
  v["legal_representative"] = representative.name;
  if (!rng.Chance(rates_.missing_representative_id)) {
    v["legal_representative_id"] = representative.citizen_id;
  }
  summary->old_addresses += day < org.moved_on;
  if (!rng.Chance(rates_.missing_address)) v["address"] = Address(org.AddressOn(day), kind, rng);
  if (std::string phone = org.PhoneOn(day); !rng.Chance(rates_.missing_phone)) {
    if (!current && phone.size() == 12 && phone[4] == '-') {
      const double style = rng.Real();
      if (style < 0.3) {
        phone.erase(4, 1);
      } else if (style < 0.4) {
        phone = absl::StrCat("(", phone.substr(0, 4), ")", phone.substr(5));
      } else if (style < 0.5) {
        phone = phone.substr(5);
      }
    }
    v["phone"] = std::move(phone);
  }

  absl::CivilDay established = org.established;
  if (!current && rng.Chance(rates_.wrong_established)) {
    established = WrongDay(established, rng);
    ++summary->wrong_established;
  }
  v["established"] = Date(established, registry, kind, rng);
  v["status"] = Status(org, registry, kind, day, rng);
  if (org.StatusOn(day) != OrgStatus::kActive) {
    v["status_date"] = Date(org.status_date, registry, kind, rng);
    if (rng.Chance(current ? 0.8 : 0.3)) v["status_reason"] = org.status_reason;
  }
  v["authority"] = Authority(org, registry, kind, day, rng);

  if (org.branch() && rng.Chance(current ? 0.95 : 0.7)) {
    v["head_office_name"] = name.HeadName();
    if (!org.head_credit_code.empty() && day >= org.head_code_issued && rng.Chance(0.85)) {
      v["head_office_credit_code"] = org.head_credit_code;
    }
  }
  if (!org.sponsor_name.empty()) {
    v["sponsor_name"] = day < org.sponsor_renamed_on ? org.sponsor_former_name : org.sponsor_name;
    if (day >= kNewSystems && rng.Chance(0.8)) v["sponsor_credit_code"] = org.sponsor_credit_code;
  }
  if (!(kind == Kind::kLegacy && rng.Chance(0.3))) {
    std::string capital = org.capital;
    if (!current && registry == Registry::kAic && absl::EndsWith(capital, "万元人民币") &&
        rng.Chance(0.3)) {
      capital = absl::StrCat(capital.substr(0, capital.find("万")), ".000000万人民币");
    }
    v["registered_capital"] = std::move(capital);
  }
  if (rng.Chance(current ? 1.0 : kind == Kind::kLegacy ? 0.5 : 0.7)) {
    v["business_scope"] = org.scope;
  }

  PendingRecord r;
  r.entity = org.number;
  for (const OrgColumn& c : OrgColumns(registry).subspan(1)) {
    auto it = v.find(c.attribute);
    r.fields.push_back(it == v.end() ? "" : std::move(it->second));
  }
  return r;
}

std::string OrgRecords::CreditCode(const TrueOrg& org, Kind kind, absl::CivilDay day, Rng& rng,
                                   OrgGenerationSummary* summary) const {
  if (org.credit_code.empty() || day < org.code_issued || kind == Kind::kLegacy) return "";
  if (rng.Chance(kind == Kind::kCurrent ? rates_.missing_credit_code
                                        : rates_.duplicate_missing_credit_code)) {
    ++summary->missing_credit_codes;
    return "";
  }
  if (rng.Chance(rates_.wrong_credit_code)) {
    ++summary->wrong_credit_codes;
    return MistypedCreditCode(org.credit_code, rng);
  }
  if (rng.Chance(rates_.credit_code_spelling)) return RespelledCode(org.credit_code, rng);
  return org.credit_code;
}

std::string OrgRecords::Status(const TrueOrg& org, Registry registry, Kind kind,
                               absl::CivilDay day, Rng& rng) const {
  const OrgStatus status = org.StatusOn(day);
  if (registry != Registry::kAic) {
    return status == OrgStatus::kActive ? "正常" : status == OrgStatus::kRevoked ? "撤销" : "注销";
  }
  switch (status) {
    case OrgStatus::kActive: {
      const double x = rng.Real();
      if (kind == Kind::kLegacy) return x < 0.5 ? "开业" : "在业";
      if (kind == Kind::kCurrent) {
        return x < 0.5 ? "存续（在营、开业、在册）" : x < 0.8 ? "存续" : "在业";
      }
      return x < 0.4 ? "存续" : x < 0.8 ? "在业" : "开业";
    }
    case OrgStatus::kCancelled:
      return "注销";
    case OrgStatus::kRevoked:
      return kind == Kind::kCurrent || rng.Chance(0.5) ? "吊销，未注销" : "吊销";
    case OrgStatus::kRevokedCancelled:
      return "吊销，已注销";
    case OrgStatus::kMovedOut:
      return "迁出";
  }
  return "";
}

std::string OrgRecords::Authority(const TrueOrg& org, Registry registry, Kind kind,
                                  absl::CivilDay day, Rng& rng) const {
  Level level = org.level;
  // A county bureau's copy names the county bureau.
  if (kind == Kind::kDuplicate && rng.Chance(0.5)) level = Level::kCounty;
  const std::string division = DivisionName(places_, level, *org.county);
  switch (registry) {
    case Registry::kAic:
      return absl::StrCat(division,
                          day < ReformDay(level) ? "工商行政管理局" : "市场监督管理局");
    case Registry::kMca:
      return absl::StrCat(division, level == Level::kProvince ? "民政厅" : "民政局");
    case Registry::kScopsr:
      return absl::StrCat(division, org.kind == OrgKind::kOrgan || level == Level::kCounty
                                        ? "机构编制委员会办公室"
                                        : "事业单位登记管理局");
  }
  return division;
}

std::string OrgRecords::Date(absl::CivilDay d, Registry registry, Kind kind, Rng& rng) const {
  int style = static_cast<int>(registry);
  if (kind != Kind::kCurrent && rng.Chance(0.4)) style = static_cast<int>(rng.Uniform(4));
  const int y = static_cast<int>(d.year()), m = d.month(), day = d.day();
  switch (style) {
    case 0:
      return absl::StrFormat("%04d-%02d-%02d", y, m, day);
    case 1:
      return absl::StrFormat("%d年%d月%d日", y, m, day);
    case 2:
      return absl::StrFormat("%04d%02d%02d", y, m, day);
    default:
      return absl::StrFormat("%d/%d/%d", y, m, day);
  }
}

std::string OrgRecords::Address(const std::string& address, Kind kind, Rng& rng) const {
  if (kind == Kind::kCurrent) return address;
  absl::string_view rest = address;
  if (!absl::ConsumePrefix(&rest, places_.province_name())) return address;
  const double style = rng.Real();
  if (style < 0.4) return address;
  if (style < 0.75) return std::string(rest);
  if (style < 0.85) return absl::StrCat("广西", rest);
  // Without the city: the county and what follows.
  const size_t city = rest.find("市");
  return city == absl::string_view::npos ? std::string(rest) : std::string(rest.substr(city + 3));
}

}  // namespace mdhub::gen

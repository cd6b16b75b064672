#include "tools/gen/internal/org_facts.h"

#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mdhub::gen {
namespace {

struct Founding {
  int first_year, last_year;  // last_year 0: today's
  double growth;              // yearly growth of foundings
};
// By OrgKind.
constexpr Founding kFounding[kOrgKindCount] = {
    {1993, 0, 0.12}, {1993, 0, 0.05}, {1990, 0, 0.10}, {2007, 0, 0.06}, {1985, 0, 0.03},
    {1998, 0, 0.05}, {1990, 0, 0.06}, {1950, 1990, 0.0}, {1950, 2020, 0.0}};

// Shares of registration levels (province, city, county) by OrgKind.
constexpr double kLevels[kOrgKindCount][3] = {
    {0.1, 0.45, 0.45}, {0.4, 0.5, 0.1}, {0, 0, 1}, {0, 0, 1},      {0.2, 0.4, 0.4},
    {0.05, 0.35, 0.6}, {0.7, 0.3, 0},   {0, 0, 1}, {0.05, 0.25, 0.7}};

// Chances of closing by OrgKind: cancelled, revoked, revoked and cancelled, moved out.
constexpr double kClosing[kOrgKindCount][4] = {
    {0.12, 0.06, 0.01, 0.01}, {0.05, 0.02, 0, 0}, {0.25, 0.04, 0, 0},    {0.10, 0.06, 0, 0},
    {0.07, 0.05, 0, 0},       {0.08, 0.03, 0, 0}, {0.03, 0, 0, 0},      {0, 0, 0, 0},
    {0.05, 0, 0, 0}};

// Area codes of Guangxi's cities 4501 .. 4514.
constexpr absl::string_view kAreaCodes[] = {"0771", "0772", "0773", "0774", "0779",
                                            "0770", "0777", "0775", "0775", "0776",
                                            "0774", "0778", "0772", "0771"};

template <typename T, size_t N>
const T& Pick(Rng& rng, const T (&items)[N]) {
  return items[rng.Uniform(N)];
}

int Index(OrgKind kind) { return static_cast<int>(kind); }

}  // namespace

absl::CivilDay DayBetween(Rng& rng, absl::CivilDay lo, absl::CivilDay hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<absl::civil_diff_t>(rng.Uniform(static_cast<uint64_t>(hi - lo) + 1));
}

absl::CivilDay YearsAfter(absl::CivilDay day, int years) {
  const int d = day.month() == 2 && day.day() == 29 ? 28 : day.day();
  return absl::CivilDay(day.year() + years, day.month(), d);
}

absl::CivilDay EstablishedDay(OrgKind kind, absl::CivilDay today, Rng& rng) {
  const Founding& f = kFounding[Index(kind)];
  const int last = f.last_year > 0 ? f.last_year : static_cast<int>(today.year());
  std::vector<double> weights;
  for (int y = f.first_year; y <= last; ++y) weights.push_back(std::exp(f.growth * (y - last)));
  const int year = f.first_year + static_cast<int>(WeightedIndex(weights).Draw(rng));
  absl::CivilDay lo(year, 1, 1);
  if (kind == OrgKind::kCooperative && year == 2007) lo = absl::CivilDay(2007, 7, 1);
  absl::CivilDay day = DayBetween(rng, lo, absl::CivilDay(year, 12, 31));
  return day > today ? DayBetween(rng, absl::CivilDay(today.year(), 1, 1), today) : day;
}

Level RegistrationLevel(OrgKind kind, Rng& rng) {
  const double* shares = kLevels[Index(kind)];
  const double x = rng.Real();
  return x < shares[0] ? Level::kProvince : x < shares[0] + shares[1] ? Level::kPrefecture
                                                                       : Level::kCounty;
}

std::string Capital(OrgKind kind, Rng& rng) {
  static constexpr int kCompany[] = {10, 30, 50, 100, 100, 200, 300, 500, 1000, 2000, 5000};
  static constexpr int kJointStock[] = {1000, 2000, 5000, 10000, 30000};
  static constexpr int kSmall[] = {1, 2, 3, 5, 10, 20, 50};
  static constexpr int kCooperative[] = {10, 50, 100, 200, 500};
  static constexpr int kSocial[] = {3, 5, 10, 20, 50};
  static constexpr int kUnit[] = {3, 10, 30, 50, 100, 300};
  static constexpr int kFoundation[] = {200, 400, 800, 1000};
  static constexpr int kInstitution[] = {10, 50, 100, 500, 1000, 5000};
  switch (kind) {
    case OrgKind::kCompany:
      return absl::StrCat(Pick(rng, kCompany), "万元人民币");
    case OrgKind::kJointStock:
      return absl::StrCat(Pick(rng, kJointStock), "万元人民币");
    case OrgKind::kIndividual:
      return absl::StrCat(Pick(rng, kSmall), "万元");
    case OrgKind::kCooperative:
      return absl::StrCat(Pick(rng, kCooperative), "万元");
    case OrgKind::kSocialGroup:
      return absl::StrCat(Pick(rng, kSocial), "万元");
    case OrgKind::kNonEnterprise:
      return absl::StrCat(Pick(rng, kUnit), "万元");
    case OrgKind::kFoundation:
      return absl::StrCat(Pick(rng, kFoundation), "万元");
    case OrgKind::kInstitution:
      return absl::StrCat(Pick(rng, kInstitution), "万元");
    case OrgKind::kOrgan:
      return "";
  }
  return "";
}

std::string TypeText(OrgKind kind, bool branch, Rng& rng) {
  static constexpr absl::string_view kLimited[] = {
      "有限责任公司(自然人投资或控股)", "有限责任公司(自然人投资或控股)",
      "有限责任公司(自然人投资或控股)", "有限责任公司(自然人独资)", "其他有限责任公司",
      "有限责任公司(非自然人投资或控股的法人独资)", "有限责任公司(国有独资)"};
  static constexpr absl::string_view kJoint[] = {"股份有限公司(非上市、自然人投资或控股)",
                                                 "股份有限公司(非上市、自然人投资或控股)",
                                                 "其他股份有限公司(非上市)"};
  switch (kind) {
    case OrgKind::kCompany:
      return branch ? "有限责任公司分公司(自然人投资或控股)" : std::string(Pick(rng, kLimited));
    case OrgKind::kJointStock:
      return branch ? "股份有限公司分公司(非上市、自然人投资或控股)"
                    : std::string(Pick(rng, kJoint));
    case OrgKind::kIndividual:
      return "个体工商户";
    case OrgKind::kCooperative:
      return "农民专业合作社";
    case OrgKind::kSocialGroup:
      return "社会团体";
    case OrgKind::kNonEnterprise:
      return "民办非企业单位";
    case OrgKind::kFoundation:
      return "基金会";
    case OrgKind::kOrgan:
      return "机关";
    case OrgKind::kInstitution:
      return "事业单位";
  }
  return "";
}

std::string StatusReason(OrgKind kind, OrgStatus status, absl::CivilDay day, Rng& rng) {
  const Registry registry = HomeRegistry(kind);
  switch (status) {
    case OrgStatus::kActive:
      return "";
    case OrgStatus::kMovedOut:
      return "迁往广东省";
    case OrgStatus::kRevoked:
    case OrgStatus::kRevokedCancelled:
      if (registry != Registry::kAic) return "连续两年未参加年度检查";
      return rng.Chance(0.5) ? absl::StrFormat("桂市监处字〔%d〕第%03d号", day.year(),
                                               rng.Between(1, 999))
                             : "成立后无正当理由超过6个月未开业的，或者开业后自行停业连续6个月以上";
    case OrgStatus::kCancelled:
      break;
  }
  static constexpr absl::string_view kCompany[] = {"决议解散", "股东会决议解散", "营业期限届满",
                                                   "因合并、分立解散", "其他原因"};
  static constexpr absl::string_view kSocial[] = {"自行解散", "分立、合并", "业务主管单位决定"};
  if (kind == OrgKind::kIndividual) return "经营者申请注销";
  if (registry == Registry::kAic) return std::string(Pick(rng, kCompany));
  if (registry == Registry::kMca) return std::string(Pick(rng, kSocial));
  return "机构改革撤并";
}

void DrawStatus(OrgKind kind, absl::CivilDay established, absl::CivilDay today, Rng& rng,
                TrueOrg* org) {
  const double* p = kClosing[Index(kind)];
  const double x = rng.Real();
  OrgStatus status = OrgStatus::kActive;
  if (x < p[0]) {
    status = OrgStatus::kCancelled;
  } else if (x < p[0] + p[1]) {
    status = OrgStatus::kRevoked;
  } else if (x < p[0] + p[1] + p[2]) {
    status = OrgStatus::kRevokedCancelled;
  } else if (x < p[0] + p[1] + p[2] + p[3]) {
    status = OrgStatus::kMovedOut;
  }
  org->status = status;
  if (status == OrgStatus::kActive || established + 90 >= today) {
    org->status = OrgStatus::kActive;
    org->status_date = kNever;
    org->status_reason.clear();
    return;
  }
  org->status_date = DayBetween(rng, established + 90, today);
  org->status_reason = StatusReason(kind, status, org->status_date, rng);
}

std::string Landline(const County& county, Rng& rng) {
  const int city = std::stoi(county.code.substr(2, 2));
  const absl::string_view area =
      city >= 1 && city <= 14 ? kAreaCodes[city - 1] : absl::string_view("0771");
  return absl::StrFormat("%s-%d%06d", area, rng.Between(2, 8), rng.Uniform(1000000));
}

std::string Mobile(Rng& rng) {
  static constexpr int kSecond[] = {3, 5, 7, 8, 9};
  return absl::StrFormat("1%d%09d", Pick(rng, kSecond), rng.Uniform(1000000000));
}

}  // namespace mdhub::gen

#include "tools/gen/internal/parcel_owners.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "absl/base/internal/raw_logging.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/csv_reader.h"
#include "resolver/standardize/credit_code.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/local_divisions.h"
#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/org_bodies.h"
#include "tools/gen/internal/org_codes.h"
#include "tools/gen/internal/org_names.h"
#include "tools/gen/internal/places.h"

namespace mdhub::gen {
namespace {

constexpr size_t kMaxPersons = 200000;
constexpr size_t kMaxOrgsPerKind = 100000;
constexpr uint64_t kPersonSeed = 0x9a5ce1f0ad3e7b21ULL;
constexpr uint64_t kOrgStream = 0x0b5e55ed;
constexpr absl::string_view kNameColumns[] = {"企业名称", "社会组织名称", "单位名称"};
constexpr absl::string_view kClosed[] = {"注销", "吊销", "撤销", "迁出"};
constexpr const char* kRegisters[] = {"aic.csv", "mca.csv", "scopsr.csv"};

// A uniform sample of distinct organisations (reservoir sampling).
struct Sample {
  std::vector<std::pair<std::string, std::string>> orgs;  // credit code, name
  absl::flat_hash_map<std::string, size_t> slot;
  uint64_t offered = 0;

  void Offer(std::string code, std::string name, Rng& rng) {
    if (slot.contains(code)) return;
    ++offered;
    size_t i = orgs.size();
    if (orgs.size() == kMaxOrgsPerKind) {
      i = rng.Uniform(offered);
      if (i >= kMaxOrgsPerKind) return;
      slot.erase(orgs[i].first);
    } else {
      orgs.emplace_back();
    }
    slot[code] = i;
    orgs[i] = {std::move(code), std::move(name)};
  }
};

int Column(const std::vector<std::string>& header, absl::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

// Indexes of ParcelOwners::pools_.
enum OrgPool { kBusiness, kPublic, kCollective };

// Offers the organisations of one register to the samples of their kinds.
absl::Status ReadRegister(const std::string& path, Rng& rng, Sample* samples) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("orgs: cannot read ", path));
  CsvReader reader(in, path, {});
  std::vector<std::string> row;
  absl::StatusOr<bool> more = reader.Next(&row);
  if (!more.ok()) return more.status();
  if (!*more) return absl::InvalidArgumentError(absl::StrCat(path, ": empty, no header row"));
  const int code_column = Column(row, "统一社会信用代码");
  int name_column = -1;
  for (absl::string_view name : kNameColumns) {
    name_column = std::max(name_column, Column(row, name));
  }
  const int status_column = Column(row, "登记状态");
  if (code_column < 0 || name_column < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        path,
        ":1: no column 统一社会信用代码, or none of 企业名称, 社会组织名称, 单位名称 (the "
        "registers of `mdhub gen orgs` have them)"));
  }
  const int width = std::max({code_column, name_column, status_column}) + 1;
  const resolver::DivisionTable& divisions = resolver::DivisionTable::Builtin();
  while (true) {
    more = reader.Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    if (static_cast<int>(row.size()) < width) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", reader.row_line(), ": fewer fields than the header"));
    }
    if (status_column >= 0 &&
        std::any_of(std::begin(kClosed), std::end(kClosed), [&](absl::string_view c) {
          return absl::StrContains(row[status_column], c);
        })) {
      continue;
    }
    const resolver::CreditCode code = resolver::ParseCreditCode(row[code_column], divisions);
    if (!code.valid || row[name_column].empty()) continue;
    const bool collective =
        code.department == 'N' || (code.department == '9' && code.category == '3');
    const bool public_body = code.department == '1' || code.department == '5';
    const OrgPool pool = collective ? kCollective : public_body ? kPublic : kBusiness;
    samples[pool].Offer(code.value, std::move(row[name_column]), rng);
  }
}

// The village collectives of a county: 南阳镇施厚村股份经济合作社 for 施厚村委会 of 南阳镇.
std::vector<std::string> CollectiveNames(absl::string_view county_code) {
  const resolver::LocalDivisionTable& local = resolver::LocalDivisionTable::Builtin();
  std::vector<std::string> names;
  for (const auto& township : local.Children(county_code)) {
    for (const auto& village : local.Children(township.code)) {
      absl::string_view name = village.name;
      if (absl::ConsumeSuffix(&name, "委会") && absl::EndsWith(name, "村")) {
        names.push_back(absl::StrCat(township.name, name, "股份经济合作社"));
      }
    }
  }
  return names;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ParcelOwners>> ParcelOwners::Create(
    const Options& options, const std::vector<std::string>& county_codes) {
  std::unique_ptr<ParcelOwners> owners(new ParcelOwners());
  absl::StatusOr<Places> places = Places::Create(resolver::DivisionTable::Builtin(), "45");
  if (!places.ok()) return places.status();
  const ChineseNames names;
  if (options.persons_path.empty()) {
    const size_t size = static_cast<size_t>(std::clamp<int64_t>(options.parcels / 3, 100, 50000));
    owners->persons_ =
        RepresentativePool::Fresh(*places, names, size, options.today, options.seed ^ kPersonSeed);
  } else {
    std::filesystem::path path(options.persons_path);
    if (std::filesystem::is_directory(path)) path /= "hukou.csv";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::NotFoundError(absl::StrCat("persons: cannot read ", path.string(),
                                              " (give hukou.csv of `mdhub gen persons`, or its "
                                              "output directory)"));
    }
    absl::StatusOr<RepresentativePool> pool = RepresentativePool::FromHukou(
        in, path.string(), kMaxPersons, options.today, options.seed ^ kPersonSeed);
    if (!pool.ok()) return pool.status();
    owners->persons_ = *std::move(pool);
  }
  if (options.orgs_path.empty()) {
    owners->GenerateOrgs(*places, names, county_codes, options.parcels, options.seed);
    return owners;
  }
  std::vector<std::string> files;
  const std::filesystem::path dir(options.orgs_path);
  if (std::filesystem::is_directory(dir)) {
    for (const char* name : kRegisters) {
      if (std::filesystem::exists(dir / name)) files.push_back((dir / name).string());
    }
  } else if (std::filesystem::exists(dir)) {
    files.push_back(options.orgs_path);
  }
  if (files.empty()) {
    return absl::NotFoundError(absl::StrCat("orgs: no ", options.orgs_path,
                                            " (give aic.csv, mca.csv or scopsr.csv of `mdhub gen "
                                            "orgs`, or its output directory)"));
  }
  Sample samples[kPoolCount];
  Rng rng(options.seed, kOrgStream);
  for (const std::string& file : files) {
    if (absl::Status s = ReadRegister(file, rng, samples); !s.ok()) return s;
  }
  for (int p = 0; p < kPoolCount; ++p) {
    owners->pools_[p].resize(1);
    for (auto& [code, name] : samples[p].orgs) {
      owners->pools_[p][0].push_back({std::move(code), std::move(name)});
    }
  }
  if (owners->organizations() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("orgs: ", options.orgs_path,
                     " holds no organisation with a valid credit code that is "
                     "not closed"));
  }
  return owners;
}

void ParcelOwners::GenerateOrgs(const Places& places, const ChineseNames& chinese,
                                const std::vector<std::string>& county_codes, int64_t parcels,
                                uint64_t seed) {
  const OrgNames names(places, chinese);
  const BodyNames bodies(places, names);
  OrgCodeIssuer issuer;
  Rng rng(seed, kOrgStream);
  const size_t businesses = static_cast<size_t>(std::clamp<int64_t>(parcels / 100, 10, 5000));
  const size_t institutions = static_cast<size_t>(std::clamp<int64_t>(parcels / 2000, 5, 500));
  for (std::vector<std::vector<Org>>& pool : pools_) pool.resize(county_codes.size());
  for (size_t c = 0; c < county_codes.size(); ++c) {
    const std::string& code = county_codes[c];
    auto county = std::find_if(places.counties().begin(), places.counties().end(),
                               [&](const County& k) { return k.code == code; });
    ABSL_RAW_CHECK(county != places.counties().end(), "county not in Guangxi");
    absl::flat_hash_set<std::string> taken;
    auto add = [&](OrgPool pool, absl::string_view prefix, absl::string_view code_prefix,
                   std::string name) {
      if (!taken.insert(name).second) return;
      pools_[pool][c].push_back(
          {MakeCreditCode(prefix, code, issuer.NewOrganizationCode(code_prefix)), name});
    };
    for (size_t i = 0; i < 4 * businesses && pools_[kBusiness][c].size() < businesses; ++i) {
      add(kBusiness, "91", "MA5",
          names.Company(Level::kCounty, *county, rng.Chance(0.03), rng).Text());
    }
    for (int b = 0; b < static_cast<int>(Bureaus().size()); ++b) {
      add(kPublic, "11", "MB", OrganName(places, b, Level::kCounty, *county, false));
    }
    for (size_t i = 0; i < 4 * institutions; ++i) {
      int sponsor = kNoSponsor;
      NameParts former;
      absl::CivilDay reformed;
      add(kPublic, "12", "MB",
          bodies.Institution(Level::kCounty, *county, rng, &sponsor, &former, &reformed).Text());
      if (pools_[kPublic][c].size() >= Bureaus().size() + institutions) break;
    }
    for (std::string& name : CollectiveNames(code)) add(kCollective, "N2", "MF", std::move(name));
    while (pools_[kCollective][c].size() < 5) {
      add(kCollective, "93", "MA5", names.Cooperative(*county, rng).Text());
    }
  }
}

OwnerRef ParcelOwners::Pick(OwnerKind kind, int county, absl::CivilDay on, Rng& rng) const {
  ABSL_RAW_CHECK(kind != OwnerKind::kState, "the state has no owner record");
  if (kind == OwnerKind::kPerson) {
    const Person& p = persons_->Pick(rng, on);
    return {p.citizen_id, p.name};
  }
  const OrgPool wanted = kind == OwnerKind::kBusiness     ? kBusiness
                         : kind == OwnerKind::kPublicBody ? kPublic
                                                          : kCollective;
  for (OrgPool p : {wanted, kBusiness, kPublic, kCollective}) {
    const std::vector<Org>& orgs = pools_[p][pools_[p].size() == 1 ? 0 : county];
    if (orgs.empty()) continue;
    const Org& org = orgs[rng.Uniform(orgs.size())];
    return {org.credit_code, org.name};
  }
  ABSL_RAW_LOG(FATAL, "no organisations");
  return {};
}

int64_t ParcelOwners::organizations() const {
  int64_t n = 0;
  for (const auto& pool : pools_) {
    for (const auto& orgs : pool) n += static_cast<int64_t>(orgs.size());
  }
  return n;
}

}  // namespace mdhub::gen

#include "tools/gen/internal/org_fixed.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace mdhub::gen {
namespace {

std::string Key(int bureau, Level level, const County& county) {
  return absl::StrCat(DivisionCode(level, county), "/", bureau);
}

// The parts of an employer name of Places::Employer: 广西|南宁市 + brand and trade + company
// form, or 南宁市 + public body.
FixedOrg Employer(const std::string& name, const County& county) {
  FixedOrg o;
  o.employer = true;
  o.county = &county;
  constexpr absl::string_view kForms[] = {"股份有限公司", "有限责任公司", "有限公司"};
  for (absl::string_view form : kForms) {
    if (!absl::EndsWith(name, form)) continue;
    o.kind = form == kForms[0] ? OrgKind::kJointStock : OrgKind::kCompany;
    const bool province = absl::StartsWith(name, "广西");
    o.level = province ? Level::kProvince : Level::kPrefecture;
    o.name.place = province ? "广西" : county.prefecture;
    o.name.bracket = ShortPlace(o.name.place);
    o.name.form = std::string(form);
    o.name.core = name.substr(o.name.place.size(), name.size() - o.name.place.size() - form.size());
    return o;
  }
  o.kind = OrgKind::kInstitution;
  o.level = Level::kPrefecture;
  o.name.place = county.prefecture;
  std::string body = name.substr(county.prefecture.size());
  for (absl::string_view form : {"医院", "中学", "小学", "院", "局"}) {
    if (absl::EndsWith(body, form)) {
      o.name.form = std::string(form);
      body.resize(body.size() - form.size());
      break;
    }
  }
  o.name.core = body;
  o.sponsor = absl::StrContains(name, "学")                                    ? kEducation
              : absl::StrContains(name, "医") || absl::StrContains(name, "保健") ? kHealth
                                                                                : kNoSponsor;
  return o;
}

}  // namespace

FixedOrgs::FixedOrgs(const Places& places, OrgCodeIssuer& codes, int64_t organ_budget,
                     bool employers)
    : places_(places) {
  // Each city's counties in the order of the table, and its seat: its first district.
  std::vector<std::string> cities;
  absl::flat_hash_map<std::string, std::vector<const County*>> counties_of;
  for (const County& c : places.counties()) {
    std::vector<const County*>& of = counties_of[c.code.substr(0, 4)];
    if (of.empty()) cities.push_back(c.code.substr(0, 4));
    of.push_back(&c);
  }
  std::vector<const County*> seats;
  for (const std::string& city : cities) {
    const std::vector<const County*>& of = counties_of[city];
    const County* seat = of.front();
    for (const County* c : of) {
      if (c->district) {
        seat = c;
        break;
      }
    }
    seats.push_back(seat);
  }
  const int bureaus = static_cast<int>(Bureaus().size());
  auto add = [&](int bureau, Level level, const County& county) {
    FixedOrg o;
    o.level = level;
    o.county = &county;
    o.name.place = DivisionName(places, level, county);
    o.name.core = OrganName(places, bureau, level, county, false).substr(o.name.place.size());
    if (std::string former = OrganName(places, bureau, level, county, true); !former.empty()) {
      o.former_name = o.name;
      o.former_name.core = former.substr(o.name.place.size());
      o.renamed_on = ReformDay(level);
    }
    o.organization_code = codes.LegacyOrganizationCode('0');
    o.credit_code = MakeCreditCode(CreditCodePrefix(OrgKind::kOrgan), DivisionCode(level, county),
                                   o.organization_code);
    organ_index_[Key(bureau, level, county)] = organs_.size();
    organs_.push_back(std::move(o));
  };
  for (int b = 0; b < bureaus; ++b) add(b, Level::kProvince, *seats.front());
  for (const County* seat : seats) {
    for (int b = 0; b < bureaus; ++b) add(b, Level::kPrefecture, *seat);
  }
  for (int b = 0; b < bureaus; ++b) {
    for (const County& c : places.counties()) add(b, Level::kCounty, c);
  }
  included_.assign(organs_.size(), false);
  for (size_t i = 0; i < organs_.size() && static_cast<int64_t>(i) < organ_budget; ++i) {
    included_[i] = true;
  }

  std::vector<FixedOrg> others;
  if (employers) {
    absl::flat_hash_map<std::string, size_t> organ_by_name;
    for (size_t i = 0; i < organs_.size(); ++i) organ_by_name[organs_[i].name.Text()] = i;
    absl::flat_hash_set<std::string> seen;
    for (const County* seat : seats) {
      const std::vector<const County*>& here = counties_of[seat->code.substr(0, 4)];
      for (int n = 0; n < Places::kEmployersPerPrefecture; ++n) {
        std::string name = places.EmployerName(*seat, n);
        if (!seen.insert(name).second) continue;
        if (auto it = organ_by_name.find(name); it != organ_by_name.end()) {
          included_[it->second] = true;
          organs_[it->second].employer = true;
          employer_organs_.push_back(it->second);
          continue;
        }
        others.push_back(Employer(name, *here[n % here.size()]));
      }
    }
  }
  for (size_t i = 0; i < organs_.size(); ++i) {
    if (included_[i]) list_.push_back(organs_[i]);
  }
  other_employers_ = static_cast<int64_t>(others.size());
  for (FixedOrg& o : others) list_.push_back(std::move(o));
}

int64_t FixedOrgs::CountWith(int64_t organ_budget) const {
  int64_t count = std::min<int64_t>(organ_budget, organs_.size()) + other_employers_;
  for (size_t i : employer_organs_) count += static_cast<int64_t>(i) >= organ_budget;
  return count;
}

const FixedOrg* FixedOrgs::Find(int bureau, Level level, const County& county,
                                bool included) const {
  auto it = organ_index_.find(Key(bureau, level, county));
  if (it == organ_index_.end() || (included && !included_[it->second])) return nullptr;
  return &organs_[it->second];
}

const FixedOrg& FixedOrgs::Sponsor(int bureau, Level level, const County& county) const {
  for (Level l : {Level::kCounty, Level::kPrefecture, Level::kProvince}) {
    if (static_cast<int>(l) > static_cast<int>(level)) continue;
    if (const FixedOrg* o = Find(bureau, l, county, true)) return *o;
  }
  return *Find(bureau, level, county, false);
}

}  // namespace mdhub::gen

#include "tools/gen/internal/org_population.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tools/gen/internal/org_facts.h"

namespace mdhub::gen {
namespace {

// The kinds drawn for organisations that are not fixed (organs are all fixed).
constexpr OrgKind kDrawnKinds[] = {OrgKind::kCompany,     OrgKind::kJointStock,
                                   OrgKind::kIndividual,  OrgKind::kCooperative,
                                   OrgKind::kSocialGroup, OrgKind::kNonEnterprise,
                                   OrgKind::kFoundation,  OrgKind::kInstitution};
// The reform that gave organisations credit codes: those registered before it had legacy codes
// and got a credit code between these days.
constexpr absl::CivilDay kReform(2015, 10, 1);
constexpr absl::CivilDay kReissuedBy(2017, 12, 31);
// Streams of random numbers besides the groups' (stream = group number).
constexpr uint64_t kScheduleStream = uint64_t{1} << 62;

std::vector<double> KindWeights(const OrgGeneratorOptions::Rates& r) {
  return {r.limited_company,     r.joint_stock_company, r.individual_business,
          r.cooperative,         r.social_group,        r.non_enterprise_unit,
          r.foundation,          r.public_institution};
}

uint64_t Fnv1a(absl::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

bool Enterprise(OrgKind kind) { return HomeRegistry(kind) == Registry::kAic; }
bool Company(OrgKind kind) { return kind == OrgKind::kCompany || kind == OrgKind::kJointStock; }

// Number of branches of a company that has some: 1 to 5, fewer more often.
int BranchCount(Rng& rng) {
  static const WeightedIndex* const kDraw =
      new WeightedIndex(std::vector<double>{0.45, 0.25, 0.15, 0.1, 0.05});
  return 1 + static_cast<int>(kDraw->Draw(rng));
}

}  // namespace

OrgPopulation::OrgPopulation(const Places& places, const OrgNames& names, const BodyNames& bodies,
                             const RepresentativePool& representatives,
                             const OrgGeneratorOptions& options)
    : places_(places),
      names_(names),
      bodies_(bodies),
      representatives_(representatives),
      options_(options),
      rates_(options.rates),
      kinds_(KindWeights(options.rates)),
      schedule_(options.seed, kScheduleStream) {
  for (const County& c : places.counties()) counties_of_city_[c.code.substr(0, 4)].push_back(&c);
}

absl::StatusOr<std::unique_ptr<OrgPopulation>> OrgPopulation::Create(
    const Places& places, const OrgNames& names, const BodyNames& bodies,
    const RepresentativePool& representatives, const OrgGeneratorOptions& options,
    bool employers) {
  std::unique_ptr<OrgPopulation> p(
      new OrgPopulation(places, names, bodies, representatives, options));
  auto organ_budget = [&](int64_t organizations) {
    return static_cast<int64_t>(organizations * options.rates.government_organ + 0.5);
  };
  p->fixed_ = std::make_unique<FixedOrgs>(places, p->codes_, organ_budget(options.organizations),
                                          employers);
  const std::vector<FixedOrg>& fixed = p->fixed_->organisations();
  if (static_cast<int64_t>(fixed.size()) > options.organizations) {
    // The least count that holds the employers and its own share of organs.
    int64_t least = static_cast<int64_t>(fixed.size());
    while (p->fixed_->CountWith(organ_budget(least)) > least) {
      least = p->fixed_->CountWith(organ_budget(least));
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "with a persons register, the number of organisations must be at least ", least,
        " (the employers its persons name, and the government organs), got ",
        options.organizations));
  }
  for (const FixedOrg& f : fixed) p->Take(f.name.Text());
  return p;
}

bool OrgPopulation::Take(const std::string& name) {
  return names_in_use_.insert(Fnv1a(name)).second;
}

const County& OrgPopulation::CountyNear(const County& county, Rng& rng) const {
  const double where = rng.Real();
  if (where < 0.3) return county;
  if (where < 0.65) return places_.PickCounty(rng);
  const std::vector<const County*>& city = counties_of_city_.at(county.code.substr(0, 4));
  return *city[rng.Uniform(city.size())];
}

std::string OrgPopulation::Address(const County& county, Rng& rng) const {
  return places_.FullAddress(county, places_.Locality(county, rng));
}

void OrgPopulation::Next(std::vector<TrueOrg>* group, OrgGenerationSummary* summary) {
  group->clear();
  const std::vector<FixedOrg>& fixed = fixed_->organisations();
  const int64_t left = options_.organizations - next_org_;
  const auto fixed_left = static_cast<int64_t>(fixed.size() - next_fixed_);
  const bool take_fixed =
      fixed_left > 0 && (fixed_left >= left || schedule_.Chance(1.0 * fixed_left / left));
  Rng rng(options_.seed, static_cast<uint64_t>(next_group_++));
  group->push_back(Head(take_fixed ? &fixed[next_fixed_++] : nullptr, rng));
  const int64_t room = left - 1 - (fixed_left - (take_fixed ? 1 : 0));
  if (Company(group->front().kind) && room > 0 && rng.Chance(rates_.company_with_branches)) {
    std::vector<TrueOrg> branches;
    Branches(group->front(), static_cast<int>(std::min<int64_t>(room, BranchCount(rng))), rng,
             &branches);
    for (TrueOrg& b : branches) group->push_back(std::move(b));
  }
  for (const TrueOrg& o : *group) {
    switch (o.kind) {
      case OrgKind::kCompany:
      case OrgKind::kJointStock:
        ++summary->companies;
        break;
      case OrgKind::kIndividual:
        ++summary->individual_businesses;
        break;
      case OrgKind::kCooperative:
        ++summary->cooperatives;
        break;
      case OrgKind::kSocialGroup:
        ++summary->social_groups;
        break;
      case OrgKind::kNonEnterprise:
        ++summary->non_enterprise_units;
        break;
      case OrgKind::kFoundation:
        ++summary->foundations;
        break;
      case OrgKind::kOrgan:
        ++summary->organs;
        break;
      case OrgKind::kInstitution:
        ++summary->institutions;
        break;
    }
    summary->branches += o.branch();
    summary->employers += o.employer;
    summary->renamed += o.renamed_on != kNoChange;
    summary->representative_changes += o.representative_changed_on != kNoChange;
    summary->moved += o.moved_on != kNoChange;
    summary->closed += o.status != OrgStatus::kActive;
    summary->closed_before_codes += o.credit_code.empty();
  }
}

TrueOrg OrgPopulation::Head(const FixedOrg* fixed, Rng& rng) {
  TrueOrg o;
  o.number = next_org_++;
  int sponsor = kNoSponsor;
  if (fixed != nullptr) {
    o.kind = fixed->kind;
    o.level = fixed->level;
    o.county = fixed->county;
    o.name = fixed->name;
    o.former_name = fixed->former_name;
    o.renamed_on = fixed->renamed_on;
    o.employer = fixed->employer;
    o.organization_code = fixed->organization_code;
    o.credit_code = fixed->credit_code;
    sponsor = fixed->sponsor;
  } else {
    o.kind = kDrawnKinds[kinds_.Draw(rng)];
    o.county = &places_.PickCounty(rng);
    o.level = RegistrationLevel(o.kind, rng);
  }
  o.established = EstablishedDay(o.kind, options_.reference_date, rng);
  if (o.renamed_on != kNoChange && o.established >= o.renamed_on) {
    o.established = DayBetween(rng, absl::CivilDay(1950, 1, 1), o.renamed_on - 365);
  }
  // The first representative, an adult then (the heads of organs and institutions: 35 or more
  // now); a business without a name of its own is called after its operator.
  const absl::CivilDay today = options_.reference_date;
  const bool public_body = o.kind == OrgKind::kOrgan || o.kind == OrgKind::kInstitution;
  o.representative =
      representatives_.Pick(rng, public_body ? YearsAfter(today, -17) : o.established);
  if (Enterprise(o.kind)) {
    o.established = std::max(o.established, YearsAfter(o.representative.birth, 18));
  }
  if (fixed == nullptr) Name(o, rng, &sponsor);
  o.type_text = TypeText(o.kind, false, rng);
  o.capital = Capital(o.kind, rng);
  if (Enterprise(o.kind)) {
    o.scope = o.kind == OrgKind::kIndividual    ? absl::StrCat(o.name.trade, "零售、服务")
              : o.kind == OrgKind::kCooperative ? absl::StrCat("组织收购、销售成员生产的产品（",
                                                               o.name.trade, "）；技术培训")
                                                : OrgNames::CompanyScope(o.name.trade);
  } else if (o.kind != OrgKind::kOrgan) {
    o.scope = BodyNames::Scope(o.name);
  }
  o.address = Address(*o.county, rng);
  const bool mobile = (o.kind == OrgKind::kIndividual || o.kind == OrgKind::kCooperative) &&
                      rng.Chance(0.7);
  o.phone = mobile ? Mobile(rng) : Landline(*o.county, rng);
  History(o, rng);
  Codes(o, rng);
  if (sponsor != kNoSponsor) Sponsor(o, sponsor);
  return o;
}

void OrgPopulation::Name(TrueOrg& o, Rng& rng, int* sponsor) {
  NameParts former;
  absl::CivilDay reformed = kNever;
  for (int attempt = 0;; ++attempt) {
    // The province and each city have a hundred or so names of each kind of body (广西医学会,
    // 南宁市人民医院): after a few clashes an organisation of a county, of another county, and at
    // last of one of its townships (as many as needed).
    if (attempt == 10) o.level = Level::kCounty;
    if (attempt >= 20) o.county = &places_.PickCounty(rng);
    switch (o.kind) {
      case OrgKind::kCompany:
      case OrgKind::kJointStock:
        o.name = names_.Company(o.level, *o.county, o.kind == OrgKind::kJointStock, rng);
        break;
      case OrgKind::kIndividual:
        o.name = names_.Shop(*o.county, o.representative, rng);
        break;
      case OrgKind::kCooperative:
        o.name = names_.Cooperative(*o.county, rng);
        break;
      case OrgKind::kSocialGroup:
        o.name = bodies_.SocialGroup(o.level, *o.county, rng, sponsor);
        break;
      case OrgKind::kNonEnterprise:
        o.name = bodies_.NonEnterprise(o.level, *o.county, rng, sponsor);
        break;
      case OrgKind::kFoundation:
        o.name = bodies_.Foundation(o.level, *o.county, rng, sponsor);
        break;
      case OrgKind::kOrgan:
      case OrgKind::kInstitution:
        reformed = kNever;
        o.name = bodies_.Institution(o.level, *o.county, rng, sponsor, &former, &reformed);
        break;
    }
    if (attempt >= 30 && !Enterprise(o.kind)) {
      o.name.core = absl::StrCat(places_.Township(rng), o.name.core);
    }
    if (Take(o.name.Text())) break;
  }
  if (reformed != kNever && o.established < reformed && Take(former.Text())) {
    o.former_name = former;
    o.renamed_on = reformed;
  }
}

void OrgPopulation::History(TrueOrg& o, Rng& rng) {
  const absl::CivilDay today = options_.reference_date;
  DrawStatus(o.kind, o.established, today, rng, &o);
  // Changes happen while the organisation is open.
  const absl::CivilDay last = std::min(today, o.status_date) - 30;
  const absl::CivilDay first = o.established + 365;
  const double change = o.kind == OrgKind::kOrgan ? 0.5 : rates_.representative_change;
  if (first < last && rng.Chance(change)) {
    const absl::CivilDay on = DayBetween(rng, first, last);
    const Person& next =
        representatives_.Pick(rng, o.kind == OrgKind::kOrgan ? YearsAfter(on, -17) : on);
    if (next.citizen_id != o.representative.citizen_id &&
        (!Enterprise(o.kind) || YearsAfter(next.birth, 18) <= on)) {
      o.former_representative = std::move(o.representative);
      o.representative = next;
      o.representative_changed_on = on;
    }
  }
  if (first < last && rng.Chance(rates_.move)) {
    o.moved_on = DayBetween(rng, o.established + 180, last);
    o.former_address = std::move(o.address);
    o.address = Address(rng.Chance(0.75) ? *o.county : places_.PickCounty(rng), rng);
    o.former_phone = o.phone;
    if (rng.Chance(0.6)) o.phone = Landline(*o.county, rng);
  }
  if (o.kind != OrgKind::kOrgan && o.kind != OrgKind::kInstitution && first < last &&
      o.renamed_on == kNoChange && rng.Chance(rates_.rename)) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      NameParts other = Enterprise(o.kind) ? names_.OtherName(o.name, o.kind, rng)
                                           : bodies_.OtherName(o.name, o.kind, rng);
      if (other.Text() != o.name.Text() && Take(other.Text())) {
        o.former_name = std::move(other);
        o.renamed_on = DayBetween(rng, first, last);
        break;
      }
    }
  }
}

void OrgPopulation::Codes(TrueOrg& o, Rng& rng) {
  if (o.kind == OrgKind::kOrgan) {
    // The codes were issued up front (FixedOrgs), and organs do not close.
    o.code_issued = DayBetween(rng, kReform, kReissuedBy);
    return;
  }
  const Registry registry = HomeRegistry(o.kind);
  const std::string region = DivisionCode(o.level, *o.county);
  if (o.established < kReform) {
    if (o.kind != OrgKind::kIndividual) {
      const char lead = registry == Registry::kMca     ? '5'
                        : o.kind == OrgKind::kInstitution ? '4'
                        : rng.Chance(0.5)              ? '6'
                                                       : '7';
      o.organization_code = codes_.LegacyOrganizationCode(lead);
    }
    if (registry == Registry::kAic) {
      o.registration_number = codes_.RegistrationNumber(region, o.kind == OrgKind::kIndividual);
    }
    o.code_issued = DayBetween(rng, kReform, kReissuedBy);
  } else {
    o.code_issued = o.established;
  }
  if (o.status != OrgStatus::kActive && o.status_date < o.code_issued) {
    o.code_issued = kNever;  // closed before the reform reached it
    return;
  }
  std::string organization_code = o.organization_code;
  if (organization_code.empty()) {
    organization_code = codes_.NewOrganizationCode(registry == Registry::kAic   ? "MA5"
                                                   : registry == Registry::kMca ? "MJ"
                                                                                : "MB");
  }
  o.credit_code = MakeCreditCode(CreditCodePrefix(o.kind), region, organization_code);
}

void OrgPopulation::Sponsor(TrueOrg& o, int bureau) {
  const FixedOrg& organ = fixed_->Sponsor(bureau, o.level, *o.county);
  o.sponsor_name = organ.name.Text();
  o.sponsor_credit_code = organ.credit_code;
  if (organ.renamed_on != kNoChange) {
    o.sponsor_former_name = organ.former_name.Text();
    o.sponsor_renamed_on = organ.renamed_on;
  }
}

void OrgPopulation::Branches(const TrueOrg& head, int count, Rng& rng,
                             std::vector<TrueOrg>* group) {
  const absl::CivilDay today = options_.reference_date;
  const absl::CivilDay head_end = std::min(today, head.status_date);
  for (int ordinal = 1; ordinal <= count; ++ordinal) {
    TrueOrg b;
    b.number = next_org_++;
    b.kind = head.kind;
    b.head = head.number;
    b.county = &CountyNear(*head.county, rng);
    b.level = Level::kCounty;
    for (int attempt = 0;; ++attempt) {
      b.name = names_.Branch(head.name, *head.county, *b.county, ordinal + attempt * count, rng);
      if (Take(b.name.Text())) break;
    }
    b.established = DayBetween(rng, head.established + 30, head_end - 30);
    if (head.renamed_on != kNoChange && b.established < head.renamed_on) {
      b.former_name = head.former_name;
      b.former_name.branch = b.name.branch;
      b.renamed_on = head.renamed_on;
    }
    b.representative = rng.Chance(rates_.branch_shares_representative)
                           ? head.representative
                           : representatives_.Pick(rng, b.established);
    b.address = b.county == head.county && rng.Chance(rates_.branch_shares_address)
                    ? head.address
                    : Address(*b.county, rng);
    b.phone = rng.Chance(0.3) ? head.phone : Landline(*b.county, rng);
    b.type_text = TypeText(b.kind, true, rng);
    b.scope = head.scope;
    if (head.status != OrgStatus::kActive) {
      // A head office closes its branches first.
      b.status = OrgStatus::kCancelled;
      b.status_date = DayBetween(rng, b.established + 1, head.status_date);
      b.status_reason = StatusReason(b.kind, b.status, b.status_date, rng);
    } else {
      DrawStatus(b.kind, b.established, today, rng, &b);
    }
    Codes(b, rng);
    b.head_credit_code = head.credit_code;
    b.head_code_issued = head.code_issued;
    group->push_back(std::move(b));
  }
}

}  // namespace mdhub::gen

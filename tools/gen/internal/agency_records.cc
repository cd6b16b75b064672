#include "tools/gen/internal/agency_records.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace mdhub::gen {

const absl::string_view kHukouHeader[8] = {"hukou_no", "姓名",     "曾用名", "身份证号",
                                           "性别",     "出生日期", "户号",   "住址"};
const absl::string_view kHealthHeader[7] = {"patient_id", "name",  "id_card", "gender",
                                            "birth",      "phone", "address"};
const absl::string_view kHrssHeader[6] = {"person_no", "xm", "sfzh", "xb", "csrq", "dwmc"};

namespace {

constexpr int kChildAge = 14;

std::string IsoDate(absl::CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::string CompactDate(absl::CivilDay d) {
  return absl::StrFormat("%04d%02d%02d", d.year(), d.month(), d.day());
}

// Full-width digits and letters, as some input methods type them.
std::string FullWidth(absl::string_view s) {
  std::string out;
  for (char c : s) {
    if (absl::ascii_isalnum(c)) {
      const unsigned cp = 0xFF00 + static_cast<unsigned char>(c) - 0x20;
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string MistypedCitizenId(absl::string_view id, Rng& rng) {
  std::string out(id);
  if (rng.Chance(0.2)) {
    // Swap two different neighbours.
    for (;;) {
      const size_t i = rng.Uniform(16);
      if (out[i] != out[i + 1]) {
        std::swap(out[i], out[i + 1]);
        return out;
      }
    }
  }
  const size_t i = rng.Uniform(17);
  out[i] = static_cast<char>('0' + (out[i] - '0' + rng.Between(1, 9)) % 10);
  return out;
}

std::string LegacyCitizenId(absl::string_view id) {
  return absl::StrCat(id.substr(0, 6), id.substr(8, 9));
}

void AgencyRecords::Hukou(const Household& h, const TruePerson& p, Rng& rng,
                          std::vector<PendingRecord>* out, PersonGenerationSummary* summary) const {
  if (rng.Chance(rates_.hukou_missing)) return;
  std::string id = p.citizen_id;
  if (p.birth.year() < 1980 && rng.Chance(rates_.hukou_legacy_id_of_pre1980)) {
    id = LegacyCitizenId(id);
    ++summary->hukou_legacy_ids;
  }
  out->push_back({p.number,
                  {p.name(), p.former_name(), std::move(id), p.male ? "男" : "女", IsoDate(p.birth),
                   h.household_no, h.address}});
}

std::string AgencyRecords::HealthName(const TruePerson& p, Rng& rng,
                                      PersonGenerationSummary* summary) const {
  std::string surname = p.surname;
  std::string given = !p.former_given_name.empty() && rng.Chance(rates_.health_former_name)
                          ? p.former_given_name
                          : p.given_name;
  const std::string as_registered = absl::StrCat(surname, given);
  if (rng.Chance(rates_.health_same_sounding)) given = names_.SameSounding(given, rng);
  if (rng.Chance(rates_.health_misheard_surname)) {
    surname = names_.MisheardSurname(surname, rng);
  }
  std::string name = rng.Chance(rates_.health_space_in_name) ? absl::StrCat(surname, " ", given)
                                                             : absl::StrCat(surname, given);
  if (rng.Chance(rates_.health_traditional)) name = names_.Traditional(name);
  if (name != as_registered) ++summary->health_name_variants;
  return name;
}

std::string AgencyRecords::HealthId(const Household& h, const TruePerson& p, Rng& rng,
                                    PersonGenerationSummary* summary) const {
  if (rng.Chance(rates_.health_missing_id)) {
    ++summary->health_missing_ids;
    return "";
  }
  if (rng.Chance(rates_.health_wrong_id)) {
    ++summary->health_wrong_ids;
    return MistypedCitizenId(p.citizen_id, rng);
  }
  if (p.parent >= 0 && AgeOn(p.birth, options_.reference_date) < kChildAge &&
      rng.Chance(rates_.health_parent_id_of_children)) {
    ++summary->health_parent_ids;
    return h.members[p.parent].citizen_id;
  }
  if (p.birth.year() < 1980 && rng.Chance(rates_.health_legacy_id_of_pre1980)) {
    return LegacyCitizenId(p.citizen_id);
  }
  std::string id = p.citizen_id;
  if (id.back() == 'X' && rng.Chance(0.5)) id.back() = 'x';
  if (rng.Chance(0.003)) id = FullWidth(id);
  return id;
}

std::string AgencyRecords::HealthBirth(absl::CivilDay birth, Rng& rng) const {
  absl::CivilDay d = birth;
  if (rng.Chance(rates_.health_wrong_birth)) {
    if (d.day() <= 12 && d.day() != d.month()) {
      d = absl::CivilDay(d.year(), d.day(), d.month());
    } else {
      d += d.day() > 1 ? -1 : 1;
    }
  }
  const int y = static_cast<int>(d.year()), m = d.month(), day = d.day();
  if (rng.Chance(rates_.health_year_month_only)) {
    switch (rng.Uniform(3)) {
      case 0:
        return absl::StrFormat("%04d%02d", y, m);
      case 1:
        return absl::StrFormat("%04d-%02d", y, m);
      default:
        return absl::StrFormat("%d年%d月", y, m);
    }
  }
  const double style = rng.Real();
  if (style < 0.32) return CompactDate(d);
  if (style < 0.53) return absl::StrFormat("%d/%d/%d", y, m, day);
  if (style < 0.69) return absl::StrFormat("%d年%d月%d日", y, m, day);
  return IsoDate(d);
}

std::string AgencyRecords::HealthPhone(const Household& h, const TruePerson& p, Rng& rng) const {
  if (rng.Chance(rates_.health_missing_phone)) return "";
  // Children are reached through a parent; adults without a mobile give a relative's.
  std::string phone = p.phone;
  if (phone.empty() && p.parent >= 0) phone = h.members[p.parent].phone;
  if (phone.empty() && rng.Chance(0.5)) phone = h.members.front().phone;
  if (phone.empty()) return "";
  if (rng.Chance(rates_.health_wrong_phone)) {
    const size_t i = 3 + rng.Uniform(8);
    phone[i] = static_cast<char>('0' + (phone[i] - '0' + rng.Between(1, 9)) % 10);
  }
  const double style = rng.Real();
  if (style < 0.01) return absl::StrCat("+86 ", phone);
  if (style < 0.03) {
    const absl::string_view separator = style < 0.02 ? "-" : " ";
    return absl::StrCat(phone.substr(0, 3), separator, phone.substr(3, 4), separator,
                        phone.substr(7));
  }
  return phone;
}

std::string AgencyRecords::HealthAddress(const Household& h, Rng& rng) const {
  if (rng.Chance(rates_.health_missing_address)) return "";
  if (rng.Chance(rates_.health_moved)) {
    const County& elsewhere = places_.PickCounty(rng);
    return places_.FullAddress(elsewhere, places_.Locality(elsewhere, rng));
  }
  const County& c = *h.county;
  // The locality is what follows province, prefecture and county in the full address.
  const absl::string_view locality = absl::string_view(h.address).substr(
      places_.province_name().size() + c.prefecture.size() + c.name.size());
  const double style = rng.Real();
  if (style < 0.42) return h.address;
  if (style < 0.73) return absl::StrCat(c.prefecture, c.name, locality);
  if (style < 0.88) return absl::StrCat("广西", c.prefecture, c.name, locality);
  return absl::StrCat(c.name, locality);
}

void AgencyRecords::Health(const Household& h, const TruePerson& p, Rng& rng,
                           std::vector<PendingRecord>* out,
                           PersonGenerationSummary* summary) const {
  if (!rng.Chance(rates_.health_coverage)) return;
  int copies = 1;
  if (rng.Chance(rates_.health_duplicate)) copies += rng.Chance(0.9) ? 1 : 2;
  summary->health_duplicates += copies - 1;
  // Hospitals code sex as M/F or as 1/2; a few leave it blank.
  for (int i = 0; i < copies; ++i) {
    std::string name = HealthName(p, rng, summary);
    std::string id = HealthId(h, p, rng, summary);
    const double code = rng.Real();
    std::string gender = code < 0.01  ? ""
                         : code < 0.5 ? (p.male ? "M" : "F")
                                      : (p.male ? "1" : "2");
    out->push_back({p.number,
                    {std::move(name), std::move(id), std::move(gender), HealthBirth(p.birth, rng),
                     HealthPhone(h, p, rng), HealthAddress(h, rng)}});
  }
}

void AgencyRecords::Hrss(const Household& h, const TruePerson& p, Rng& rng,
                         std::vector<PendingRecord>* out, PersonGenerationSummary* summary) const {
  const int age = AgeOn(p.birth, options_.reference_date);
  const double coverage = age < 18    ? 0.0
                          : age <= 60 ? rates_.hrss_working_age
                                      : rates_.hrss_retired;
  if (!rng.Chance(coverage)) return;
  const std::string& given = !p.former_given_name.empty() && rng.Chance(rates_.hrss_former_name)
                                 ? p.former_given_name
                                 : p.given_name;
  std::string name = absl::StrCat(p.surname, given);
  if (rng.Chance(rates_.hrss_pinyin)) {
    name = names_.Pinyin(p.surname, given, rng.Chance(0.5));
    ++summary->hrss_pinyin_names;
  }
  std::string id =
      rng.Chance(rates_.hrss_wrong_id) ? MistypedCitizenId(p.citizen_id, rng) : p.citizen_id;
  out->push_back({p.number,
                  {std::move(name), std::move(id), p.male ? "1" : "2", CompactDate(p.birth),
                   age <= 60 ? p.employer : ""}});
}

}  // namespace mdhub::gen

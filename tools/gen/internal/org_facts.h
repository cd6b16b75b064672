// Facts of generated organisations that depend on their kind alone: when they were founded and at
// which level, their capital, the business register's type text, how they closed, their phones.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_FACTS_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_FACTS_H_

#include <string>

#include "absl/time/civil_time.h"
#include "tools/gen/internal/org_model.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// A day in [lo, hi]; lo when hi is before it.
absl::CivilDay DayBetween(Rng& rng, absl::CivilDay lo, absl::CivilDay hi);
// The day `years` whole years after `day` (29 February to 28 February).
absl::CivilDay YearsAfter(absl::CivilDay day, int years);

// The day an organisation of `kind` was established, not after `today`: enterprises mostly in
// recent years (their number grows ~10% a year), cooperatives since the 2007 law, organs
// 1950-1990, institutions from 1950 on.
absl::CivilDay EstablishedDay(OrgKind kind, absl::CivilDay today, Rng& rng);
// The level of the authority that registers a new organisation of `kind`.
Level RegistrationLevel(OrgKind kind, Rng& rng);
// 注册资本 / 开办资金 / 原始基金: "100万元人民币", "3万元"; "" for organs.
std::string Capital(OrgKind kind, Rng& rng);
// The business register's 企业类型 of a head office or branch; the kind's name for the others
// (社会团体, 机关 ...).
std::string TypeText(OrgKind kind, bool branch, Rng& rng);
// Whether and when an organisation of `kind` closed (注销, 吊销, 撤销, 迁出), and why: sets
// status, status_date (in (established, today]) and status_reason of *org.
void DrawStatus(OrgKind kind, absl::CivilDay established, absl::CivilDay today, Rng& rng,
                TrueOrg* org);
// The reason an organisation of `kind` gives for closing with `status`.
std::string StatusReason(OrgKind kind, OrgStatus status, absl::CivilDay day, Rng& rng);
// A fixed line of the county's city, "0771-5551234", or a mobile number.
std::string Landline(const County& county, Rng& rng);
std::string Mobile(Rng& rng);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_FACTS_H_

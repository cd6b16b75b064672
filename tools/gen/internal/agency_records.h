// How each agency records a true person: its own columns and formats, and its own errors (rates
// in PersonGeneratorOptions::Rates).
#ifndef MDHUB_TOOLS_GEN_INTERNAL_AGENCY_RECORDS_H_
#define MDHUB_TOOLS_GEN_INTERNAL_AGENCY_RECORDS_H_

#include <string>
#include <vector>

#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/csv_sink.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/population.h"
#include "tools/gen/internal/random.h"
#include "tools/gen/person_generator.h"

namespace mdhub::gen {

// The header rows, record key first.
extern const absl::string_view kHukouHeader[8];
extern const absl::string_view kHealthHeader[7];
extern const absl::string_view kHrssHeader[6];

// Immutable after construction; the rng and summary passed to each call are the caller's.
class AgencyRecords {
 public:
  // The arguments must outlive the object.
  AgencyRecords(const ChineseNames& names, const Places& places,
                const PersonGeneratorOptions& options)
      : names_(names), places_(places), options_(options), rates_(options.rates) {}

  // The household register's record of `p` (the fields after hukou_no), unless it lacks them.
  void Hukou(const Household& h, const TruePerson& p, Rng& rng, std::vector<PendingRecord>* out,
             PersonGenerationSummary* summary) const;
  // The patient index's records of `p`: none, one, or duplicates.
  void Health(const Household& h, const TruePerson& p, Rng& rng, std::vector<PendingRecord>* out,
              PersonGenerationSummary* summary) const;
  // Social security's record of `p`, if insured.
  void Hrss(const Household& h, const TruePerson& p, Rng& rng, std::vector<PendingRecord>* out,
            PersonGenerationSummary* summary) const;

 private:
  std::string HealthName(const TruePerson& p, Rng& rng, PersonGenerationSummary* summary) const;
  std::string HealthId(const Household& h, const TruePerson& p, Rng& rng,
                       PersonGenerationSummary* summary) const;
  std::string HealthBirth(absl::CivilDay birth, Rng& rng) const;
  std::string HealthPhone(const Household& h, const TruePerson& p, Rng& rng) const;
  std::string HealthAddress(const Household& h, Rng& rng) const;

  const ChineseNames& names_;
  const Places& places_;
  const PersonGeneratorOptions& options_;
  const PersonGeneratorOptions::Rates& rates_;
};

// Identity-number errors: one digit changed or two neighbours swapped among the first 17
// characters; the check character then always fails (ISO 7064 MOD 11-2 catches both).
std::string MistypedCitizenId(absl::string_view id, Rng& rng);
// The 15-digit form of an 18-character number of someone born in the 1900s.
std::string LegacyCitizenId(absl::string_view id);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_AGENCY_RECORDS_H_

// How the three registries record a true organisation: each its own columns and formats, and
// the records real registers hold besides the current one (a pre-2015 record, a county bureau's
// copy, a record in the other registry), with their errors (rates in
// OrgGeneratorOptions::Rates).
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_RECORDS_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_RECORDS_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "tools/gen/internal/csv_sink.h"
#include "tools/gen/internal/org_model.h"
#include "tools/gen/internal/org_names.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/random.h"
#include "tools/gen/org_generator.h"

namespace mdhub::gen {

// A column of an extract and the attribute of docs/legal_entities.md it holds ("" for the key).
struct OrgColumn {
  absl::string_view name;
  absl::string_view attribute;
};
// The columns of a registry's extract, the key first.
absl::Span<const OrgColumn> OrgColumns(Registry registry);

// Immutable after construction; the rng and summary passed to each call are the caller's.
class OrgRecords {
 public:
  // The arguments must outlive the object.
  OrgRecords(const Places& places, const OrgNames& names, const OrgGeneratorOptions& options)
      : places_(places), names_(names), options_(options), rates_(options.rates) {}

  // Every record of `org`: out[r] receives those of Registry r (the fields after the key, in
  // the order of OrgColumns).
  void Records(const TrueOrg& org, Rng& rng, std::vector<PendingRecord> (&out)[kRegistryCount],
               OrgGenerationSummary* summary) const;

 private:
  enum class Kind { kCurrent, kLegacy, kDuplicate, kCrossRegistry };
  // The record of `org` that `registry` made on `day`.
  PendingRecord Record(const TrueOrg& org, Registry registry, Kind kind, absl::CivilDay day,
                       Rng& rng, OrgGenerationSummary* summary) const;
  std::string CreditCode(const TrueOrg& org, Kind kind, absl::CivilDay day, Rng& rng,
                         OrgGenerationSummary* summary) const;
  std::string Status(const TrueOrg& org, Registry registry, Kind kind, absl::CivilDay day,
                     Rng& rng) const;
  std::string Authority(const TrueOrg& org, Registry registry, Kind kind, absl::CivilDay day,
                        Rng& rng) const;
  std::string Date(absl::CivilDay day, Registry registry, Kind kind, Rng& rng) const;
  std::string Address(const std::string& address, Kind kind, Rng& rng) const;

  const Places& places_;
  const OrgNames& names_;
  const OrgGeneratorOptions& options_;
  const OrgGeneratorOptions::Rates& rates_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_RECORDS_H_

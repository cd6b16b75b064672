// The true organisations behind the generated legal-entity extracts, made one head organisation
// (with its branches) at a time: names unique within the province, valid codes, and a history of
// renames, representative changes, moves and closures.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_POPULATION_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_POPULATION_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "tools/gen/internal/org_bodies.h"
#include "tools/gen/internal/org_codes.h"
#include "tools/gen/internal/org_fixed.h"
#include "tools/gen/internal/org_model.h"
#include "tools/gen/internal/org_names.h"
#include "tools/gen/internal/representatives.h"
#include "tools/gen/org_generator.h"

namespace mdhub::gen {

// Deterministic given the options. Not thread-safe. Memory grows by 8 bytes per name in use.
class OrgPopulation {
 public:
  // The arguments must outlive the population. With `employers`, every employer name of
  // Places::Employer is an organisation; INVALID_ARGUMENT when they do not fit in
  // options.organizations.
  static absl::StatusOr<std::unique_ptr<OrgPopulation>> Create(
      const Places& places, const OrgNames& names, const BodyNames& bodies,
      const RepresentativePool& representatives, const OrgGeneratorOptions& options,
      bool employers);

  // Replaces *group with the next head organisation and its branches (numbered after the
  // previous group's), and counts them in *summary. The organs and employers are spread over the
  // run; the last group ends at options.organizations. REQUIRES: organizations() is below it.
  void Next(std::vector<TrueOrg>* group, OrgGenerationSummary* summary);
  int64_t organizations() const { return next_org_; }

 private:
  OrgPopulation(const Places& places, const OrgNames& names, const BodyNames& bodies,
                const RepresentativePool& representatives, const OrgGeneratorOptions& options);

  TrueOrg Head(const FixedOrg* fixed, Rng& rng);
  // A unique name for a new organisation of `kind`; sets its sponsor and a reform rename.
  void Name(TrueOrg& org, Rng& rng, int* sponsor);
  // Appends `count` branches of `head` to *branches.
  void Branches(const TrueOrg& head, int count, Rng& rng, std::vector<TrueOrg>* branches);
  // Representative, address, phone, renames, moves and closure.
  void History(TrueOrg& org, Rng& rng);
  void Codes(TrueOrg& org, Rng& rng);
  void Sponsor(TrueOrg& org, int bureau);
  // Takes `name` for an organisation; false when another has it.
  bool Take(const std::string& name);
  // `county`, another of its city, or any (where branches are).
  const County& CountyNear(const County& county, Rng& rng) const;
  std::string Address(const County& county, Rng& rng) const;

  const Places& places_;
  const OrgNames& names_;
  const BodyNames& bodies_;
  const RepresentativePool& representatives_;
  const OrgGeneratorOptions& options_;
  const OrgGeneratorOptions::Rates& rates_;
  const WeightedIndex kinds_;
  absl::flat_hash_map<std::string, std::vector<const County*>> counties_of_city_;

  OrgCodeIssuer codes_;
  std::unique_ptr<FixedOrgs> fixed_;
  size_t next_fixed_ = 0;
  Rng schedule_;  // when the next fixed organisation comes
  int64_t next_org_ = 0;
  int64_t next_group_ = 0;
  absl::flat_hash_set<uint64_t> names_in_use_;  // FNV-1a hashes
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_POPULATION_H_

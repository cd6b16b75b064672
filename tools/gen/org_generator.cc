#include "tools/gen/org_generator.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "resolver/standardize/divisions.h"
#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/csv_sink.h"
#include "tools/gen/internal/extract_writer.h"
#include "tools/gen/internal/org_bodies.h"
#include "tools/gen/internal/org_names.h"
#include "tools/gen/internal/org_population.h"
#include "tools/gen/internal/org_records.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/representatives.h"

namespace mdhub::gen {
namespace {

constexpr absl::string_view kProvince = "45";  // 广西壮族自治区
constexpr int64_t kProgressEvery = 10000;
// Records of one organisation land this many records apart on average.
constexpr size_t kShuffleWindow = 1 << 15;
// Random streams apart from the groups' own (stream = group number).
constexpr uint64_t kRecordStream = uint64_t{1} << 61;
constexpr uint64_t kOrderStream = uint64_t{1} << 63;
// The representatives' seeds: a fresh population of its own, or the sample of a register.
constexpr uint64_t kRepresentativeSeed = 0x5eed0f0a6e7c1e5ULL;

Registry RegistryOf(OrgExtract extract) { return static_cast<Registry>(extract); }

}  // namespace

const char* ExtractFileStem(OrgExtract extract) {
  switch (extract) {
    case OrgExtract::kAic:
      return "aic";
    case OrgExtract::kMca:
      return "mca";
    case OrgExtract::kScopsr:
      return "scopsr";
  }
  return "";
}

const char* ExtractSource(OrgExtract extract) {
  switch (extract) {
    case OrgExtract::kAic:
      return "aic.registration";
    case OrgExtract::kMca:
      return "mca.social_org";
    case OrgExtract::kScopsr:
      return "scopsr.institution";
  }
  return "";
}

std::string ImportMapping(OrgExtract extract) {
  const absl::Span<const OrgColumn> columns = OrgColumns(RegistryOf(extract));
  std::string out = absl::StrCat("# Column mapping of ", ExtractFileStem(extract),
                                 ".csv, written by `mdhub gen orgs`.\nsource = \"",
                                 ExtractSource(extract), "\"\nkind = \"legal-entity\"\nkey = \"",
                                 columns[0].name, "\"\n\n[attributes]\n");
  for (const OrgColumn& c : columns.subspan(1)) {
    absl::StrAppend(&out, c.attribute, " = \"", c.name, "\"\n");
  }
  return out;
}

absl::StatusOr<OrgGenerationSummary> GenerateOrgExtracts(const OrgGeneratorOptions& options,
                                                         OrgExtractStreams& streams) {
  if (options.organizations < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the number of organisations must not be negative, got ", options.organizations));
  }
  absl::StatusOr<Places> places = Places::Create(resolver::DivisionTable::Builtin(), kProvince);
  if (!places.ok()) return places.status();
  const ChineseNames chinese;
  // One representative per organisation, some of whom lead several.
  const size_t pool_size = static_cast<size_t>(std::max<int64_t>(100, options.organizations));
  absl::StatusOr<RepresentativePool> representatives =
      options.persons_hukou != nullptr
          ? RepresentativePool::FromHukou(*options.persons_hukou, "hukou.csv", pool_size,
                                          options.reference_date,
                                          options.seed ^ kRepresentativeSeed)
          : RepresentativePool::Fresh(*places, chinese, pool_size, options.reference_date,
                                      options.seed ^ kRepresentativeSeed);
  if (!representatives.ok()) return representatives.status();
  const OrgNames names(*places, chinese);
  const BodyNames bodies(*places, names);
  absl::StatusOr<std::unique_ptr<OrgPopulation>> population = OrgPopulation::Create(
      *places, names, bodies, *representatives, options, options.persons_hukou != nullptr);
  if (!population.ok()) return population.status();
  const OrgRecords registries(*places, names, options);

  CsvSink sinks[kRegistryCount] = {CsvSink(streams.aic, "aic.csv"),
                                   CsvSink(streams.mca, "mca.csv"),
                                   CsvSink(streams.scopsr, "scopsr.csv")};
  CsvSink truth(streams.truth, "truth.csv");
  truth.Row({"source", "record_id", "org_id"});
  const char* const kKeyPrefixes[kRegistryCount] = {"GS", "MZ", "BB"};
  std::vector<std::unique_ptr<ExtractWriter>> writers;
  std::vector<std::unique_ptr<ShuffleBuffer>> orders;
  for (int r = 0; r < kRegistryCount; ++r) {
    std::vector<absl::string_view> header;
    for (const OrgColumn& c : OrgColumns(static_cast<Registry>(r))) header.push_back(c.name);
    sinks[r].Row(header);
    writers.push_back(std::make_unique<ExtractWriter>(
        sinks[r], truth, ExtractSource(static_cast<OrgExtract>(r)), kKeyPrefixes[r], 10, "O", 9));
    orders.push_back(
        std::make_unique<ShuffleBuffer>(kShuffleWindow, Rng(options.seed, kOrderStream + r)));
  }

  OrgGenerationSummary summary;
  std::vector<TrueOrg> group;
  std::vector<PendingRecord> records[kRegistryCount];
  int64_t next_progress = kProgressEvery;
  while ((*population)->organizations() < options.organizations) {
    (*population)->Next(&group, &summary);
    for (const TrueOrg& org : group) {
      Rng rng(options.seed, kRecordStream + static_cast<uint64_t>(org.number));
      for (auto& r : records) r.clear();
      registries.Records(org, rng, records, &summary);
      for (int r = 0; r < kRegistryCount; ++r) {
        ExtractWriter& writer = *writers[r];
        for (PendingRecord& record : records[r]) {
          orders[r]->Add(std::move(record), [&](const PendingRecord& p) { writer.Write(p); });
        }
      }
    }
    if (options.progress && (*population)->organizations() >= next_progress) {
      options.progress((*population)->organizations());
      next_progress = ((*population)->organizations() / kProgressEvery + 1) * kProgressEvery;
    }
  }
  for (int r = 0; r < kRegistryCount; ++r) {
    ExtractWriter& writer = *writers[r];
    orders[r]->Drain([&](const PendingRecord& p) { writer.Write(p); });
  }
  summary.organizations = (*population)->organizations();
  summary.aic_records = writers[0]->written();
  summary.mca_records = writers[1]->written();
  summary.scopsr_records = writers[2]->written();
  for (CsvSink* sink : {&sinks[0], &sinks[1], &sinks[2], &truth}) {
    if (absl::Status s = sink->Flush(); !s.ok()) return s;
  }
  if (options.progress) options.progress(summary.organizations);
  return summary;
}

}  // namespace mdhub::gen

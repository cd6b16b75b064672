#include "tools/gen/person_generator.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "resolver/standardize/divisions.h"
#include "tools/gen/internal/agency_records.h"
#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/csv_sink.h"
#include "tools/gen/internal/extract_writer.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/population.h"

namespace mdhub::gen {
namespace {

constexpr absl::string_view kProvince = "45";  // 广西壮族自治区
constexpr int64_t kProgressEvery = 10000;
// Records of one household or one patient land this many records apart on average.
constexpr size_t kShuffleWindow = 1 << 15;
// Random streams apart from the households' own (stream = household number).
constexpr uint64_t kAgencyStream = uint64_t{1} << 62;
constexpr uint64_t kHealthOrderStream = uint64_t{1} << 63;
constexpr uint64_t kHrssOrderStream = kHealthOrderStream + 1;

}  // namespace

const char* ExtractFileStem(Extract extract) {
  switch (extract) {
    case Extract::kHukou:
      return "hukou";
    case Extract::kHealth:
      return "health";
    case Extract::kHrss:
      return "hrss";
  }
  return "";
}

const char* ExtractSource(Extract extract) {
  switch (extract) {
    case Extract::kHukou:
      return "ps.hukou";
    case Extract::kHealth:
      return "health.patient_index";
    case Extract::kHrss:
      return "hrss.insured";
  }
  return "";
}

std::string ImportMapping(Extract extract) {
  std::string head = absl::StrCat("# Column mapping of ", ExtractFileStem(extract),
                                  ".csv, written by `mdhub gen persons`.\nsource = \"",
                                  ExtractSource(extract), "\"\nkind = \"person\"\n");
  switch (extract) {
    case Extract::kHukou:
      return absl::StrCat(head,
                          "key = \"hukou_no\"\n\n[attributes]\nname = \"姓名\"\n"
                          "former_name = \"曾用名\"\ncitizen_id = \"身份证号\"\n"
                          "gender = \"性别\"\nbirth_date = \"出生日期\"\n"
                          "household_no = \"户号\"\naddress = \"住址\"\n");
    case Extract::kHealth:
      return absl::StrCat(head,
                          "key = \"patient_id\"\n\n[attributes]\nname = \"name\"\n"
                          "citizen_id = \"id_card\"\ngender = \"gender\"\n"
                          "birth_date = \"birth\"\nphone = \"phone\"\naddress = \"address\"\n");
    case Extract::kHrss:
      return absl::StrCat(head,
                          "key = \"person_no\"\n\n[attributes]\nname = \"xm\"\n"
                          "citizen_id = \"sfzh\"\ngender = \"xb\"\nbirth_date = \"csrq\"\n"
                          "employer = \"dwmc\"\n");
  }
  return head;
}

absl::StatusOr<PersonGenerationSummary> GeneratePersonExtracts(
    const PersonGeneratorOptions& options, PersonExtractStreams& streams) {
  if (options.persons < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the number of persons must not be negative, got ", options.persons));
  }
  absl::StatusOr<Places> places = Places::Create(resolver::DivisionTable::Builtin(), kProvince);
  if (!places.ok()) return places.status();
  const ChineseNames names;
  Population population(*places, names, options);
  const AgencyRecords agencies(names, *places, options);

  CsvSink hukou(streams.hukou, "hukou.csv"), health(streams.health, "health.csv"),
      hrss(streams.hrss, "hrss.csv"), truth(streams.truth, "truth.csv");
  hukou.Row(kHukouHeader);
  health.Row(kHealthHeader);
  hrss.Row(kHrssHeader);
  truth.Row({"source", "record_id", "person_id"});
  ExtractWriter hukou_out(hukou, truth, ExtractSource(Extract::kHukou), "HK", 10, "P", 9);
  ExtractWriter health_out(health, truth, ExtractSource(Extract::kHealth), "PT", 9, "P", 9);
  ExtractWriter hrss_out(hrss, truth, ExtractSource(Extract::kHrss), "SB", 10, "P", 9);
  ShuffleBuffer health_order(kShuffleWindow, Rng(options.seed, kHealthOrderStream));
  ShuffleBuffer hrss_order(kShuffleWindow, Rng(options.seed, kHrssOrderStream));
  auto write_health = [&](const PendingRecord& r) { health_out.Write(r); };
  auto write_hrss = [&](const PendingRecord& r) { hrss_out.Write(r); };

  PersonGenerationSummary summary;
  Household household;
  std::vector<PendingRecord> records;
  int64_t next_progress = kProgressEvery;
  while (population.persons() < options.persons) {
    const int64_t left = options.persons - population.persons();
    population.Next(static_cast<int>(std::min<int64_t>(left, 1 << 20)), &household);
    ++summary.households;
    Rng rng(options.seed, kAgencyStream + static_cast<uint64_t>(household.number));
    for (const TruePerson& p : household.members) {
      summary.twin_pairs += p.twin_of > p.number;
      summary.name_changes += !p.former_given_name.empty();
      records.clear();
      agencies.Hukou(household, p, rng, &records, &summary);
      for (const PendingRecord& r : records) hukou_out.Write(r);
      records.clear();
      agencies.Health(household, p, rng, &records, &summary);
      for (PendingRecord& r : records) health_order.Add(std::move(r), write_health);
      records.clear();
      agencies.Hrss(household, p, rng, &records, &summary);
      for (PendingRecord& r : records) hrss_order.Add(std::move(r), write_hrss);
    }
    if (options.progress && population.persons() >= next_progress) {
      options.progress(population.persons());
      next_progress = (population.persons() / kProgressEvery + 1) * kProgressEvery;
    }
  }
  health_order.Drain(write_health);
  hrss_order.Drain(write_hrss);
  summary.persons = population.persons();
  summary.hukou_records = hukou_out.written();
  summary.health_records = health_out.written();
  summary.hrss_records = hrss_out.written();
  for (CsvSink* sink : {&hukou, &health, &hrss, &truth}) {
    if (absl::Status s = sink->Flush(); !s.ok()) return s;
  }
  if (options.progress) options.progress(summary.persons);
  return summary;
}

}  // namespace mdhub::gen

// Synthetic person extracts of three agencies of a Guangxi-like province, with the truth: public
// security's household register (ps.hukou), the health commission's patient index
// (health.patient_index) and social security's insured persons (hrss.insured), each in its own
// schema and with the errors such data has. For tests and benchmarks of record linkage.
//
//   hukou.csv   hukou_no,姓名,曾用名,身份证号,性别,出生日期,户号,住址
//   health.csv  patient_id,name,id_card,gender,birth,phone,address
//   hrss.csv    person_no,xm,sfzh,xb,csrq,dwmc
//   truth.csv   source,record_id,person_id
// The sources in truth.csv are the mdhub sources of the import mappings (ps.hukou, ...), which is
// how `mdhub match` names records read as FILE:MAPPING; record ids are unique across the files.
#ifndef MDHUB_TOOLS_GEN_PERSON_GENERATOR_H_
#define MDHUB_TOOLS_GEN_PERSON_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace mdhub::gen {

struct PersonGeneratorOptions {
  int64_t persons = 1000;
  uint64_t seed = 1;
  // "Today" for ages and for the extracts; births run from 1930 to 2020.
  absl::CivilDay reference_date = absl::CivilDay(2024, 6, 30);
  // Called with the number of persons generated so far, every 10,000 persons and at the end.
  std::function<void(int64_t)> progress;

  // How often things happen. Rates of errors apply per record; "_of_pre1980" rates to people
  // born before 1980, "child" means younger than 14.
  struct Rates {
    // The population.
    double twin_birth = 0.012;
    double name_change = 0.01;  // adults with a former name (曾用名)
    double phone_owner = 0.88;  // people aged 14 or more with a mobile number
    double employed = 0.8;      // people aged 18 to 60 with an employer
    // ps.hukou: near-complete and clean.
    double hukou_missing = 0.005;
    double hukou_legacy_id_of_pre1980 = 0.05;  // the 15-digit form
    // health.patient_index.
    double health_coverage = 0.5;
    double health_duplicate = 0.03;  // a second record of the same patient
    double health_missing_id = 0.15;
    double health_wrong_id = 0.02;  // one digit changed or two swapped (fails the check)
    double health_parent_id_of_children = 0.05;  // a child registered under a parent's number
    double health_legacy_id_of_pre1980 = 0.03;
    double health_former_name = 0.4;        // of people with a former name
    double health_same_sounding = 0.05;     // 伟 -> 玮 in the given name
    double health_misheard_surname = 0.01;  // 黄 -> 王
    double health_traditional = 0.03;       // 华 -> 華
    double health_space_in_name = 0.01;     // 王 芳
    double health_year_month_only = 0.05;
    double health_wrong_birth = 0.01;  // day and month swapped, or a day off
    double health_missing_phone = 0.1;
    double health_wrong_phone = 0.02;
    double health_moved = 0.05;  // an address in another county
    double health_missing_address = 0.03;
    // hrss.insured.
    double hrss_working_age = 0.6;  // of people aged 18 to 60
    double hrss_retired = 0.25;     // of people over 60
    double hrss_pinyin = 0.03;      // "WANG Fang" or "Wang Fang"
    double hrss_wrong_id = 0.003;
    double hrss_former_name = 0.2;
  };
  Rates rates;
};

// What was generated, with the errors that were put in.
struct PersonGenerationSummary {
  int64_t persons = 0;
  int64_t households = 0;
  int64_t twin_pairs = 0;
  int64_t name_changes = 0;
  int64_t hukou_records = 0;
  int64_t hukou_legacy_ids = 0;
  int64_t health_records = 0;
  int64_t health_duplicates = 0;  // records beyond the first of a patient
  int64_t health_missing_ids = 0;
  int64_t health_wrong_ids = 0;
  int64_t health_parent_ids = 0;
  int64_t health_name_variants = 0;  // same-sounding, misheard, traditional or spaced names
  int64_t hrss_records = 0;
  int64_t hrss_pinyin_names = 0;
};

// Where the extracts go. The streams must outlive the call.
struct PersonExtractStreams {
  std::ostream& hukou;
  std::ostream& health;
  std::ostream& hrss;
  std::ostream& truth;
};

// Generates options.persons people household by household and writes each agency's records as
// CSV (UTF-8, header row, RFC 4180 quoting) in a bounded amount of memory, apart from about 16
// bytes per person that keep identity numbers unique. Health and social-security records leave in
// random order within a window of 32,768 records, so that a household's or a patient's records
// are not neighbours. The same options give the same bytes.
// INVALID_ARGUMENT for a negative count; DATA_LOSS when a stream fails.
absl::StatusOr<PersonGenerationSummary> GeneratePersonExtracts(
    const PersonGeneratorOptions& options, PersonExtractStreams& streams);

enum class Extract { kHukou, kHealth, kHrss };

// The file stem ("hukou", "health", "hrss") and the mdhub source ("ps.hukou", ...).
const char* ExtractFileStem(Extract extract);
const char* ExtractSource(Extract extract);

// The column mapping of an extract for `mdhub import` (TOML; see tools/cli/record_file.h), mapping
// its columns to the attributes name, citizen_id, gender, birth_date, address, phone,
// former_name, household_no and employer where it has them.
std::string ImportMapping(Extract extract);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_PERSON_GENERATOR_H_

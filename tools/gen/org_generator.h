// Synthetic legal-entity extracts of three registries of a Guangxi-like province, with the truth:
// business registration (aic.registration: enterprises, individual businesses, farmers'
// cooperatives), civil affairs (mca.social_org: social groups, private non-enterprise units,
// foundations) and the establishment office (scopsr.institution: public institutions and
// government organs), each in its own schema and with the errors such registers have. For tests
// and benchmarks of legal-entity resolution.
//
//   aic.csv     pripid,统一社会信用代码,注册号,组织机构代码,企业名称,曾用名,企业类型,法定代表人,...
//   mca.csv     记录号,社会组织名称,曾用名,统一社会信用代码,组织机构代码,社会组织类型,...
//   scopsr.csv  记录编号,单位名称,曾用名,统一社会信用代码,原组织机构代码,单位类别,...
//   truth.csv   source,record_id,org_id
// ImportMapping() gives the full columns and the docs/legal_entities.md attribute of each.
#ifndef MDHUB_TOOLS_GEN_ORG_GENERATOR_H_
#define MDHUB_TOOLS_GEN_ORG_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace mdhub::gen {

struct OrgGeneratorOptions {
  // True organisations, branches included.
  int64_t organizations = 1000;
  uint64_t seed = 1;
  // "Today" for the extracts; establishment dates run from 1950 (organs) to it.
  absl::CivilDay reference_date = absl::CivilDay(2024, 6, 30);
  // The hukou.csv of a `mdhub gen persons` output (columns 姓名, 身份证号, 出生日期), or null.
  // With it, legal representatives are adults of that register (name and 18-digit citizen id as
  // registered), and every employer name that Places::Employer gives the persons (hrss.csv dwmc)
  // is one of the organisations (17,388 names, and organs), which needs `organizations` to be
  // at least 17,671 (the error says how many). Without it, representatives are people of a fresh
  // population and employers are not included.
  std::istream* persons_hukou = nullptr;
  // Called with the number of organisations generated so far, every 10,000 and at the end.
  std::function<void(int64_t)> progress;

  // How often things happen. "Record" rates apply per record of the kind named.
  struct Rates {
    // The population: weights of the kinds of organisation that are not branches or organs.
    double limited_company = 0.42;      // 有限公司 / 有限责任公司
    double joint_stock_company = 0.02;  // 股份有限公司
    double individual_business = 0.27;  // 个体工商户, shop-style names
    double cooperative = 0.06;          // 农民专业合作社
    double social_group = 0.05;         // 社会团体: 协会, 商会, 学会, 研究会 ...
    double non_enterprise_unit = 0.05;  // 民办非企业单位: private schools, clinics, care homes
    double foundation = 0.005;          // 基金会
    double public_institution = 0.08;   // 事业单位: …中心, …学校, …医院, …站
    // Government organs (机关: 人民政府, …局, …厅) as a share of all organisations; they are the
    // sponsors of social organisations and institutions, province and prefectures first.
    double government_organ = 0.02;
    // Structure (hard negatives and changes over time).
    double company_with_branches = 0.06;  // companies with 1 to 5 branches (分公司, 分店 ...)
    double branch_shares_address = 0.5;   // of branches in the head office's county: at its
                                          // address (a third of branches are there)
    double branch_shares_representative = 0.5;  // the head's legal representative in charge
    double rename = 0.07;                 // renamed since establishment (曾用名); organs by the
                                          // 2018-19 reform when their bureau was renamed
    double representative_change = 0.15;  // organs: 0.5
    double move = 0.12;                    // a new registered address
    // Records.
    double legacy_record = 0.4;     // of organisations registered before 2015: an old record
                                    // (registration number / organisation code, no credit code)
    double duplicate = 0.1;         // a second record in the home registry (a county bureau's
                                    // copy or a re-entry); a tenth of these have a third
    double cross_registry = 0.08;   // of private non-enterprise units (also in scopsr), public
                                    // institutions and social groups (also in the other one)
    double current_missing = 0.003;  // no current record (only older ones, if any); employers
                                     // always have theirs
    double missing_credit_code = 0.02;      // current records
    double duplicate_missing_credit_code = 0.35;  // duplicate and cross-registry records
    double wrong_credit_code = 0.01;  // of records with a credit code: one character changed
    double credit_code_spelling = 0.02;  // lower case, spaces or full width (standardises away)
    double name_variant = 0.6;  // duplicate and cross-registry records; legacy ones: a third
    double former_name_listed = 0.8;  // current records of renamed organisations fill 曾用名
    double missing_representative_id = 0.1;
    double missing_phone = 0.25;
    double missing_address = 0.02;
    double wrong_established = 0.02;  // older and duplicate records: a day, month or year off
  };
  Rates rates;
};

// What was generated, with the errors that were put in.
struct OrgGenerationSummary {
  int64_t organizations = 0;
  int64_t companies = 0;  // limited and joint-stock companies, branches included
  int64_t branches = 0;
  int64_t individual_businesses = 0;
  int64_t cooperatives = 0;
  int64_t social_groups = 0;
  int64_t non_enterprise_units = 0;
  int64_t foundations = 0;
  int64_t institutions = 0;
  int64_t organs = 0;
  int64_t employers = 0;  // organisations that persons' hrss.csv names as employer
  int64_t renamed = 0;
  int64_t representative_changes = 0;
  int64_t moved = 0;
  int64_t closed = 0;               // 注销, 吊销, 撤销 or 迁出
  int64_t closed_before_codes = 0;  // closed before 2016: never had a credit code
  int64_t aic_records = 0;
  int64_t mca_records = 0;
  int64_t scopsr_records = 0;
  int64_t legacy_records = 0;
  int64_t duplicates = 0;
  int64_t cross_registry_records = 0;
  int64_t missing_credit_codes = 0;  // records of a time the organisation had one, without it
  int64_t wrong_credit_codes = 0;    // fail the check
  int64_t name_variants = 0;         // names written otherwise than registered at the time
  int64_t old_names = 0;             // records with the name before a rename
  int64_t old_representatives = 0;   // records with the representative before a change
  int64_t old_addresses = 0;         // records with the address before a move
  int64_t wrong_established = 0;
};

// Where the extracts go. The streams must outlive the call.
struct OrgExtractStreams {
  std::ostream& aic;
  std::ostream& mca;
  std::ostream& scopsr;
  std::ostream& truth;
};

// Generates options.organizations organisations (a head office with its branches at a time) and
// writes each registry's records as CSV (UTF-8, header row, RFC 4180 quoting), in random order
// within a window of 32,768 records. Memory: the representatives (one per organisation) and
// 8 bytes per name. The same options (and persons register) give the same bytes.
// INVALID_ARGUMENT for a negative count, a persons register without the columns named above or
// without adults, or a count below the number of employers; DATA_LOSS when a stream fails.
absl::StatusOr<OrgGenerationSummary> GenerateOrgExtracts(const OrgGeneratorOptions& options,
                                                         OrgExtractStreams& streams);

enum class OrgExtract { kAic, kMca, kScopsr };

// The file stem ("aic", "mca", "scopsr") and the mdhub source ("aic.registration",
// "mca.social_org", "scopsr.institution").
const char* ExtractFileStem(OrgExtract extract);
const char* ExtractSource(OrgExtract extract);

// The column mapping of an extract for `mdhub import` (TOML, kind = "legal-entity"; see
// tools/cli/record_file.h): every column but the key, to its attribute in docs/legal_entities.md.
std::string ImportMapping(OrgExtract extract);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_ORG_GENERATOR_H_

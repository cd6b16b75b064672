#include "tools/gen/org_generator.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/identifiers.h"
#include "resolver/standardize/citizen_id.h"
#include "resolver/standardize/credit_code.h"
#include "resolver/standardize/org_name.h"
#include "tools/cli/record_file.h"
#include "tools/gen/person_generator.h"
#include "tools/gen/testing/csv_table.h"

namespace mdhub::gen {
namespace {

using ::testing::AllOf;
using ::testing::Ge;
using ::testing::Le;
using testing::Table;

constexpr OrgExtract kExtracts[] = {OrgExtract::kAic, OrgExtract::kMca, OrgExtract::kScopsr};

// Columns that every extract has, under its own names.
struct Columns {
  const char* name;
  const char* type;
  const char* representative;
  const char* representative_id;
  const char* organization_code;
};
constexpr Columns kColumns[] = {
    {"企业名称", "企业类型", "法定代表人", "法定代表人证件号码", "组织机构代码"},
    {"社会组织名称", "社会组织类型", "法定代表人", "法定代表人身份证号", "组织机构代码"},
    {"单位名称", "单位类别", "法定代表人", "法定代表人证件号", "原组织机构代码"}};

struct Output {
  std::string csv[3];
  std::string truth;
};

absl::StatusOr<OrgGenerationSummary> Generate(OrgGeneratorOptions options, Output* out) {
  std::ostringstream aic, mca, scopsr, truth;
  OrgExtractStreams streams{aic, mca, scopsr, truth};
  auto summary = GenerateOrgExtracts(options, streams);
  *out = {{aic.str(), mca.str(), scopsr.str()}, truth.str()};
  return summary;
}

OrgGeneratorOptions Options(int64_t organizations, uint64_t seed) {
  OrgGeneratorOptions options;
  options.organizations = organizations;
  options.seed = seed;
  return options;
}

resolver::CreditCode ParseCode(absl::string_view code) {
  return resolver::ParseCreditCode(code, resolver::DivisionTable::Builtin());
}

// 5,000 organisations, generated once for the tests that measure rates.
class GeneratedOrgsTest : public ::testing::Test {
 protected:
  static constexpr int64_t kOrgs = 5000;

  static void SetUpTestSuite() {
    Output out;
    auto summary = Generate(Options(kOrgs, 42), &out);
    ASSERT_TRUE(summary.ok()) << summary.status();
    summary_ = new OrgGenerationSummary(*summary);
    tables_ = new std::vector<Table>();
    for (int i = 0; i < 3; ++i) {
      tables_->push_back(testing::ParseTable(out.csv[i], ExtractFileStem(kExtracts[i])));
    }
    Table truth = testing::ParseTable(out.truth, "truth.csv");
    org_of_ = new absl::flat_hash_map<std::string, std::string>();
    for (const auto& r : truth.rows) {
      EXPECT_TRUE(org_of_->emplace(r[1], r[2]).second) << "truth lists " << r[1] << " twice";
      EXPECT_EQ(r[1].substr(0, 2), r[0] == "aic.registration" ? "GS"
                                    : r[0] == "mca.social_org" ? "MZ"
                                                               : "BB");
    }
  }

  static const Table& table(OrgExtract e) { return (*tables_)[static_cast<int>(e)]; }
  static std::string Org(absl::string_view key) {
    auto it = org_of_->find(key);
    EXPECT_NE(it, org_of_->end()) << key << " has no truth";
    return it == org_of_->end() ? "" : it->second;
  }

  static OrgGenerationSummary* summary_;
  static std::vector<Table>* tables_;
  static absl::flat_hash_map<std::string, std::string>* org_of_;
};

OrgGenerationSummary* GeneratedOrgsTest::summary_;
std::vector<Table>* GeneratedOrgsTest::tables_;
absl::flat_hash_map<std::string, std::string>* GeneratedOrgsTest::org_of_;

TEST(OrgGeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  Output a, b, c;
  ASSERT_TRUE(Generate(Options(2000, 7), &a).ok());
  ASSERT_TRUE(Generate(Options(2000, 7), &b).ok());
  ASSERT_TRUE(Generate(Options(2000, 8), &c).ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a.csv[i], b.csv[i]);
    EXPECT_NE(a.csv[i], c.csv[i]);
  }
  EXPECT_EQ(a.truth, b.truth);
}

TEST(OrgGeneratorTest, RejectsANegativeCountAndReportsAFailedStream) {
  std::ostringstream ok;
  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  OrgExtractStreams streams{ok, broken, ok, ok};
  EXPECT_EQ(GenerateOrgExtracts(Options(-1, 1), streams).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GenerateOrgExtracts(Options(100, 1), streams).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(OrgGeneratorTest, MappingsLoadWithTheCliLoaderAndReadEveryRecord) {
  Output out;
  ASSERT_TRUE(Generate(Options(300, 3), &out).ok());
  const std::set<std::string> attributes = {
      "name", "former_name", "credit_code", "organization_code", "registration_number",
      "org_type", "legal_representative", "legal_representative_id", "address", "phone",
      "established", "status", "status_date", "authority", "status_reason", "head_office_name",
      "head_office_credit_code", "sponsor_name", "sponsor_credit_code", "registered_capital",
      "business_scope"};  // docs/legal_entities.md
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "gen_orgs";
  std::filesystem::create_directories(dir);
  for (int i = 0; i < 3; ++i) {
    const std::string stem = ExtractFileStem(kExtracts[i]);
    std::ofstream(dir / (stem + ".toml")) << ImportMapping(kExtracts[i]);
    std::ofstream(dir / (stem + ".csv")) << out.csv[i];
    auto mapping = cli::RecordMapping::Load((dir / (stem + ".toml")).string());
    ASSERT_TRUE(mapping.ok()) << mapping.status();
    EXPECT_EQ(mapping->source, ExtractSource(kExtracts[i]));
    EXPECT_EQ(mapping->kind, v1::LEGAL_ENTITY);
    const Table t = testing::ParseTable(out.csv[i], stem);
    EXPECT_EQ(mapping->key_column, t.header[0]);
    EXPECT_EQ(mapping->attributes.size() + 1, t.header.size()) << "a column left unmapped";
    for (const auto& [attribute, column] : mapping->attributes) {
      EXPECT_TRUE(attributes.count(attribute)) << stem << ": " << attribute;
    }
    auto reader = cli::RecordFileReader::Open((dir / (stem + ".csv")).string(), *mapping);
    ASSERT_TRUE(reader.ok()) << reader.status();
    v1::SourceRecord record;
    size_t records = 0;
    for (;;) {
      absl::StatusOr<bool> more = (*reader)->Next(&record);
      ASSERT_TRUE(more.ok()) << more.status();
      if (!*more) break;
      ++records;
      EXPECT_FALSE(record.attributes().at("name").empty());
    }
    EXPECT_EQ(records, t.rows.size());
  }
}

TEST_F(GeneratedOrgsTest, TruthCoversEveryRecordExactlyOnce) {
  std::set<std::string> orgs;
  size_t records = 0;
  for (const Table& t : *tables_) {
    for (const auto& r : t.rows) orgs.insert(Org(r[0]));
    records += t.rows.size();
  }
  EXPECT_EQ(org_of_->size(), records);
  EXPECT_EQ(summary_->organizations, kOrgs);
  EXPECT_LE(orgs.size(), static_cast<size_t>(kOrgs));
  EXPECT_GE(orgs.size(), static_cast<size_t>(kOrgs * 0.99));
  EXPECT_EQ(summary_->aic_records + summary_->mca_records + summary_->scopsr_records,
            static_cast<int64_t>(records));
}

// The department and category a record's type text calls for.
std::string ExpectedPrefix(absl::string_view type) {
  if (absl::StrContains(type, "公司")) return "91";
  if (type == "个体工商户") return "92";
  if (type == "农民专业合作社") return "93";
  if (type == "社会团体" || type == "群众团体") return "51";
  if (type == "民办非企业单位" || type == "社会服务机构") return "52";
  if (type == "基金会") return "53";
  if (type == "机关") return "11";
  if (type == "事业单位") return "12";
  ADD_FAILURE() << "type " << type;
  return "";
}

TEST_F(GeneratedOrgsTest, CodesAreValidButForTheMistypedOnes) {
  int codes = 0, invalid = 0, registration_numbers = 0, organization_codes = 0;
  for (OrgExtract e : kExtracts) {
    const Table& t = table(e);
    const Columns& columns = kColumns[static_cast<int>(e)];
    const int code = t.Column("统一社会信用代码"), type = t.Column(columns.type),
              org_code = t.Column(columns.organization_code);
    const int number = e == OrgExtract::kAic ? t.Column("注册号") : -1;
    for (const auto& r : t.rows) {
      if (!r[org_code].empty()) {
        ++organization_codes;
        EXPECT_TRUE(resolver::IsValidOrganizationCode(r[org_code])) << r[org_code];
      }
      if (number >= 0 && !r[number].empty()) {
        ++registration_numbers;
        EXPECT_EQ(resolver::RegistrationNumberProblem(r[number]), "") << r[number];
        EXPECT_TRUE(absl::StartsWith(r[number], "45")) << r[number];
      }
      if (r[code].empty()) continue;
      ++codes;
      const resolver::CreditCode c = ParseCode(r[code]);
      if (!c.valid) {
        ++invalid;
        continue;
      }
      EXPECT_EQ(c.warning, "") << r[code];
      EXPECT_TRUE(absl::StartsWith(c.region, "45")) << r[code];
      EXPECT_EQ(c.value.substr(0, 2), ExpectedPrefix(r[type])) << r[code] << " " << r[type];
      if (!r[org_code].empty()) {
        EXPECT_EQ(c.organization_code, resolver::NormalizeIdentifier(r[org_code])) << r[code];
      }
    }
  }
  EXPECT_EQ(invalid, summary_->wrong_credit_codes);
  EXPECT_THAT(1.0 * invalid / codes, AllOf(Ge(0.004), Le(0.02)));
  EXPECT_GT(registration_numbers, kOrgs / 20);
  EXPECT_GT(organization_codes, kOrgs / 20);
}

TEST_F(GeneratedOrgsTest, RepresentativesHaveValidCitizenIds) {
  int ids = 0, missing = 0;
  for (int i = 0; i < 3; ++i) {
    const Table& t = (*tables_)[i];
    const int id = t.Column(kColumns[i].representative_id);
    for (const auto& r : t.rows) {
      if (r[id].empty()) {
        ++missing;
        continue;
      }
      ++ids;
      const resolver::CitizenId parsed = resolver::ParseCitizenId(
          r[id], resolver::DivisionTable::Builtin(), OrgGeneratorOptions().reference_date);
      EXPECT_TRUE(parsed.valid) << r[id] << ": " << parsed.problem;
    }
  }
  EXPECT_THAT(1.0 * missing / (ids + missing), AllOf(Ge(0.07), Le(0.13)));
}

TEST_F(GeneratedOrgsTest, ErrorsComeAtTheirRates) {
  const OrgGeneratorOptions::Rates rates;
  const double n = kOrgs;
  EXPECT_THAT(summary_->duplicates / n, AllOf(Ge(rates.duplicate * 0.85), Le(rates.duplicate * 1.35)));
  EXPECT_THAT(summary_->renamed / n, AllOf(Ge(rates.rename * 0.8), Le(rates.rename * 1.6)));
  EXPECT_THAT(summary_->moved / n, AllOf(Ge(rates.move * 0.6), Le(rates.move * 1.1)));
  EXPECT_THAT(summary_->branches / n, AllOf(Ge(0.03), Le(0.08)));
  EXPECT_THAT(summary_->legacy_records / n, AllOf(Ge(0.05), Le(0.25)));
  // Variants go into duplicate and cross-registry records (and a third as many legacy ones),
  // but not every name has one.
  const double varied = summary_->duplicates + summary_->cross_registry_records +
                        summary_->legacy_records / 3.0;
  EXPECT_THAT(summary_->name_variants / varied,
              AllOf(Ge(rates.name_variant * 0.6), Le(rates.name_variant * 1.1)));
  // Codes go missing from current records (about one per organisation) and more often from
  // duplicate and cross-registry ones.
  const double expected_missing =
      rates.missing_credit_code * n +
      rates.duplicate_missing_credit_code * (summary_->duplicates + summary_->cross_registry_records);
  EXPECT_THAT(summary_->missing_credit_codes / expected_missing, AllOf(Ge(0.7), Le(1.1)));
  EXPECT_GT(summary_->old_names, 0);
  EXPECT_GT(summary_->old_representatives, 0);
  EXPECT_GT(summary_->cross_registry_records, 0);
  // Records beyond the first of an organisation in its registry: duplicates and legacy records
  // (less the few organisations without a current record).
  std::map<std::pair<int, std::string>, int> per_org;
  for (int i = 0; i < 3; ++i) {
    for (const auto& r : (*tables_)[i].rows) ++per_org[{i, Org(r[0])}];
  }
  int extra = 0;
  for (const auto& [key, count] : per_org) extra += count - 1;
  EXPECT_THAT(extra, AllOf(Ge(summary_->duplicates + summary_->legacy_records - kOrgs / 100),
                           Le(summary_->duplicates + summary_->legacy_records)));
}

TEST_F(GeneratedOrgsTest, BranchesNameAHeadOfficeThatExistsAndIsAnotherOrganisation) {
  const Table& aic = table(OrgExtract::kAic);
  const int code = aic.Column("统一社会信用代码"), name = aic.Column("企业名称"),
            head_name = aic.Column("隶属企业名称"), head_code = aic.Column("隶属企业统一社会信用代码");
  absl::flat_hash_map<std::string, std::string> org_of_code;
  absl::flat_hash_map<std::string, std::set<std::string>> names_of_org;
  for (const auto& r : aic.rows) {
    if (ParseCode(r[code]).valid) org_of_code[ParseCode(r[code]).value] = Org(r[0]);
    names_of_org[Org(r[0])].insert(r[name]);
  }
  int branches = 0, linked = 0, found = 0;
  for (const auto& r : aic.rows) {
    if (r[head_name].empty()) continue;
    ++branches;
    const resolver::OrgName parsed = resolver::ParseOrgName(r[name]);
    EXPECT_TRUE(parsed.is_branch) << r[name];
    EXPECT_NE(resolver::StandardOrgName(r[name]), resolver::StandardOrgName(r[head_name]));
    if (r[head_code].empty()) continue;
    ++linked;
    // The head office's own records may lack its code (missing or mistyped).
    auto head = org_of_code.find(r[head_code]);
    if (head == org_of_code.end()) continue;
    ++found;
    EXPECT_NE(head->second, Org(r[0]));
    EXPECT_TRUE(names_of_org[head->second].count(r[head_name])) << r[head_name];
  }
  EXPECT_GT(branches, kOrgs / 50);
  EXPECT_GT(linked, branches / 2);
  EXPECT_GT(found, linked * 0.95);
}

TEST_F(GeneratedOrgsTest, PopularCoresRecurInOtherPlacesAsOtherOrganisations) {
  const Table& aic = table(OrgExtract::kAic);
  const int name = aic.Column("企业名称");
  std::map<std::string, std::set<std::string>> orgs_of_core;
  for (const auto& r : aic.rows) {
    const resolver::OrgName parsed = resolver::ParseOrgName(r[name]);
    if (!parsed.is_branch && absl::EndsWith(parsed.legal_form, "公司")) {
      orgs_of_core[parsed.core].insert(Org(r[0]));
    }
  }
  size_t shared = 0, companies = 0;
  for (const auto& [core, orgs] : orgs_of_core) {
    companies += orgs.size();
    if (orgs.size() > 1) shared += orgs.size();
  }
  EXPECT_GT(1.0 * shared / companies, 0.1);
}

TEST_F(GeneratedOrgsTest, SponsorsAreOrgansOfTheRegister) {
  std::set<std::string> scopsr_codes;
  const Table& scopsr = table(OrgExtract::kScopsr);
  for (const auto& r : scopsr.rows) {
    scopsr_codes.insert(ParseCode(r[scopsr.Column("统一社会信用代码")]).value);
  }
  int sponsored = 0, found = 0;
  for (OrgExtract e : {OrgExtract::kMca, OrgExtract::kScopsr}) {
    const Table& t = table(e);
    const int code = t.Column(e == OrgExtract::kMca ? "业务主管单位代码" : "举办单位统一社会信用代码");
    for (const auto& r : t.rows) {
      if (r[code].empty()) continue;
      ++sponsored;
      EXPECT_TRUE(absl::StartsWith(r[code], "11")) << r[code];
      EXPECT_TRUE(ParseCode(r[code]).valid) << r[code];
      found += scopsr_codes.count(r[code]);
    }
  }
  EXPECT_GT(sponsored, 100);
  EXPECT_GT(1.0 * found / sponsored, 0.9);
}

TEST(OrgGeneratorTest, RepresentativesAndEmployersComeFromAPersonsRegister) {
  std::ostringstream hukou, health, hrss, truth;
  PersonExtractStreams persons{hukou, health, hrss, truth};
  PersonGeneratorOptions person_options;
  person_options.persons = 4000;
  ASSERT_TRUE(GeneratePersonExtracts(person_options, persons).ok());

  std::istringstream register_too_small(hukou.str());
  OrgGeneratorOptions options = Options(500, 1);
  options.persons_hukou = &register_too_small;
  Output out;
  EXPECT_EQ(Generate(options, &out).status().code(), absl::StatusCode::kInvalidArgument);

  std::istringstream register_in(hukou.str());
  options = Options(18000, 1);
  options.persons_hukou = &register_in;
  auto summary = Generate(options, &out);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_GT(summary->employers, 10000);

  std::set<std::pair<std::string, std::string>> people;
  const Table persons_table = testing::ParseTable(hukou.str(), "hukou.csv");
  for (const auto& r : persons_table.rows) {
    people.insert({r[1], resolver::CitizenIdKey(r[3])});
  }
  absl::flat_hash_set<std::string> names;
  for (int i = 0; i < 3; ++i) {
    const Table t = testing::ParseTable(out.csv[i], ExtractFileStem(kExtracts[i]));
    const int name = t.Column(kColumns[i].name),
              representative = t.Column(kColumns[i].representative),
              id = t.Column(kColumns[i].representative_id);
    for (const auto& r : t.rows) {
      names.insert(r[name]);
      if (!r[id].empty()) {
        EXPECT_TRUE(people.count({r[representative], r[id]}))
            << r[representative] << " " << r[id] << " is not in hukou.csv";
      }
    }
  }
  const Table employees = testing::ParseTable(hrss.str(), "hrss.csv");
  int employed = 0;
  for (const auto& r : employees.rows) {
    if (r[5].empty()) continue;
    ++employed;
    EXPECT_TRUE(names.contains(r[5])) << "employer " << r[5] << " is no organisation";
  }
  EXPECT_GT(employed, 500);
}

}  // namespace
}  // namespace mdhub::gen

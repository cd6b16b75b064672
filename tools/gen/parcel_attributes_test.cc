// The parcel generator's attributes and owners, its errors and its progress reports.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/standardize/citizen_id.h"
#include "resolver/standardize/credit_code.h"
#include "resolver/standardize/local_divisions.h"
#include "tools/gen/org_generator.h"
#include "tools/gen/parcel_generator.h"
#include "tools/gen/person_generator.h"
#include "tools/gen/testing/csv_table.h"
#include "tools/gen/testing/parcel_layer.h"

namespace mdhub::gen {
namespace {

using ::testing::Contains;
using ::testing::Ge;
using testing::Generate;
using ::testing::HasSubstr;
using testing::Options;
using testing::Parcel;
using ::testing::SizeIs;
using testing::TempPath;

TEST(ParcelGeneratorTest, AttributesAreThoseOfALandRegister) {
  const std::vector<Parcel> parcels = Generate(Options(3000, "attributes.gpkg"));
  ASSERT_THAT(parcels, SizeIs(3000));
  const std::regex code_form("\\d{12}(GB|JC|JD|JA|GW)\\d{5}");
  const std::map<std::string, std::string> kRightOfLetters = {{"GB", "国有建设用地使用权"},
                                                              {"JC", "宅基地使用权"},
                                                              {"JD", "土地承包经营权"},
                                                              {"JA", "集体土地所有权"},
                                                              {"GW", "国家土地所有权"}};
  const resolver::LocalDivisionTable& local = resolver::LocalDivisionTable::Builtin();
  std::set<std::string> codes, land_uses, owner_types;
  for (const Parcel& p : parcels) {
    const std::string& code = p.text.at("parcel_code");
    EXPECT_EQ(p.id, code);
    ASSERT_TRUE(std::regex_match(code, code_form)) << code;
    EXPECT_TRUE(codes.insert(code).second) << "repeated " << code;
    const resolver::LocalDivisionTable::Division* township = local.Find(code.substr(0, 9));
    ASSERT_NE(township, nullptr) << code;
    EXPECT_EQ(p.text.at("township"), township->name);
    EXPECT_EQ(p.text.at("right_type"), kRightOfLetters.at(code.substr(12, 2))) << code;
    land_uses.insert(p.text.at("land_use"));
    const std::string& registered = p.text.at("registered_on");
    EXPECT_TRUE(registered >= "1992-01-01" && registered <= "2024-06-30") << registered;
    const std::string& type = p.text.at("owner_type");
    owner_types.insert(type);
    if (type == "state") {
      EXPECT_FALSE(p.has_owner_id);
      EXPECT_EQ(p.text.at("owner_name"), "国家");
    } else if (type == "person") {
      EXPECT_TRUE(resolver::ParseCitizenId(p.text.at("owner_id"),
                                           resolver::DivisionTable::Builtin(),
                                           absl::CivilDay(2024, 6, 30))
                      .valid)
          << p.text.at("owner_id");
    } else {
      EXPECT_EQ(type, "organisation");
      EXPECT_TRUE(
          resolver::ParseCreditCode(p.text.at("owner_id"), resolver::DivisionTable::Builtin())
              .valid)
          << p.text.at("owner_id");
    }
  }
  EXPECT_THAT(owner_types, SizeIs(3));
  EXPECT_THAT(land_uses, Contains("0701 城镇住宅用地"));
  EXPECT_THAT(land_uses, Contains("0101 水田"));
  EXPECT_THAT(land_uses, Contains("0501 零售商业用地"));
  EXPECT_THAT(land_uses, Contains("0601 工业用地"));
  EXPECT_THAT(land_uses, Contains("0803 教育用地"));
}

TEST(ParcelGeneratorTest, OwnersComeFromTheSuppliedPersonsAndOrganisations) {
  const std::filesystem::path persons_dir = TempPath("owner_persons");
  const std::filesystem::path orgs_dir = TempPath("owner_orgs");
  std::filesystem::create_directories(persons_dir);
  std::filesystem::create_directories(orgs_dir);
  {
    std::ofstream hukou(persons_dir / "hukou.csv"), health(persons_dir / "health.csv"),
        hrss(persons_dir / "hrss.csv"), truth(persons_dir / "truth.csv");
    PersonExtractStreams streams{hukou, health, hrss, truth};
    PersonGeneratorOptions options;
    options.persons = 3000;
    ASSERT_TRUE(GeneratePersonExtracts(options, streams).ok());
  }
  {
    std::ofstream aic(orgs_dir / "aic.csv"), mca(orgs_dir / "mca.csv"),
        scopsr(orgs_dir / "scopsr.csv"), truth(orgs_dir / "truth.csv");
    OrgExtractStreams streams{aic, mca, scopsr, truth};
    OrgGeneratorOptions options;
    options.organizations = 500;
    ASSERT_TRUE(GenerateOrgExtracts(options, streams).ok());
  }
  // Who is in the files: citizen id -> name; credit code -> names.
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return testing::ParseTable(text.str(), path.string());
  };
  std::map<std::string, std::string> people;
  const testing::Table hukou = read(persons_dir / "hukou.csv");
  for (const auto& row : hukou.rows) {
    people[resolver::CitizenIdKey(row[hukou.Column("身份证号")])] = row[hukou.Column("姓名")];
  }
  std::map<std::string, std::set<std::string>> orgs;
  for (const auto& [file, name_column] :
       {std::pair<const char*, const char*>{"aic.csv", "企业名称"},
        {"mca.csv", "社会组织名称"},
        {"scopsr.csv", "单位名称"}}) {
    const testing::Table t = read(orgs_dir / file);
    for (const auto& row : t.rows) {
      const std::string code = resolver::ParseCreditCode(row[t.Column("统一社会信用代码")],
                                                         resolver::DivisionTable::Builtin())
                                   .value;
      orgs[code].insert(row[t.Column(name_column)]);
    }
  }

  ParcelGeneratorOptions options = Options(2000, "owned.fgb");
  options.persons_path = persons_dir.string();
  options.orgs_path = orgs_dir.string();
  const std::vector<Parcel> parcels = Generate(options);
  ASSERT_THAT(parcels, SizeIs(2000));
  int persons = 0, organisations = 0;
  for (const Parcel& p : parcels) {
    const std::string& type = p.text.at("owner_type");
    if (type == "person") {
      ++persons;
      auto it = people.find(p.text.at("owner_id"));
      ASSERT_NE(it, people.end()) << p.text.at("owner_id") << " is not in hukou.csv";
      EXPECT_EQ(p.text.at("owner_name"), it->second);
    } else if (type == "organisation") {
      ++organisations;
      auto it = orgs.find(p.text.at("owner_id"));
      ASSERT_NE(it, orgs.end()) << p.text.at("owner_id") << " is in no register";
      EXPECT_THAT(it->second, Contains(p.text.at("owner_name")));
    }
  }
  EXPECT_GT(persons, 500);
  EXPECT_GT(organisations, 300);

  // A single register file works too.
  options.orgs_path = (orgs_dir / "scopsr.csv").string();
  options.persons_path = (persons_dir / "hukou.csv").string();
  EXPECT_THAT(Generate(options), SizeIs(2000));
}

TEST(ParcelGeneratorTest, ReportsBadOptions) {
  ParcelGeneratorOptions options = Options(-1, "bad.fgb");
  EXPECT_EQ(GenerateParcels(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.parcels = 10;
  options.region = geo::Box{108.5, 22.7, 108.2, 22.95};
  EXPECT_THAT(GenerateParcels(options).status().message(), HasSubstr("not a lon/lat box"));
  options.region.reset();
  options.persons_path = TempPath("no_such_dir/hukou.csv");
  absl::Status missing = GenerateParcels(options).status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.message(), HasSubstr("persons"));
  options.persons_path.clear();
  const std::string not_a_register = TempPath("not_a_register.csv");
  std::ofstream(not_a_register) << "a,b\n1,2\n";
  options.orgs_path = not_a_register;
  absl::Status bad = GenerateParcels(options).status();
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(), HasSubstr("not_a_register.csv:1: no column 统一社会信用代码"));
}

TEST(ParcelGeneratorTest, ReportsProgressUpToTheCount) {
  ParcelGeneratorOptions options = Options(25000, "progress.fgb");
  std::vector<int64_t> calls;
  options.progress = [&](int64_t n) { calls.push_back(n); };
  ASSERT_TRUE(GenerateParcels(options).ok());
  ASSERT_THAT(calls, SizeIs(Ge(3u)));
  EXPECT_EQ(calls.back(), 25000);
  EXPECT_TRUE(std::is_sorted(calls.begin(), calls.end()));
}

}  // namespace
}  // namespace mdhub::gen

#include "tools/gen/person_generator.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/standardize/citizen_id.h"
#include "tools/gen/testing/csv_table.h"

namespace mdhub::gen {
namespace {

using ::testing::AllOf;
using ::testing::Ge;
using ::testing::Le;

using testing::Table;

Table Parse(const std::string& text, const std::string& name) {
  return testing::ParseTable(text, name);
}

struct Output {
  std::string hukou, health, hrss, truth;
};

absl::StatusOr<PersonGenerationSummary> Generate(int64_t persons, uint64_t seed, Output* out) {
  std::ostringstream hukou, health, hrss, truth;
  PersonExtractStreams streams{hukou, health, hrss, truth};
  PersonGeneratorOptions options;
  options.persons = persons;
  options.seed = seed;
  auto summary = GeneratePersonExtracts(options, streams);
  *out = {hukou.str(), health.str(), hrss.str(), truth.str()};
  return summary;
}

resolver::CitizenId ParseId(absl::string_view id) {
  return resolver::ParseCitizenId(id, resolver::DivisionTable::Builtin(),
                                  PersonGeneratorOptions().reference_date);
}

absl::CivilDay Day(absl::string_view iso) {
  std::vector<std::string> p = absl::StrSplit(iso, '-');
  int y = 0, m = 0, d = 0;
  EXPECT_TRUE(p.size() == 3 && absl::SimpleAtoi(p[0], &y) && absl::SimpleAtoi(p[1], &m) &&
              absl::SimpleAtoi(p[2], &d))
      << iso;
  return absl::CivilDay(y, m, d);
}

// 20,000 persons, generated once for the tests that measure rates.
class GeneratedPersonsTest : public ::testing::Test {
 protected:
  static constexpr int64_t kPersons = 20000;

  static void SetUpTestSuite() {
    Output out;
    auto summary = Generate(kPersons, 42, &out);
    ASSERT_TRUE(summary.ok()) << summary.status();
    summary_ = new PersonGenerationSummary(*summary);
    hukou_ = new Table(Parse(out.hukou, "hukou.csv"));
    health_ = new Table(Parse(out.health, "health.csv"));
    hrss_ = new Table(Parse(out.hrss, "hrss.csv"));
    Table truth = Parse(out.truth, "truth.csv");
    person_of_ = new absl::flat_hash_map<std::string, std::string>();
    for (const auto& r : truth.rows) {
      EXPECT_TRUE(person_of_->emplace(r[0] + "/" + r[1], r[2]).second)
          << "truth lists " << r[0] << "/" << r[1] << " twice";
    }
  }

  static std::string Person(absl::string_view source, absl::string_view key) {
    auto it = person_of_->find(absl::StrCat(source, "/", key));
    EXPECT_NE(it, person_of_->end()) << source << "/" << key << " has no truth";
    return it == person_of_->end() ? "" : it->second;
  }
  // The true person of each record of a source.
  static std::vector<std::string> Persons(const Table& t, absl::string_view source) {
    std::vector<std::string> out;
    for (const auto& r : t.rows) out.push_back(Person(source, r[0]));
    return out;
  }

  static PersonGenerationSummary* summary_;
  static Table* hukou_;
  static Table* health_;
  static Table* hrss_;
  static absl::flat_hash_map<std::string, std::string>* person_of_;
};

PersonGenerationSummary* GeneratedPersonsTest::summary_;
Table* GeneratedPersonsTest::hukou_;
Table* GeneratedPersonsTest::health_;
Table* GeneratedPersonsTest::hrss_;
absl::flat_hash_map<std::string, std::string>* GeneratedPersonsTest::person_of_;

TEST(PersonGeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  Output a, b, c;
  ASSERT_TRUE(Generate(3000, 7, &a).ok());
  ASSERT_TRUE(Generate(3000, 7, &b).ok());
  ASSERT_TRUE(Generate(3000, 8, &c).ok());
  EXPECT_EQ(a.hukou, b.hukou);
  EXPECT_EQ(a.health, b.health);
  EXPECT_EQ(a.hrss, b.hrss);
  EXPECT_EQ(a.truth, b.truth);
  EXPECT_NE(a.hukou, c.hukou);
  EXPECT_NE(a.health, c.health);
}

TEST(PersonGeneratorTest, WritesTheAgenciesSchemas) {
  Output out;
  auto summary = Generate(50, 1, &out);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->persons, 50);
  EXPECT_TRUE(
      absl::StartsWith(out.hukou, "hukou_no,姓名,曾用名,身份证号,性别,出生日期,户号,住址\n"));
  EXPECT_TRUE(absl::StartsWith(out.health, "patient_id,name,id_card,gender,birth,phone,address\n"));
  EXPECT_TRUE(absl::StartsWith(out.hrss, "person_no,xm,sfzh,xb,csrq,dwmc\n"));
  EXPECT_TRUE(absl::StartsWith(out.truth, "source,record_id,person_id\n"));
}

TEST(PersonGeneratorTest, ImportMappingsNameTheExtractsColumns) {
  Output out;
  ASSERT_TRUE(Generate(10, 1, &out).ok());
  const std::pair<Extract, std::string*> extracts[] = {
      {Extract::kHukou, &out.hukou}, {Extract::kHealth, &out.health}, {Extract::kHrss, &out.hrss}};
  for (const auto& [extract, csv] : extracts) {
    const std::string header = csv->substr(0, csv->find('\n'));
    const std::string mapping = ImportMapping(extract);
    EXPECT_THAT(mapping, ::testing::HasSubstr(ExtractSource(extract)));
    std::smatch m;
    std::string rest = mapping;
    int columns = 0;
    while (std::regex_search(rest, m, std::regex(R"re(\n\w+ = "([^"]+)")re"))) {
      if (m[0].str().find("source") == std::string::npos &&
          m[0].str().find("kind") == std::string::npos) {
        EXPECT_THAT(std::vector<std::string>(absl::StrSplit(header, ',')),
                    ::testing::Contains(m[1].str()))
            << mapping;
        ++columns;
      }
      rest = m.suffix();
    }
    EXPECT_EQ(columns, std::count(header.begin(), header.end(), ',') + 1) << mapping;
  }
}

TEST(PersonGeneratorTest, RejectsANegativeCountAndReportsAFailedStream) {
  std::ostringstream ok;
  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  PersonExtractStreams streams{ok, broken, ok, ok};
  PersonGeneratorOptions options;
  options.persons = -1;
  EXPECT_EQ(GeneratePersonExtracts(options, streams).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.persons = 100;
  EXPECT_EQ(GeneratePersonExtracts(options, streams).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(GeneratedPersonsTest, TruthCoversEveryRecordExactlyOnce) {
  EXPECT_EQ(person_of_->size(), hukou_->rows.size() + health_->rows.size() + hrss_->rows.size());
  std::set<std::string> persons;
  for (const auto& [source, table] : {std::pair{"ps.hukou", hukou_},
                                      {"health.patient_index", health_},
                                      {"hrss.insured", hrss_}}) {
    std::set<std::string> keys;
    for (const auto& r : table->rows) {
      EXPECT_TRUE(keys.insert(r[0]).second) << "duplicate key " << r[0];
      persons.insert(Person(source, r[0]));
    }
  }
  EXPECT_EQ(summary_->hukou_records, static_cast<int64_t>(hukou_->rows.size()));
  EXPECT_LE(persons.size(), static_cast<size_t>(kPersons));
  EXPECT_GE(persons.size(), static_cast<size_t>(kPersons * 0.995));
}

TEST_F(GeneratedPersonsTest, HukouIdsAreValidAndAgreeWithTheRecord) {
  const int id = hukou_->Column("身份证号"), sex = hukou_->Column("性别"),
            birth = hukou_->Column("出生日期"), former = hukou_->Column("曾用名");
  int legacy = 0, born_before_1980 = 0, former_names = 0;
  for (const auto& r : hukou_->rows) {
    resolver::CitizenId parsed = ParseId(r[id]);
    ASSERT_TRUE(parsed.valid) << r[id] << ": " << parsed.problem;
    EXPECT_EQ(parsed.birth_date, Day(r[birth])) << r[id];
    EXPECT_EQ(parsed.sex == 'M' ? "男" : "女", r[sex]) << r[id];
    EXPECT_TRUE(absl::StartsWith(parsed.region, "45")) << r[id];
    born_before_1980 += parsed.birth_date.year() < 1980;
    if (parsed.upgraded) {
      EXPECT_EQ(r[id].size(), 15u);
      EXPECT_LT(parsed.birth_date.year(), 1980) << r[id];
      ++legacy;
    } else {
      EXPECT_EQ(r[id].size(), 18u);
    }
    former_names += !r[former].empty();
  }
  EXPECT_THAT(static_cast<double>(legacy) / born_before_1980, AllOf(Ge(0.03), Le(0.07)));
  EXPECT_EQ(legacy, summary_->hukou_legacy_ids);
  EXPECT_THAT(static_cast<double>(former_names) / hukou_->rows.size(), AllOf(Ge(0.003), Le(0.012)));
}

TEST_F(GeneratedPersonsTest, HouseholdsShareAnAddressAndTwinsTheirSurnameAndBirthDay) {
  const int name = hukou_->Column("姓名"), id = hukou_->Column("身份证号"),
            household = hukou_->Column("户号"), birth = hukou_->Column("出生日期"),
            address = hukou_->Column("住址");
  std::map<std::string, std::string> address_of;
  std::map<std::pair<std::string, std::string>, std::vector<const std::vector<std::string>*>>
      same_day;
  for (const auto& r : hukou_->rows) {
    auto [it, added] = address_of.emplace(r[household], r[address]);
    EXPECT_EQ(it->second, r[address]) << "household " << r[household];
    EXPECT_TRUE(absl::StartsWith(r[address], "广西壮族自治区")) << r[address];
    same_day[{r[household], r[birth]}].push_back(&r);
  }
  EXPECT_LT(address_of.size(), hukou_->rows.size() / 2);  // households of 2 or more are usual
  int twins = 0;
  for (const auto& [key, members] : same_day) {
    if (members.size() < 2) continue;
    ASSERT_EQ(members.size(), 2u) << "household " << key.first;
    const auto& a = *members[0];
    const auto& b = *members[1];
    EXPECT_EQ(a[name].substr(0, 3), b[name].substr(0, 3)) << a[name] << " " << b[name];
    EXPECT_NE(a[name], b[name]);
    EXPECT_EQ(a[address], b[address]);
    EXPECT_NE(resolver::CitizenIdKey(a[id]), resolver::CitizenIdKey(b[id]));
    ++twins;
  }
  EXPECT_THAT(twins, AllOf(Ge(20), Le(200)));
  EXPECT_THAT(summary_->twin_pairs, AllOf(Ge(twins), Le(twins + 10)));
}

TEST_F(GeneratedPersonsTest, HealthHasTheErrorsOfAPatientIndex) {
  const int name = health_->Column("name"), id = health_->Column("id_card"),
            birth = health_->Column("birth"), gender = health_->Column("gender");
  const std::vector<std::string> persons = Persons(*health_, "health.patient_index");
  const std::set<std::string> patients(persons.begin(), persons.end());
  EXPECT_THAT(static_cast<double>(patients.size()) / kPersons, AllOf(Ge(0.47), Le(0.53)));
  EXPECT_THAT(static_cast<double>(persons.size() - patients.size()) / patients.size(),
              AllOf(Ge(0.02), Le(0.045)));

  // Names against the household register's (people without a former name only).
  const int hukou_name = hukou_->Column("姓名"), hukou_former = hukou_->Column("曾用名");
  absl::flat_hash_map<std::string, std::string> registered;
  for (const auto& r : hukou_->rows) {
    if (r[hukou_former].empty()) registered[Person("ps.hukou", r[0])] = r[hukou_name];
  }
  int missing = 0, wrong = 0, compared = 0, differing = 0, traditional = 0, month_only = 0;
  std::set<std::string> birth_styles, gender_codes;
  const std::regex month_only_form(R"(^\d{6}$|^\d{4}-\d{2}$|^\d{4}年\d{1,2}月$)");
  for (size_t i = 0; i < health_->rows.size(); ++i) {
    const auto& r = health_->rows[i];
    if (r[id].empty()) {
      ++missing;
    } else {
      wrong += !ParseId(r[id]).valid;
    }
    if (auto it = registered.find(persons[i]); it != registered.end()) {
      ++compared;
      differing += r[name] != it->second;
    }
    for (absl::string_view ch : {"華", "國", "麗", "偉", "紅", "軍", "蘭", "鳳", "龍", "東",
                                 "陳", "張", "劉", "楊", "韋", "陸", "藍", "羅", "鄧", "謝"}) {
      if (absl::StrContains(r[name], ch)) {
        ++traditional;
        break;
      }
    }
    month_only += std::regex_match(r[birth], month_only_form);
    birth_styles.insert(std::regex_replace(r[birth], std::regex(R"(\d)"), "9"));
    gender_codes.insert(r[gender]);
  }
  const double n = health_->rows.size();
  EXPECT_THAT(missing / n, AllOf(Ge(0.12), Le(0.18)));
  EXPECT_THAT(wrong / (n - missing), AllOf(Ge(0.01), Le(0.03)));
  EXPECT_THAT(static_cast<double>(differing) / compared, AllOf(Ge(0.04), Le(0.13)));
  EXPECT_THAT(traditional / n, AllOf(Ge(0.005), Le(0.04)));
  EXPECT_THAT(month_only / n, AllOf(Ge(0.03), Le(0.07)));
  for (const char* style : {"99999999", "9999-99-99", "9999年9月9日", "9999/9/9"}) {
    EXPECT_TRUE(birth_styles.count(style)) << style;
  }
  EXPECT_EQ(gender_codes, (std::set<std::string>{"", "1", "2", "F", "M"}));
}

TEST_F(GeneratedPersonsTest, SocialSecurityCoversWorkingAdultsWithSomePinyinNames) {
  const int xm = hrss_->Column("xm"), csrq = hrss_->Column("csrq");
  const absl::CivilDay today = PersonGeneratorOptions().reference_date;
  // Working age from the household register.
  const int birth = hukou_->Column("出生日期");
  absl::flat_hash_set<std::string> working_age;
  for (const auto& r : hukou_->rows) {
    const absl::CivilDay b = Day(r[birth]);
    const int age = static_cast<int>(today.year() - b.year()) -
                    (absl::CivilDay(today.year(), b.month(), b.day()) > today ? 1 : 0);
    if (age >= 18 && age <= 60) working_age.insert(Person("ps.hukou", r[0]));
  }
  const std::vector<std::string> persons = Persons(*hrss_, "hrss.insured");
  int insured_working = 0, pinyin = 0;
  const std::regex pinyin_form(R"(^[A-Z][A-Za-z]* [A-Z][a-z]+$)");
  for (size_t i = 0; i < persons.size(); ++i) {
    insured_working += working_age.contains(persons[i]);
    pinyin += std::regex_match(hrss_->rows[i][xm], pinyin_form);
    EXPECT_EQ(hrss_->rows[i][csrq].size(), 8u);
    EXPECT_LE(hrss_->rows[i][csrq], "20060630") << "insured before 18";
  }
  EXPECT_THAT(static_cast<double>(insured_working) / working_age.size(), AllOf(Ge(0.56), Le(0.64)));
  EXPECT_THAT(static_cast<double>(pinyin) / persons.size(), AllOf(Ge(0.015), Le(0.045)));
  EXPECT_EQ(pinyin, summary_->hrss_pinyin_names);
}

}  // namespace
}  // namespace mdhub::gen

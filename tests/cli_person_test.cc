// Command-line tests of the person commands (search, household, explain, explain-pair, merge,
// split, decide, review) against the in-process server with the shipped person matching preset.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/testing/review_pair.h"
#include "tests/cli_fixture.h"

namespace mdhub::tests {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kWei[] = "450102199003071238";
constexpr char kLu[] = "45010319880808007X";

// The person commands, with the shipped person matching preset of the fixture: one person as
// household registration and a clinic know her (the clinic has no id number, so the model links
// the two), and her husband in the same household.
class CliPersonTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    auto hukou = WangFangAtHukou(kWei);
    hukou["household_no"] = "450102000123";
    wang_fang_ = SubmitPerson("ps", "ps.hukou", "h1", hukou).entity_id();
    clock_.Advance(absl::Seconds(1));
    clinic_ = SubmitPerson("ps", "ps.clinic", "p1", WangFangAtClinic()).entity_id();
    husband_ =
        SubmitPerson("ps", "ps.hukou", "h2",
                     {{"name", "陆建国"}, {"citizen_id", kLu}, {"household_no", "450102000123"}})
            .entity_id();
  }

  std::string wang_fang_, clinic_, husband_;
};

TEST_F(CliPersonTest, SearchFindsAPersonByPinyinNameAndHouseholdListsHerFamily) {
  CliRun r = As("ps", {"person", "search", "--name", "wang fang", "--members"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("SCORE")) << r.out;
  std::vector<std::string> lines = absl::StrSplit(r.out, '\n', absl::SkipEmpty());
  ASSERT_GE(lines.size(), 2u) << r.out;
  EXPECT_THAT(lines[1], HasSubstr(wang_fang_)) << r.out;
  EXPECT_THAT(lines[1], HasSubstr("王芳")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("- ps.clinic/p1")) << r.out;  // --members

  r = As("ps", {"person", "search", "--name", "zhao lei"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("no person matches")) << r.out;

  // The server's complaint about a query field names the flag the user gave.
  r = As("ps", {"person", "search", "--name", "王芳", "--region", "45x"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("mdhub: INVALID_ARGUMENT: --region: must be")) << r.err;

  r = As("ps", {"person", "household", husband_});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr(wang_fang_)) << r.out;
  EXPECT_THAT(r.out, HasSubstr(husband_)) << r.out;
  EXPECT_THAT(r.out, HasSubstr("陆建国")) << r.out;
}

TEST_F(CliPersonTest, ExplainShowsTheModelLinkFieldByField) {
  ASSERT_EQ(clinic_, wang_fang_);
  CliRun r = As("ps", {"person", "explain", wang_fang_});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("ps.clinic/p1: matched ps.hukou/h1 with probability")) << r.out;
  // The comparison behind the link: a table with the member and the record it matched.
  bool header = false, name_row = false;
  for (absl::string_view line : absl::StrSplit(r.out, '\n')) {
    std::vector<absl::string_view> cells = absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (!cells.empty() && cells[0] == "FIELD") {
      header = true;
      EXPECT_THAT(cells, ElementsAre("FIELD", "ps.clinic/p1", "ps.hukou/h1", "LEVEL", "WEIGHT"));
    }
    if (header && cells.size() == 5 && cells[0] == "name") {
      name_row = true;
      EXPECT_EQ(cells[1], "王芳") << line;
      EXPECT_EQ(cells[3], "exact") << line;
      EXPECT_EQ(cells[4].front(), '+') << line;
    }
  }
  EXPECT_TRUE(header) << r.out;
  EXPECT_TRUE(name_row) << r.out;

  r = As("ps", {"person", "explain-pair", "ps.hukou/h1", "ps.clinic/p1"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, ::testing::MatchesRegex("FIELD +ps.hukou/h1 +ps.clinic/p1 +LEVEL +WEIGHT\n.*"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("\ntotal ")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("match probability: ")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("decision: link")) << r.out;

  r = As("ps", {"person", "explain", "P9999999999"});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("mdhub: NOT_FOUND: ")) << r.err;
}

TEST_F(CliPersonTest, SplitThenDecideMustLinkJoinsTheRecordsAgain) {
  CliRun r = As("ps", {"person", "split", wang_fang_, "ps.clinic/p1", "--reason",
                       "another Wang Fang, checked at the clinic", "--user", "steward-li"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const std::string split_off = EntityOfRecord("ps.clinic", "p1");
  EXPECT_NE(split_off, wang_fang_);
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("1 record moved to the new person ", split_off)))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("split off  ", split_off))) << r.out;
  EXPECT_EQ(EntityOfRecord("ps.hukou", "h1"), wang_fang_);

  // The split left a cannot-link, which a merge respects and names.
  r = As("ps", {"person", "merge", wang_fang_, split_off, "--reason", "x"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("FAILED_PRECONDITION")) << r.err;
  EXPECT_THAT(r.err, HasSubstr("cannot-link")) << r.err;

  r = As("ps", {"person", "decide", "ps.hukou/h1", "ps.clinic/p1", "--must-link", "--reason",
                "same person after all"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("must-link: ps.hukou/h1 and ps.clinic/p1 are both in ",
                                            wang_fang_)))
      << r.out;
  EXPECT_EQ(EntityOfRecord("ps.clinic", "p1"), wang_fang_);

  // Exactly one of --must-link and --cannot-link.
  r = As("ps", {"person", "decide", "ps.hukou/h1", "ps.clinic/p1", "--reason", "x"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--must-link or --cannot-link")) << r.err;
}

TEST_F(CliPersonTest, ReviewListsUncertainPairsWithTheCommandThatResolvesThem) {
  // A pair neither clearly the same nor clearly not under the shipped model.
  const auto [left, right] = resolver::testing::UncertainPair(MDHUB_SOURCE_DIR, "5");
  const std::string huang = SubmitPerson("ps", "ps.hukou", "h10", left).entity_id();
  clock_.Advance(absl::Seconds(1));
  const std::string clinic_huang = SubmitPerson("ps", "ps.clinic", "p10", right).entity_id();
  ASSERT_NE(huang, clinic_huang);

  CliRun r = As("ps", {"person", "review"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("PROBABILITY")) << r.out;
  EXPECT_THAT(r.out, HasSubstr(huang)) << r.out;
  EXPECT_THAT(r.out, HasSubstr(clinic_huang)) << r.out;
  // Each pair comes with the command that resolves it.
  std::vector<std::string> pair;
  for (absl::string_view line : absl::StrSplit(r.out, '\n')) {
    if (absl::StrContains(line, "resolve: mdhub person decide ")) {
      std::vector<std::string> words = absl::StrSplit(line, ' ', absl::SkipEmpty());
      ASSERT_THAT(words, SizeIs(9)) << line;
      EXPECT_EQ(words[6], "--must-link|--cannot-link") << line;
      pair = {words[4], words[5]};
    }
  }
  ASSERT_THAT(pair, SizeIs(2)) << r.out;
  EXPECT_THAT(pair, ::testing::UnorderedElementsAre("ps.hukou/h10", "ps.clinic/p10"));

  // The steward looks closer, then follows the hint.
  r = As("ps", {"person", "explain-pair", pair[0], pair[1]});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("decision: review")) << r.out;
  r = As("ps", {"person", "decide", pair[0], pair[1], "--cannot-link", "--reason",
                "different gender and city"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("cannot-link: ", pair[0], " is in "))) << r.out;
  EXPECT_EQ(EntityOfRecord("ps.hukou", "h10"), huang);
  EXPECT_EQ(EntityOfRecord("ps.clinic", "p10"), clinic_huang);
  r = As("ps", {"person", "review"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("no pairs await review")) << r.out;
}

TEST_F(CliPersonTest, MergeKeepsTheFirstIdAndRedirectsTheSecond) {
  CliRun r = As("ps", {"person", "merge", husband_, wang_fang_, "--reason", "test merge"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr(absl::StrCat("merged ", wang_fang_, " into ", husband_))) << r.out;
  EXPECT_EQ(EntityOfRecord("ps.clinic", "p1"), husband_);
  r = As("ps", {"get", "person", wang_fang_});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  v1::Entity followed = ParseJson<v1::Entity>(r.out);
  EXPECT_EQ(followed.id(), husband_);
  EXPECT_EQ(followed.redirected_from(), wang_fang_);

  // The reason is required: every steward action says why.
  r = As("ps", {"person", "merge", husband_, wang_fang_});
  EXPECT_NE(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--reason")) << r.err;
}

// Malformed record arguments are rejected before anything is sent, naming the argument.
TEST(CliPersonArgumentsTest, ABadRecordReferenceIsNamed) {
  const std::vector<std::string> connection = {"--server", "127.0.0.1:1", "--insecure"};
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.end(), connection.begin(), connection.end());
    return RunMdhub(args);
  };
  CliRun r = run({"person", "explain-pair", "ps.hukou", "ps.clinic/p1"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("mdhub: INVALID_ARGUMENT: left: \"ps.hukou\" is not a record "
                               "reference SOURCE/KEY"))
      << r.err;

  r = run({"person", "decide", "ps.hukou/h1", "/p1", "--cannot-link", "--reason", "x"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("right: \"/p1\" is not a record reference")) << r.err;

  r = run({"person", "split", "P0000000001", "ps.hukou/h1", "ps.clinic/", "--reason", "x"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("record 2: \"ps.clinic/\" is not a record reference")) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("UNAVAILABLE"))) << r.err;
}

}  // namespace
}  // namespace mdhub::tests

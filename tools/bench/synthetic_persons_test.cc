#include "tools/bench/synthetic_persons.h"

#include <set>

#include "gtest/gtest.h"

namespace mdhub::bench {
namespace {

TEST(SyntheticPersonsTest, CheckCharacterMatchesTheStandardsVectors) {
  // From ../shared/testdata/identifiers.md.
  EXPECT_EQ(CitizenIdCheck("45010219900307123"), '8');
  EXPECT_EQ(CitizenIdCheck("45010319851112246"), 'X');
  EXPECT_EQ(CitizenIdCheck("11010519491231002"), 'X');
  EXPECT_EQ(CitizenIdCheck("44052418800101001"), '4');
}

TEST(SyntheticPersonsTest, IdsAreDistinctAndWellFormed) {
  std::set<std::string> ids;
  for (uint64_t i = 0; i < 200000; ++i) {
    SyntheticPerson p = MakePerson(i);
    ASSERT_EQ(p.citizen_id.size(), 18u);
    ASSERT_EQ(p.citizen_id[17], CitizenIdCheck(p.citizen_id.substr(0, 17)));
    ids.insert(p.citizen_id);
  }
  EXPECT_EQ(ids.size(), 200000u);
}

}  // namespace
}  // namespace mdhub::bench

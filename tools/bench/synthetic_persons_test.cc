#include "tools/bench/synthetic_persons.h"

#include <set>

#include "gtest/gtest.h"
#include "resolver/standardize/citizen_id.h"

namespace mdhub::bench {
namespace {

TEST(SyntheticPersonsTest, IdsAreDistinctAndWellFormed) {
  std::set<std::string> ids;
  for (uint64_t i = 0; i < 200000; ++i) {
    SyntheticPerson p = MakePerson(i);
    ASSERT_EQ(p.citizen_id.size(), 18u);
    ASSERT_EQ(p.citizen_id[17], resolver::CitizenIdCheckCharacter(p.citizen_id.substr(0, 17)));
    ids.insert(p.citizen_id);
  }
  EXPECT_EQ(ids.size(), 200000u);
}

}  // namespace
}  // namespace mdhub::bench

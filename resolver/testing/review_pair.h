// For tests of the review queue: two person records that the shipped person preset scores
// between its review and link thresholds. The model is retrained as the generator and settings
// improve, so the pair is found by scoring candidates rather than written down: the left record
// stays fixed while the right one disagrees on more and more fields.
#ifndef MDHUB_RESOLVER_TESTING_REVIEW_PAIR_H_
#define MDHUB_RESOLVER_TESTING_REVIEW_PAIR_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "resolver/match/profile.h"

namespace mdhub::resolver::testing {

using Attributes = std::map<std::string, std::string>;

// Records that share the blocking key (pinyin of the name, birth month); `tag` (a digit) picks
// the name and makes phones and days distinct, so that pairs of different tags coexist without
// linking to each other. Fails the test when no candidate lands in the review band.
inline std::pair<Attributes, Attributes> UncertainPair(const std::string& source_dir,
                                                       const std::string& tag = "1") {
  const std::string preset = source_dir + "/docs/examples/persons/";
  auto profile = MatchProfile::Load(preset + "settings.toml", preset + "model.toml");
  EXPECT_TRUE(profile.ok()) << profile.status();
  if (!profile.ok()) return {};
  const char* names[][2] = {{"黄芳", "HUANG Fang"}, {"韦丽", "WEI Li"}, {"梁红", "LIANG Hong"},
                            {"陆敏", "LU Min"},      {"莫兰", "MO Lan"}};
  const auto& name = names[(tag[0] - '0') % 5];
  const Attributes left = {{"name", name[0]},
                           {"birth_date", "1990-03-0" + tag},
                           {"gender", "女"},
                           {"address", "南宁市兴宁区民主路12号"},
                           {"phone", "1380771000" + tag},
                           {"citizen_id", "45010219900301123" + tag}};
  // Each step adds one disagreement to the right record.
  const std::vector<Attributes> steps = {
      {{"name", name[1]}, {"birth_date", "1990-03-2" + tag}},
      {{"citizen_id", "45030519900321111" + tag}},
      {{"address", "桂林市秀峰区中山路5号"}},
      {{"gender", "男"}, {"phone", ""}},
      {{"phone", "1390772000" + tag}},
  };
  auto values = [&](const Attributes& a) {
    store::Record r;
    for (const auto& [k, v] : a) (*r.mutable_attributes())[k] = v;
    std::vector<std::string> all = (*profile)->Values(r);
    all.resize((*profile)->fields());
    return all;
  };
  Attributes right = left;
  const MatchSettings& s = (*profile)->settings();
  for (const Attributes& step : steps) {
    for (const auto& [k, v] : step) right[k] = v;
    const std::vector<std::string> a = values(left), b = values(right);
    const double p = (*profile)->Probability({a.begin(), a.end()}, {b.begin(), b.end()});
    if (p >= s.review_threshold && p < s.link_threshold) return {left, right};
  }
  ADD_FAILURE() << "no candidate pair lands between the review and link thresholds";
  return {left, right};
}

}  // namespace mdhub::resolver::testing

#endif  // MDHUB_RESOLVER_TESTING_REVIEW_PAIR_H_

#include "tools/bench/synthetic_persons.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "resolver/standardize/citizen_id.h"

namespace mdhub::bench {
namespace {

constexpr const char* kRegions[] = {"450102", "450103", "450105", "450107", "450108",
                                    "450109", "450110", "450202", "450203", "450302"};
constexpr const char* kSurnames[] = {"韦", "黄", "陆", "覃", "蒙", "李", "王", "张", "刘", "陈",
                                     "农", "莫", "梁", "潘", "蓝", "廖", "卢", "罗", "周", "吴"};
constexpr const char* kGiven[] = {"小宝", "丽华", "建国", "海燕", "志强", "秀英", "伟",
                                  "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",
                                  "军",   "洋",   "勇",   "艳",   "杰",   "娟",   "涛",
                                  "明",   "超",   "秀兰", "霞",   "平",   "刚",   "桂英"};

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace


SyntheticPerson MakePerson(uint64_t i) {
  const uint64_t h = Mix(i + 1);
  SyntheticPerson p;
  p.key = absl::StrCat("B", i);
  p.name = absl::StrCat(kSurnames[h % 20], kGiven[(h >> 8) % 28]);
  // Distinct ids: day of birth and sequence number spell i in a mixed radix.
  const int region = i % 10;
  uint64_t rest = i / 10;
  const int seq = rest % 1000;  // the three-digit sequence within a day
  rest /= 1000;
  const int day = rest % 28 + 1;
  rest /= 28;
  const int month = rest % 12 + 1;
  rest /= 12;
  const int year = 1930 + static_cast<int>(rest % 90);
  p.birth_date = absl::StrFormat("%04d-%02d-%02d", year, month, day);
  p.gender = seq % 2 ? "男" : "女";
  std::string first17 =
      absl::StrFormat("%s%04d%02d%02d%03d", kRegions[region], year, month, day, seq);
  p.citizen_id = first17 + resolver::CitizenIdCheckCharacter(first17);
  return p;
}

}  // namespace mdhub::bench

#include "gtest/gtest.h"
#include "resolver/standardize/name.h"
#include "resolver/standardize/values.h"

namespace mdhub::resolver {
namespace {

TEST(StandardNameTest, OneWrittenForm) {
  EXPECT_EQ(StandardName("張 偉"), "张伟");
  EXPECT_EQ(StandardName("张伟"), "张伟");
  EXPECT_EQ(StandardName("麗華"), "丽华");
  EXPECT_EQ(StandardName("阿卜杜•热合曼"), "阿卜杜·热合曼");
  EXPECT_EQ(StandardName("阿卜杜 . 热合曼"), "阿卜杜·热合曼");
  EXPECT_EQ(StandardName("  WANG   Fang "), "wang fang");
  EXPECT_EQ(StandardName("ＷＡＮＧ　Ｆａｎｇ"), "wang fang");
}

TEST(StandardNameTest, Pinyin) {
  EXPECT_EQ(NamePinyin("張偉"), "zhang wei");
  EXPECT_EQ(NamePinyin("张玮"), "zhang wei");  // a homophone
  EXPECT_EQ(NamePinyin("WANG Fang"), "wang fang");
  EXPECT_EQ(NamePinyin("单雄信"), "shan xiong xin");  // surname reading
  // Surnames ICU reads as common words: 覃 (common in Guangxi) is Qín, 缪 Miào, 朴 Piáo; the
  // same characters later in a name keep their usual reading.
  EXPECT_EQ(NamePinyin("覃海"), "qin hai");
  EXPECT_EQ(NamePinyin("QIN Hai"), NamePinyin("覃海"));
  EXPECT_EQ(NamePinyin("缪斌"), "miao bin");
  EXPECT_EQ(NamePinyin("朴英"), "piao ying");
  EXPECT_EQ(NamePinyin("覃"), "tan");
  EXPECT_EQ(NamePinyin("阿卜杜·热合曼"), "a bo du re he man");
}

TEST(StandardDateTest, MixedFormats) {
  for (const char* raw : {"19900307", "1990-03-07", "1990/3/7", "1990.3.7", "1990年3月7日",
                          " 1990-3-07 ", "１９９０年３月７日"}) {
    EXPECT_EQ(StandardDate(raw), "1990-03-07") << raw;
  }
  EXPECT_EQ(StandardDate("199003"), "1990-03");
  EXPECT_EQ(StandardDate("1990年3月"), "1990-03");
  EXPECT_EQ(StandardDate("19900230"), "");
  EXPECT_EQ(StandardDate("1990-13-01"), "");
  EXPECT_EQ(StandardDate("unknown"), "");
}

TEST(StandardValuesTest, GenderAndPhone) {
  EXPECT_EQ(StandardGender("男"), "M");
  EXPECT_EQ(StandardGender(" f "), "F");
  EXPECT_EQ(StandardGender("2"), "F");
  EXPECT_EQ(StandardGender("未知"), "");
  EXPECT_EQ(StandardPhone("+86 138-0077-1234"), "13800771234");
  EXPECT_EQ(StandardPhone("0086 13800771234"), "13800771234");
  EXPECT_EQ(StandardPhone("0771-5551234"), "07715551234");
}

}  // namespace
}  // namespace mdhub::resolver

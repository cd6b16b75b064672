#include "resolver/record_validation.h"

#include "gtest/gtest.h"

namespace mdhub::resolver {
namespace {

store::Record Valid() {
  store::Record r;
  r.set_source("ps.hukou");
  r.set_record_key("450102-0001");
  (*r.mutable_attributes())["name"] = "韦小宝";
  return r;
}

std::string Problem(const store::Record& r) {
  absl::Status s = ValidateRecord(r, "record");
  EXPECT_TRUE(s.ok() || absl::IsInvalidArgument(s));
  return std::string(s.message());
}

TEST(RecordValidationTest, AcceptsAWellFormedRecord) { EXPECT_EQ(Problem(Valid()), ""); }

TEST(RecordValidationTest, NamesTheOffendingField) {
  store::Record r = Valid();
  r.set_source("");
  EXPECT_EQ(Problem(r).rfind("record.source: is required", 0), 0u);
  r = Valid();
  r.set_record_key(std::string("a\0b", 3));
  EXPECT_EQ(Problem(r).rfind("record.record_key:", 0), 0u);
  r = Valid();
  (*r.mutable_attributes())["Bad Name"] = "x";
  EXPECT_EQ(Problem(r).rfind("record.attributes[\"Bad Name\"]:", 0), 0u);
  r = Valid();
  (*r.mutable_attributes())["name"] = "\xe9\x9f";  // truncated UTF-8
  EXPECT_EQ(Problem(r).rfind("record.attributes[\"name\"]: value is not valid UTF-8", 0), 0u);
  r = Valid();
  r.add_labels("Secret!");
  EXPECT_EQ(Problem(r).rfind("record.labels[0]:", 0), 0u);
}

TEST(RecordValidationTest, Utf8Checker) {
  EXPECT_TRUE(IsCleanUtf8("plain ascii"));
  EXPECT_TRUE(IsCleanUtf8("阿卜杜·热合曼"));
  EXPECT_TRUE(IsCleanUtf8("\xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsCleanUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsCleanUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsCleanUtf8("\xe4\xb8"));          // truncated
  EXPECT_FALSE(IsCleanUtf8(std::string(1, '\0')));
}

}  // namespace
}  // namespace mdhub::resolver

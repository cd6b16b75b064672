#include "common/csv_reader.h"

#include <sstream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace mdhub {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text,
                                              CsvReader::Options options = {}) {
  std::istringstream in(text);
  CsvReader reader(in, "t.csv", options);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  for (;;) {
    auto more = reader.Next(&row);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    rows.push_back(row);
  }
  return rows;
}

TEST(CsvReaderTest, ReadsQuotedFieldsAndLineBreaks) {
  auto rows = ReadAll("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\n王芳,,");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x,1", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"王芳", "", ""}));
}

TEST(CsvReaderTest, SkipsAByteOrderMarkAtTheStartOnly) {
  using Rows = std::vector<std::vector<std::string>>;
  EXPECT_EQ(ReadAll("\xEF\xBB\xBFlon,lat\r\n1,2\r\n"), (Rows{{"lon", "lat"}, {"1", "2"}}));
  EXPECT_EQ(ReadAll("\xEF\xBB\xBF"), Rows{});
  // EF BB BB is a character (U+FEFB), not a mark; a mark later in the file is data.
  EXPECT_EQ(ReadAll("\xEF\xBB\xBB,x\n\xEF\xBB\xBFy\n"),
            (Rows{{"\xEF\xBB\xBB", "x"}, {"\xEF\xBB\xBFy"}}));
}

TEST(CsvReaderTest, SkipsInitialSpaceWhenAsked) {
  auto rows = ReadAll("rec-1-org, john, smith\n", {.skip_initial_space = true});
  EXPECT_EQ(rows[0], (std::vector<std::string>{"rec-1-org", "john", "smith"}));
}

TEST(CsvReaderTest, ErrorsNameLineAndColumnAndReadingContinues) {
  std::istringstream in("a,b\nx,\"open\ny\n");
  CsvReader reader(in, "f.csv", {});
  std::vector<std::string> row;
  ASSERT_TRUE(*reader.Next(&row));
  auto bad = reader.Next(&row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "f.csv:2:3: quoted field is not closed");
  // The unclosed quote took the rest of the input; reading goes on after the quote's line.
  ASSERT_TRUE(*reader.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"y"}));
  EXPECT_EQ(reader.row_line(), 3);
  EXPECT_FALSE(*reader.Next(&row));

  std::istringstream in2("a,b\"c\nd,e\n");
  CsvReader r2(in2, "g.csv", {});
  auto bad2 = r2.Next(&row);
  EXPECT_EQ(bad2.status().message(), "g.csv:1:4: quote inside an unquoted field");
  ASSERT_TRUE(*r2.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"d", "e"}));
  EXPECT_EQ(r2.row_line(), 2);
}

// A stream that cannot seek, as a pipe.
class OneWayBuffer : public std::streambuf {
 public:
  explicit OneWayBuffer(std::string text) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + text_.size());
  }

 private:
  std::string text_;
};

TEST(CsvReaderTest, UnclosedQuoteEndsAStreamThatCannotSeek) {
  OneWayBuffer buffer("a,b\nx,\"open\ny,z\n");
  std::istream in(&buffer);
  CsvReader reader(in, "-", {});
  std::vector<std::string> row;
  ASSERT_TRUE(*reader.Next(&row));
  auto bad = reader.Next(&row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "-:2:3: quoted field is not closed");
  auto end = reader.Next(&row);
  ASSERT_TRUE(end.ok()) << end.status();
  EXPECT_FALSE(*end);
}

}  // namespace
}  // namespace mdhub

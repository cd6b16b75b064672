#include "tools/cli/text_table.h"

#include <algorithm>
#include <utility>

#include "resolver/compare/similarity.h"

namespace mdhub::cli {
namespace {

struct Range {
  char32_t first, last;
};

// East Asian wide and full-width characters (Unicode EastAsianWidth W and F): Hangul Jamo, CJK
// radicals, punctuation, kana, ideographs, Yi, Hangul syllables, compatibility ideographs,
// vertical and small forms, full-width forms, emoji, and the supplementary ideograph planes.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Combining marks, zero-width characters and variation selectors.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
};

template <size_t N>
bool In(const Range (&ranges)[N], char32_t c) {
  return std::any_of(std::begin(ranges), std::end(ranges),
                     [c](const Range& r) { return c >= r.first && c <= r.last; });
}

int Width(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0) || In(kZero, c)) return 0;
  return In(kWide, c) ? 2 : 1;
}

}  // namespace

int DisplayWidth(absl::string_view utf8) {
  int width = 0;
  for (char32_t c : resolver::ToCodePoints(utf8)) width += Width(c);
  return width;
}

TextTable::TextTable(std::vector<std::string> header, std::string indent)
    : indent_(std::move(indent)) {
  rows_.push_back({std::move(header), {}});
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(rows_.front().cells.size());
  rows_.push_back({std::move(cells), {}});
}

void TextTable::AddNote(std::string line) { rows_.back().notes.push_back(std::move(line)); }

std::string TextTable::Render() const {
  const size_t columns = rows_.front().cells.size();
  std::vector<int> widths(columns, 0);
  for (const Row& row : rows_) {
    for (size_t i = 0; i < columns; ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row.cells[i]));
    }
  }
  std::string out;
  for (const Row& row : rows_) {
    std::string line = indent_;
    for (size_t i = 0; i < columns; ++i) {
      if (i > 0) line.append(2, ' ');
      line += row.cells[i];
      line.append(widths[i] - DisplayWidth(row.cells[i]), ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
    for (const std::string& note : row.notes) {
      out += indent_;
      out += note;
      out += '\n';
    }
  }
  return out;
}

}  // namespace mdhub::cli

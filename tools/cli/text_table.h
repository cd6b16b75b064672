// TextTable: the plain-text tables of the mdhub command-line tool, with columns aligned by their
// width on a terminal, so that Chinese text (two columns a character) lines up with Latin text.
#ifndef MDHUB_TOOLS_CLI_TEXT_TABLE_H_
#define MDHUB_TOOLS_CLI_TEXT_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdhub::cli {

// Columns a UTF-8 text takes on a terminal: two for East Asian wide and full-width characters,
// none for combining marks and control characters, one for the rest.
int DisplayWidth(absl::string_view utf8);

// Rows of cells under a header, and free lines (notes) after a row that do not count towards the
// column widths. Not thread-safe.
class TextTable {
 public:
  // `indent` is put before every row and note.
  explicit TextTable(std::vector<std::string> header, std::string indent = "");

  // Appends a row. Missing cells are empty; surplus cells are ignored.
  void AddRow(std::vector<std::string> cells);
  // Appends a line printed after the last row added (after the header when there is none).
  void AddNote(std::string line);

  // The table: the header, then each row with its notes, columns two spaces apart, no trailing
  // spaces, each line ending in '\n'.
  std::string Render() const;

 private:
  struct Row {
    std::vector<std::string> cells;
    std::vector<std::string> notes;
  };
  const std::string indent_;
  std::vector<Row> rows_;  // rows_[0] is the header
};

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_TEXT_TABLE_H_

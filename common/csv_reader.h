// CsvReader: the one CSV reader of mdhub (RFC 4180: quoted fields, doubled quotes, newlines inside
// quotes, CRLF; a UTF-8 byte-order mark at the start is skipped), reading a stream row by row and
// reporting errors with line and column.
#ifndef MDHUB_COMMON_CSV_READER_H_
#define MDHUB_COMMON_CSV_READER_H_

#include <istream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace mdhub {

// Not thread-safe.
class CsvReader {
 public:
  struct Options {
    char delimiter = ',';
    // Skip spaces after a delimiter (FEBRL files put ", " between fields).
    bool skip_initial_space = false;
  };

  // `name` is used in error messages (usually the file path). `in` must outlive the reader.
  CsvReader(std::istream& in, std::string name, Options options);

  // Reads the next row into `fields`. Returns false at the end of input. A malformed row is
  // INVALID_ARGUMENT "name:line:column: problem"; reading can continue with the next row. For a
  // quote that is never closed, that is the line after the quote's when the stream can seek (a
  // file), and the end of input otherwise.
  absl::StatusOr<bool> Next(std::vector<std::string>* fields);

  // Line on which the last row returned by Next started (1-based).
  int row_line() const { return row_line_; }

 private:
  std::istream& in_;
  const std::string name_;
  const Options options_;
  int line_ = 1;
  int row_line_ = 0;
  bool started_ = false;
};

}  // namespace mdhub

#endif  // MDHUB_COMMON_CSV_READER_H_

// CsvWriter: the one CSV writer of mdhub (RFC 4180 quoting), buffering rows into large writes.
#ifndef MDHUB_COMMON_CSV_WRITER_H_
#define MDHUB_COMMON_CSV_WRITER_H_

#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdhub {

// Not thread-safe. The stream must outlive the writer.
class CsvWriter {
 public:
  // `name` appears in errors.
  CsvWriter(std::ostream& out, std::string name) : out_(out), name_(std::move(name)) {}

  // Appends one row; fields with a comma, quote or line break are quoted.
  void Row(absl::Span<const absl::string_view> fields);
  // Writes what is buffered. DATA_LOSS when the stream has failed.
  absl::Status Flush();

 private:
  std::ostream& out_;
  const std::string name_;
  std::string buffer_;
  bool failed_ = false;
};

}  // namespace mdhub

#endif  // MDHUB_COMMON_CSV_WRITER_H_

#include "common/csv_writer.h"

#include "absl/strings/str_cat.h"

namespace mdhub {
namespace {

constexpr size_t kWriteSize = 1 << 20;

}  // namespace

void CsvWriter::Row(absl::Span<const absl::string_view> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) buffer_.push_back(',');
    absl::string_view f = fields[i];
    if (f.find_first_of(",\"\r\n") == absl::string_view::npos) {
      buffer_.append(f.data(), f.size());
      continue;
    }
    buffer_.push_back('"');
    for (char c : f) {
      if (c == '"') buffer_.push_back('"');
      buffer_.push_back(c);
    }
    buffer_.push_back('"');
  }
  buffer_.push_back('\n');
  if (buffer_.size() >= kWriteSize) (void)Flush();  // a failure is reported by the final Flush
}

absl::Status CsvWriter::Flush() {
  if (!failed_ && !buffer_.empty()) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    out_.flush();
    failed_ = !out_;
  }
  buffer_.clear();
  if (failed_) return absl::DataLossError(absl::StrCat("cannot write ", name_));
  return absl::OkStatus();
}

}  // namespace mdhub

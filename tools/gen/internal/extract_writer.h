// Writing the records of one generated extract: each gets a key unique across the extracts, and
// a row in truth.csv naming the true entity it describes.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_EXTRACT_WRITER_H_
#define MDHUB_TOOLS_GEN_INTERNAL_EXTRACT_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "tools/gen/internal/csv_sink.h"

namespace mdhub::gen {

// Not thread-safe. The sinks must outlive the writer.
class ExtractWriter {
 public:
  // Keys are `key_prefix` and a serial number of `key_digits` digits (more when needed); truth
  // names entity n as `entity_prefix` and n in `entity_digits` digits ("P000000042").
  ExtractWriter(CsvSink& sink, CsvSink& truth, absl::string_view source,
                absl::string_view key_prefix, int key_digits, absl::string_view entity_prefix,
                int entity_digits)
      : sink_(sink),
        truth_(truth),
        source_(source),
        key_prefix_(key_prefix),
        key_digits_(key_digits),
        entity_prefix_(entity_prefix),
        entity_digits_(entity_digits) {}

  void Write(const PendingRecord& r) {
    const std::string key = absl::StrFormat("%s%0*d", key_prefix_, key_digits_, ++written_);
    row_.clear();
    row_.push_back(key);
    for (const std::string& f : r.fields) row_.push_back(f);
    sink_.Row(row_);
    const std::string entity = absl::StrFormat("%s%0*d", entity_prefix_, entity_digits_, r.entity);
    truth_.Row({source_, key, entity});
  }
  int64_t written() const { return written_; }

 private:
  CsvSink& sink_;
  CsvSink& truth_;
  const absl::string_view source_;
  const absl::string_view key_prefix_;
  const int key_digits_;
  const absl::string_view entity_prefix_;
  const int entity_digits_;
  int64_t written_ = 0;
  std::vector<absl::string_view> row_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_EXTRACT_WRITER_H_

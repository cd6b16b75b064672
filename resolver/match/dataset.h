// MatchDataset: the records of a batch matching job, read from one or more CSV files: for each
// record its file, its id and the standardised values of the columns the settings use.
#ifndef MDHUB_RESOLVER_MATCH_DATASET_H_
#define MDHUB_RESOLVER_MATCH_DATASET_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "resolver/match/columns.h"
#include "resolver/match/settings.h"

namespace mdhub::resolver {

// One input file and, for files whose schema differs from the settings' names, how to read it.
struct MatchInput {
  std::string path;
  // The source name written to the output; default: the file name without extension.
  std::string source;
  // Settings name (field column or record_id) -> this file's column; names not listed are
  // read from the column of the same name.
  std::map<std::string, std::string> columns;
};

// Immutable after Load; thread-safe.
class MatchDataset {
 public:
  // Reads every file (with a header row). INVALID_ARGUMENT names file, line and column of a
  // malformed row or a column the settings name that a header lacks.
  static absl::StatusOr<MatchDataset> Load(const std::vector<MatchInput>& inputs,
                                           const MatchSettings& settings);
  static absl::StatusOr<MatchDataset> Load(const std::vector<std::string>& files,
                                           const MatchSettings& settings);

  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }
  // The file stem a record came from, and its index.
  const std::string& source_name(uint32_t record) const { return sources_[source_[record]]; }
  uint16_t source(uint32_t record) const { return source_[record]; }
  const std::string& id(uint32_t record) const { return ids_[record]; }
  // Standardised value (trimmed, ASCII lower-cased) of settings.fields[field].
  absl::string_view value(uint32_t record, int field) const {
    return values_[static_cast<size_t>(record) * plan_->size() + field];
  }
  // Things the user should know about the input, e.g. attributes a file does not hold.
  const std::vector<std::string>& notes() const { return notes_; }

  // The key of blocking rule `rule` (an index into settings.blocking) for a record; empty when a
  // part of it is empty.
  std::string BlockingKey(uint32_t record, int rule) const;

 private:
  std::vector<std::string> sources_;
  std::vector<uint16_t> source_;
  std::vector<std::string> ids_;
  // The columns stored per record: settings.fields in order, then blocking-only columns.
  std::shared_ptr<const ColumnPlan> plan_;
  std::vector<std::string> values_;  // size() * plan_->size(), row-major
  std::vector<std::string> notes_;
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_DATASET_H_

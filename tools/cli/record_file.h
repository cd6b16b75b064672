// Reading source records from CSV or JSON Lines files through a column mapping file:
//   source = "ps.hukou"            # the source system the records come from
//   kind = "person"                # person or legal-entity
//   key = "rec_id"                 # column holding the record key
//   delimiter = ","                # CSV only; optional
//   skip_initial_space = false     # CSV only; skip spaces after delimiters
//   [attributes]                   # mdhub attribute = column of the file
//   name = "姓名"
//   citizen_id = "身份证号"
// Errors name the file, line and (for CSV) column.
#ifndef MDHUB_TOOLS_CLI_RECORD_FILE_H_
#define MDHUB_TOOLS_CLI_RECORD_FILE_H_

#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/csv_reader.h"
#include "mdhub/v1/common.pb.h"

namespace mdhub::cli {

struct RecordMapping {
  std::string source;
  v1::EntityKind kind = v1::ENTITY_KIND_UNSPECIFIED;
  std::string key_column;
  // (attribute, column) pairs.
  std::vector<std::pair<std::string, std::string>> attributes;
  char delimiter = ',';
  bool skip_initial_space = false;

  static absl::StatusOr<RecordMapping> Load(const std::string& path);
};

// Not thread-safe.
class RecordFileReader {
 public:
  // Opens a CSV file (with a header row) or, for names ending in .jsonl or .ndjson, a JSON Lines
  // file. INVALID_ARGUMENT when the mapping names a column the CSV header lacks.
  static absl::StatusOr<std::unique_ptr<RecordFileReader>> Open(const std::string& path,
                                                                const RecordMapping& mapping);
  virtual ~RecordFileReader() = default;

  // Reads the next record. false at the end. A bad row is INVALID_ARGUMENT "file:line[:col]: ..."
  // and reading can go on with the next row.
  virtual absl::StatusOr<bool> Next(v1::SourceRecord* record) = 0;
  // Line where the last record read started.
  virtual int line() const = 0;
};

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_RECORD_FILE_H_

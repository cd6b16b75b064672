#include "tools/cli/record_file.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/toml_file.h"
#include "nlohmann/json.hpp"
#include "resolver/record_validation.h"
#include "tools/cli/client.h"

namespace mdhub::cli {
namespace {

class CsvRecordReader final : public RecordFileReader {
 public:
  CsvRecordReader(std::string path, const RecordMapping& mapping)
      : path_(std::move(path)),
        in_(path_, std::ios::binary),
        mapping_(mapping),
        csv_(in_, path_, {mapping.delimiter, mapping.skip_initial_space}) {}

  absl::Status Init() {
    if (!in_) return absl::NotFoundError(absl::StrCat(path_, ": cannot open"));
    std::vector<std::string> header;
    auto more = csv_.Next(&header);
    if (!more.ok()) return more.status();
    if (!*more) return absl::InvalidArgumentError(absl::StrCat(path_, ":1: file is empty"));
    std::map<std::string, int> index;
    for (size_t i = 0; i < header.size(); ++i) index[header[i]] = static_cast<int>(i);
    auto find = [&](const std::string& column, const std::string& what) -> absl::StatusOr<int> {
      auto it = index.find(column);
      if (it == index.end()) {
        return absl::InvalidArgumentError(absl::StrCat(
            path_, ":1: no column \"", column, "\" (mapping ", what, "); the header has: ",
            absl::StrJoin(header, ", ")));
      }
      return it->second;
    };
    auto key = find(mapping_.key_column, "key");
    if (!key.ok()) return key.status();
    key_index_ = *key;
    for (const auto& [attr, column] : mapping_.attributes) {
      auto i = find(column, absl::StrCat("attributes.", attr));
      if (!i.ok()) return i.status();
      attribute_index_.emplace_back(attr, *i);
    }
    width_ = header.size();
    header_ = std::move(header);
    return absl::OkStatus();
  }

  absl::StatusOr<bool> Next(v1::SourceRecord* record) override {
    auto more = csv_.Next(&row_);
    if (!more.ok() || !*more) return more;
    if (row_.size() != width_) {
      return absl::InvalidArgumentError(absl::StrCat(path_, ":", csv_.row_line(), ": expected ",
                                                     width_, " fields as in the header, found ",
                                                     row_.size()));
    }
    // Records travel as protobuf strings, which must be UTF-8: catch a value that is not here, as
    // a bad row (a file in another encoding, such as GBK, fails on every row that is not ASCII).
    auto not_utf8 = [&](int i, const std::string& what) {
      return absl::InvalidArgumentError(absl::StrCat(
          path_, ":", csv_.row_line(), ": column \"", header_[i], "\" (mapping ", what,
          ") is not valid UTF-8 (or contains NUL); save the file as UTF-8"));
    };
    if (!resolver::IsCleanUtf8(row_[key_index_])) return not_utf8(key_index_, "key");
    for (const auto& [attr, i] : attribute_index_) {
      if (!resolver::IsCleanUtf8(row_[i])) return not_utf8(i, absl::StrCat("attributes.", attr));
    }
    record->Clear();
    record->set_source(mapping_.source);
    record->set_record_key(row_[key_index_]);
    for (const auto& [attr, i] : attribute_index_) {
      if (!row_[i].empty()) (*record->mutable_attributes())[attr] = row_[i];
    }
    return true;
  }
  int line() const override { return csv_.row_line(); }

 private:
  const std::string path_;
  std::ifstream in_;
  const RecordMapping& mapping_;
  CsvReader csv_;
  std::vector<std::string> header_;
  std::vector<std::string> row_;
  size_t width_ = 0;
  int key_index_ = 0;
  std::vector<std::pair<std::string, int>> attribute_index_;
};

class JsonLinesRecordReader final : public RecordFileReader {
 public:
  JsonLinesRecordReader(std::string path, const RecordMapping& mapping)
      : path_(std::move(path)), in_(path_, std::ios::binary), mapping_(mapping) {}

  absl::Status Init() {
    if (!in_) return absl::NotFoundError(absl::StrCat(path_, ": cannot open"));
    return absl::OkStatus();
  }

  absl::StatusOr<bool> Next(v1::SourceRecord* record) override {
    std::string text;
    do {
      if (!std::getline(in_, text)) return false;
      ++line_;
    } while (text.find_first_not_of(" \t\r") == std::string::npos);
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_, ":", line_, ": not a JSON object on one line"));
    }
    record->Clear();
    record->set_source(mapping_.source);
    auto value = [&](const std::string& column, std::string* out) -> absl::Status {
      auto it = j.find(column);
      if (it == j.end() || it->is_null()) return absl::OkStatus();
      if (it->is_string()) {
        *out = it->get<std::string>();
      } else if (it->is_number() || it->is_boolean()) {
        *out = it->dump();
      } else {
        return absl::InvalidArgumentError(absl::StrCat(
            path_, ":", line_, ": field \"", column, "\" must be a string, number or boolean"));
      }
      return absl::OkStatus();
    };
    std::string key;
    if (auto s = value(mapping_.key_column, &key); !s.ok()) return s;
    record->set_record_key(key);
    for (const auto& [attr, column] : mapping_.attributes) {
      std::string v;
      if (auto s = value(column, &v); !s.ok()) return s;
      if (!v.empty()) (*record->mutable_attributes())[attr] = v;
    }
    return true;
  }
  int line() const override { return line_; }

 private:
  const std::string path_;
  std::ifstream in_;
  const RecordMapping& mapping_;
  int line_ = 0;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

absl::StatusOr<RecordMapping> RecordMapping::Load(const std::string& path) {
  auto table = ParseTomlFile(path);
  if (!table.ok()) return table.status();
  if (auto s = RejectUnknownKeys(*table,
                                 {"source", "kind", "key", "delimiter", "skip_initial_space",
                                  "attributes"},
                                 path, "");
      !s.ok()) {
    return s;
  }
  RecordMapping m;
  std::string kind, delimiter = ",";
  if (auto s = ReadString(*table, "source", path, &m.source); !s.ok()) return s;
  if (auto s = ReadString(*table, "kind", path, &kind); !s.ok()) return s;
  if (auto s = ReadString(*table, "key", path, &m.key_column); !s.ok()) return s;
  if (auto s = ReadString(*table, "delimiter", path, &delimiter); !s.ok()) return s;
  if (auto s = ReadBool(*table, "skip_initial_space", path, &m.skip_initial_space); !s.ok()) {
    return s;
  }
  for (auto [name, value] : {std::pair{"source", &m.source}, {"kind", &kind},
                             {"key", &m.key_column}}) {
    if (value->empty()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", name, " is required"));
    }
  }
  auto k = ParseKind(kind);
  if (!k.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", k.status().message()));
  m.kind = *k;
  if (delimiter.size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": delimiter must be one character"));
  }
  m.delimiter = delimiter[0];
  const toml::table* attrs = (*table)["attributes"].as_table();
  if (attrs == nullptr || attrs->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": an [attributes] table mapping attribute = \"column\" is required"));
  }
  for (const auto& [name, node] : *attrs) {
    std::string column;
    if (auto s = ReadString(*attrs, std::string(name.str()), path, &column); !s.ok()) return s;
    m.attributes.emplace_back(std::string(name.str()), column);
  }
  return m;
}

absl::StatusOr<std::unique_ptr<RecordFileReader>> RecordFileReader::Open(
    const std::string& path, const RecordMapping& mapping) {
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) {
    auto r = std::make_unique<JsonLinesRecordReader>(path, mapping);
    if (auto s = r->Init(); !s.ok()) return s;
    return r;
  }
  auto r = std::make_unique<CsvRecordReader>(path, mapping);
  if (auto s = r->Init(); !s.ok()) return s;
  return r;
}

}  // namespace mdhub::cli

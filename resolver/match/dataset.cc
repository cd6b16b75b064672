#include "resolver/match/dataset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/csv_reader.h"

namespace mdhub::resolver {
namespace {

constexpr size_t kMaxCached = 1 << 20;

}  // namespace

std::string MatchDataset::BlockingKey(uint32_t record, int rule) const {
  std::vector<absl::string_view> row(plan_->size());
  for (int c = 0; c < plan_->size(); ++c) row[c] = values_[static_cast<size_t>(record) * plan_->size() + c];
  return plan_->BlockingKey(row.data(), rule);
}

absl::StatusOr<MatchDataset> MatchDataset::Load(const std::vector<std::string>& files,
                                                const MatchSettings& settings) {
  std::vector<MatchInput> inputs;
  for (const std::string& f : files) inputs.push_back({f, "", {}});
  return Load(inputs, settings);
}

absl::StatusOr<MatchDataset> MatchDataset::Load(const std::vector<MatchInput>& inputs,
                                                const MatchSettings& settings) {
  MatchDataset d;
  d.plan_ = std::make_shared<const ColumnPlan>(settings);
  const ColumnPlan& plan = *d.plan_;
  if (inputs.size() > 65535) return absl::InvalidArgumentError("too many input files");
  std::vector<std::string> files;
  for (const MatchInput& input : inputs) files.push_back(input.path);
  for (size_t f = 0; f < files.size(); ++f) {
    std::ifstream in(files[f], std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat(files[f], ": cannot open"));
    d.sources_.push_back(inputs[f].source.empty()
                             ? std::filesystem::path(files[f]).stem().string()
                             : inputs[f].source);
    CsvReader reader(in, files[f], {',', settings.skip_initial_space});
    std::vector<std::string> row;
    auto more = reader.Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) return absl::InvalidArgumentError(absl::StrCat(files[f], ":1: file is empty"));
    std::vector<std::string> header = row;
    auto find = [&](const std::string& name) -> absl::StatusOr<int> {
      auto renamed = inputs[f].columns.find(name);
      const std::string& column = renamed == inputs[f].columns.end() ? name : renamed->second;
      for (size_t i = 0; i < header.size(); ++i) {
        if (absl::StripAsciiWhitespace(header[i]) == column) return static_cast<int>(i);
      }
      return absl::InvalidArgumentError(absl::StrCat(files[f], ":1: no column \"", column,
                                                      "\"; the header has: ",
                                                      absl::StrJoin(header, ", ")));
    };
    auto id_index = find(settings.record_id);
    if (!id_index.ok()) return id_index.status();
    // The file's column of an attribute; -1 when the file does not hold it.
    auto column_index = [&](const std::string& column) -> absl::StatusOr<int> {
      auto i = find(column);
      // A file read through a column map (an agency's extract) may simply not hold an
      // attribute: its records then have no value for it. Without a map a missing column is a
      // mistake.
      if (!i.ok() && !inputs[f].columns.empty() && !inputs[f].columns.count(column)) {
        d.notes_.push_back(absl::StrCat(files[f], " has no column for \"", column,
                                        "\": its records count as missing it"));
        return -1;
      }
      return i;
    };
    // Per stored column, the file's columns it is read from, in order, and those holding further
    // values (-1: not in the file).
    std::vector<std::vector<int>> index(plan.size()), also_index(plan.size());
    for (int c = 0; c < plan.size(); ++c) {
      for (const std::string& column : plan.source_columns(c)) {
        auto i = column_index(column);
        if (!i.ok()) return i.status();
        index[c].push_back(*i);
      }
      for (const std::string& column : plan.also_columns(c)) {
        auto i = column_index(column);
        if (!i.ok()) return i.status();
        also_index[c].push_back(*i);
      }
    }
    std::vector<absl::flat_hash_map<std::string, std::string>> caches(plan.size());
    for (;;) {
      more = reader.Next(&row);
      if (!more.ok()) return more.status();
      if (!*more) break;
      if (row.size() != header.size()) {
        return absl::InvalidArgumentError(absl::StrCat(files[f], ":", reader.row_line(),
                                                       ": expected ", header.size(),
                                                       " fields as in the header, found ",
                                                       row.size()));
      }
      d.source_.push_back(static_cast<uint16_t>(f));
      d.ids_.push_back(std::string(absl::StripAsciiWhitespace(row[*id_index])));
      for (size_t c = 0; c < index.size(); ++c) {
        std::string v;
        for (int i : index[c]) {
          if (i < 0) continue;
          // Names, dates and places repeat: each distinct raw value is standardised once.
          auto& cache = caches[c];
          auto hit = cache.find(row[i]);
          if (hit != cache.end()) {
            v = hit->second;
          } else {
            v = plan.Standardise(static_cast<int>(c), row[i]);
            if (cache.size() < kMaxCached) cache.emplace(row[i], v);
          }
          if (!v.empty()) break;
        }
        if (!also_index[c].empty()) {
          std::vector<absl::string_view> further;
          for (int i : also_index[c]) {
            if (i >= 0) further.push_back(row[i]);
          }
          v = plan.WithFurtherValues(static_cast<int>(c), std::move(v), further);
        }
        d.values_.push_back(std::move(v));
      }
    }
  }
  return d;
}

}  // namespace mdhub::resolver

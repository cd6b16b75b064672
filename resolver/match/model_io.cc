// Saving and loading a MatchModel's trained parameters (TOML), with the term frequencies of the
// most frequent values.
#include <algorithm>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/toml_file.h"
#include "resolver/match/model.h"

namespace mdhub::resolver {
namespace {

constexpr size_t kMaxSavedTermFrequencies = 20000;
constexpr double kMinSavedOccurrences = 4;

// A TOML basic string.
std::string TomlQuote(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(&out, absl::StrFormat("\\u%04x", c));
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace


void MatchModel::AppendTermFrequencies(int f, std::string& out) const {
  // Values held by at least kMinSavedOccurrences records, most frequent first; any other value
  // counts as having the mean share of the values left out (tf_floor).
  double unit = 1;  // the share of a value held by one record
  for (const auto& [value, share] : tf_[f]) unit = std::min(unit, share);
  // Sorted before summing: the map's iteration order differs between two maps with the same
  // values, and a float sum in another order differs in the last digit.
  std::vector<std::pair<double, absl::string_view>> common;
  for (const auto& [value, share] : tf_[f]) common.emplace_back(share, value);
  std::sort(common.begin(), common.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  size_t kept = 0;
  while (kept < common.size() && kept < kMaxSavedTermFrequencies &&
         common[kept].first >= (kMinSavedOccurrences - 0.5) * unit) {
    ++kept;
  }
  double omitted_share = 0;
  const int64_t omitted = static_cast<int64_t>(common.size() - kept);
  for (size_t i = common.size(); i > kept; --i) omitted_share += common[i - 1].first;
  common.resize(kept);
  const double floor = omitted > 0 ? omitted_share / omitted : tf_floor_[f];
  absl::StrAppend(&out, absl::StrFormat("tf_floor = %.17g\n", floor),
                  "[field.term_frequency]\n");
  for (const auto& [share, value] : common) {
    absl::StrAppend(&out, TomlQuote(value), absl::StrFormat(" = %.9g\n", share));
  }
}

std::string MatchModel::Save() const {
  std::string out = absl::StrFormat(
      "# Trained parameters of `mdhub match` (reuse with --model). Level 1 is exact agreement,\n"
      "# then one level per threshold, then disagreement.\nprior = %.17g\n", lambda_);
  auto list = [](const std::vector<double>& v) {
    std::vector<std::string> parts;
    for (size_t l = 1; l < v.size(); ++l) parts.push_back(absl::StrFormat("%.17g", v[l]));
    return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
  };
  for (int f = 0; f < fields(); ++f) {
    absl::StrAppend(&out, "\n[[field]]\nname = \"", settings_.fields[f].name, "\"\nm = ",
                    list(m_[f]), "\nu = ", list(u_[f]), "\n");
    if (settings_.fields[f].term_frequency) AppendTermFrequencies(f, out);
  }
  return out;
}

absl::Status MatchModel::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return LoadText(text, path);
}

absl::Status MatchModel::LoadText(const std::string& text, const std::string& path) {
  auto table = ParseTomlText(text, path);
  if (!table.ok()) return table.status();
  auto prior = (*table)["prior"].value<double>();
  const toml::array* fields_in = (*table)["field"].as_array();
  if (!prior || *prior <= 0 || *prior >= 1 || fields_in == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a saved model (needs prior in (0, 1) and [[field]] tables)"));
  }
  if (static_cast<int>(fields_in->size()) != fields()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": has ", fields_in->size(),
                                                   " fields, the settings have ", fields()));
  }
  std::vector<std::vector<double>> m = m_, u = u_;
  for (int f = 0; f < fields(); ++f) {
    const toml::table* t = (*fields_in)[f].as_table();
    const FieldSettings& want = settings_.fields[f];
    if (t == nullptr || (*t)["name"].value_or(std::string()) != want.name) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": field ", f + 1, " should be \"",
                                                     want.name, "\" as in the settings"));
    }
    for (auto [key, target] : {std::pair{"m", &m[f]}, {"u", &u[f]}}) {
      const toml::array* values = (*t)[key].as_array();
      if (values == nullptr || static_cast<int>(values->size()) != LevelCount(want) - 1) {
        return absl::InvalidArgumentError(absl::StrCat(path, ": field \"", want.name, "\" needs ",
                                                       key, " with ", LevelCount(want) - 1,
                                                       " levels"));
      }
      for (int l = 1; l < LevelCount(want); ++l) {
        auto v = (*values)[l - 1].value<double>();
        if (!v || *v <= 0 || *v > 1) {
          return absl::InvalidArgumentError(absl::StrCat(path, ": field \"", want.name, "\" ", key,
                                                         " values must be in (0, 1]"));
        }
        (*target)[l] = *v;
      }
    }
  }
  std::vector<absl::flat_hash_map<std::string, double>> tf(fields());
  std::vector<double> floor(fields(), 0);
  for (int f = 0; f < fields(); ++f) {
    const toml::table& t = *(*fields_in)[f].as_table();
    const toml::table* shares = t["term_frequency"].as_table();
    if (!settings_.fields[f].term_frequency) continue;
    floor[f] = t["tf_floor"].value_or(0.0);
    if (shares == nullptr) continue;
    for (const auto& [value, share] : *shares) {
      auto v = share.value<double>();
      if (!v || *v <= 0 || *v > 1) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, ": field \"", settings_.fields[f].name, "\" term_frequency of \"",
            std::string(value.str()), "\" must be in (0, 1]"));
      }
      tf[f][std::string(value.str())] = *v;
    }
  }
  lambda_ = *prior;
  m_ = std::move(m);
  u_ = std::move(u);
  // A batch model keeps the frequencies it counted in its own data.
  if (data_ == nullptr) {
    tf_ = std::move(tf);
    tf_floor_ = std::move(floor);
  }
  return absl::OkStatus();
}

}  // namespace mdhub::resolver

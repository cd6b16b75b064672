#include "resolver/match/profile.h"

#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace mdhub::resolver {

MatchProfile::MatchProfile(MatchSettings settings)
    : settings_(std::move(settings)),
      plan_(settings_),
      model_(std::make_unique<MatchModel>(settings_)) {
  for (const std::string& name : settings_.distinct_fields) {
    for (int f = 0; f < static_cast<int>(settings_.fields.size()); ++f) {
      if (settings_.fields[f].name == name) distinct_.push_back(f);
    }
  }
}

absl::StatusOr<std::unique_ptr<MatchProfile>> MatchProfile::Load(const std::string& settings_path,
                                                                 const std::string& model_path) {
  absl::StatusOr<MatchSettings> settings = MatchSettings::Load(settings_path);
  if (!settings.ok()) return settings.status();
  std::ifstream in(model_path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(
        model_path, ": cannot open the trained model (make one with `mdhub match --settings ",
        settings_path, " --save-model ", model_path, " ...`)"));
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return Create(*std::move(settings), text, model_path);
}

absl::StatusOr<std::unique_ptr<MatchProfile>> MatchProfile::Create(MatchSettings settings,
                                                                   const std::string& model_text,
                                                                   const std::string& model_name) {
  std::unique_ptr<MatchProfile> profile(new MatchProfile(std::move(settings)));
  if (absl::Status s = profile->model_->LoadText(model_text, model_name); !s.ok()) return s;
  return profile;
}

std::vector<std::string> MatchProfile::Values(const store::Record& record) const {
  std::vector<std::string> values(plan_.size());
  for (int c = 0; c < plan_.size(); ++c) {
    for (const std::string& column : plan_.source_columns(c)) {
      auto it = record.attributes().find(column);
      if (it == record.attributes().end()) continue;
      values[c] = plan_.Standardise(c, it->second);
      if (!values[c].empty()) break;
    }
    if (plan_.also_columns(c).empty()) continue;
    std::vector<absl::string_view> further;
    for (const std::string& column : plan_.also_columns(c)) {
      auto it = record.attributes().find(column);
      if (it != record.attributes().end()) further.push_back(it->second);
    }
    values[c] = plan_.WithFurtherValues(c, std::move(values[c]), further);
  }
  return values;
}

std::vector<std::string> MatchProfile::BlockingKeys(const std::vector<std::string>& values) const {
  std::vector<absl::string_view> row(values.begin(), values.end());
  std::vector<std::string> keys;
  for (int r = 0; r < static_cast<int>(settings_.blocking.size()); ++r) {
    const std::string key = plan_.BlockingKey(row.data(), r);
    if (key.empty()) continue;
    for (absl::string_view one : absl::StrSplit(key, kKeySeparator)) {
      keys.push_back(absl::StrCat(r, ":", one));
    }
  }
  return keys;
}

double MatchProfile::Probability(const std::vector<absl::string_view>& a,
                                 const std::vector<absl::string_view>& b) const {
  std::vector<uint8_t> levels(fields());
  model_->CompareVectors(a.data(), b.data(), levels.data());
  return MatchModel::Probability(model_->WeightOfVectors(a.data(), levels.data()));
}

std::string MatchProfile::Conflict(const std::vector<absl::string_view>& a,
                                   const std::vector<absl::string_view>& b) const {
  for (int f : distinct_) {
    const FieldSettings& field = settings_.fields[f];
    if (a[f] != b[f] && IsBindingValue(field, a[f]) && IsBindingValue(field, b[f])) {
      return field.name;
    }
  }
  return "";
}

}  // namespace mdhub::resolver

// MatchProfile: matching settings and their trained model, applied to stored records — what
// incremental resolution, explanations and batch/incremental agreement share with `mdhub match`.
// A record's attributes are read by the settings' column names (the attribute names of the import
// mappings), standardised exactly as a batch job standardises CSV columns.
#ifndef MDHUB_RESOLVER_MATCH_PROFILE_H_
#define MDHUB_RESOLVER_MATCH_PROFILE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "resolver/match/columns.h"
#include "resolver/match/model.h"
#include "resolver/match/settings.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// Immutable after Load; thread-safe.
class MatchProfile {
 public:
  // A settings file (docs/matching.md) and a model saved by `mdhub match --save-model` for it.
  // INVALID_ARGUMENT / NOT_FOUND name the file and the problem.
  static absl::StatusOr<std::unique_ptr<MatchProfile>> Load(const std::string& settings_path,
                                                            const std::string& model_path);
  // The same from settings already read and a model's text (named `model_name` in errors).
  static absl::StatusOr<std::unique_ptr<MatchProfile>> Create(MatchSettings settings,
                                                              const std::string& model_text,
                                                              const std::string& model_name);

  const MatchSettings& settings() const { return settings_; }
  const MatchModel& model() const { return *model_; }
  int fields() const { return model_->fields(); }

  // Standardised values of the record's attributes for every stored column (fields first).
  std::vector<std::string> Values(const store::Record& record) const;
  // Blocking keys of those values, "<rule>:<key>", for the rules whose parts are all present.
  std::vector<std::string> BlockingKeys(const std::vector<std::string>& values) const;

  // Scores two vectors of field values (the first fields() values of Values, as stored in
  // Record.match_values): the match probability.
  double Probability(const std::vector<absl::string_view>& a,
                     const std::vector<absl::string_view>& b) const;
  // The distinct_fields constraint between two vectors: the name of the field whose binding
  // values differ, or "" when none does.
  std::string Conflict(const std::vector<absl::string_view>& a,
                       const std::vector<absl::string_view>& b) const;

 private:
  explicit MatchProfile(MatchSettings settings);

  MatchSettings settings_;
  ColumnPlan plan_;
  std::unique_ptr<MatchModel> model_;  // refers to settings_
  std::vector<int> distinct_;          // field indexes of settings_.distinct_fields
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_PROFILE_H_

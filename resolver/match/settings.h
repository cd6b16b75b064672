// MatchSettings: how to match a CSV schema — fields and their comparisons, OR-ed blocking rules,
// model options and thresholds — read from a documented TOML file (docs/matching.md), in the
// spirit of Splink's settings. Converted once into these domain types.
#ifndef MDHUB_RESOLVER_MATCH_SETTINGS_H_
#define MDHUB_RESOLVER_MATCH_SETTINGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace mdhub::resolver {

enum class Comparison {
  kExact,        // levels: exact, else
  kJaroWinkler,  // levels: exact, similarity >= each threshold (descending), else
  kLevenshtein,  // levels: exact, edit distance <= each threshold (ascending), else
  kDamerau,      // like kLevenshtein with transpositions counting one edit (dates, numbers)
};

struct FieldSettings {
  std::string name;    // the CSV column
  Comparison comparison = Comparison::kExact;
  std::vector<double> thresholds;
  // Scale an exact match by how common the value is (张伟 counts for less than a rare name).
  bool term_frequency = false;
};

struct BlockingRule {
  // Columns whose values, joined, form the blocking key; "col[:N]" uses the first N characters.
  // Records with an empty key part are not blocked by this rule.
  std::vector<std::string> keys;
};

struct MatchSettings {
  // "dedupe": every record against every other; "link": only records of different files.
  bool link_only = false;
  std::string record_id;
  // Skip spaces after delimiters when reading CSV (FEBRL files).
  bool skip_initial_space = false;
  std::vector<FieldSettings> fields;
  std::vector<BlockingRule> blocking;
  // Blocks with more records than this are skipped (reported), never silently compared
  // quadratically.
  int max_block_size = 1000;
  int em_iterations = 30;
  int64_t random_pairs = 1000000;
  // Match probability at or above which a pair is linked, and at or above which it is reviewed.
  double link_threshold = 0.9;
  double review_threshold = 0.5;
  // Optional expected share of compared pairs that match, to start EM; estimated anyway.
  double initial_match_rate = 0.1;

  // INVALID_ARGUMENT names file, line and key of a problem.
  static absl::StatusOr<MatchSettings> Load(const std::string& path);
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_SETTINGS_H_

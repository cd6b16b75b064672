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
  kAddress,      // levels: exact, similar, same township, same county, same prefecture, else
                 // (AddressAgreement in compare/address_agreement.h); needs kAddress values
  kName,         // levels: exact, same pinyin (homophones, traditional characters, pinyin
                 // input), then Jaro-Winkler bands like kJaroWinkler; for kName values. One
                 // comparison instead of separate name and pinyin fields, whose agreements are
                 // not independent evidence
  kOrgName,      // levels: exact, same core (legal form or place prefix differ or missing:
                 // 南宁市某某有限公司 / 某某（南宁）有限责任公司), then Jaro-Winkler bands on the
                 // cores; for kOrgName values
  kNone,         // never compared (weight 0): a standardised field used only for blocking
  kDate,         // levels: exact, typo or day/month swapped, same month (one without a day),
                 // within 31 days, else (DateAgreement in compare/date_agreement.h); kDate values
};

// How a field's values are standardised before comparison and blocking.
enum class Standardizer {
  kNone,        // trimmed, ASCII lower-cased
  kName,        // one written form: half-width, simplified, minority-name dot unified
  kNamePinyin,  // the pinyin reading of a name ("zhang wei"), for homophones and pinyin input
  kCitizenId,   // GB 11643 standard form, 15-digit numbers upgraded to 18
  kCreditCode,  // GB 32100 standard form
  kDate,        // YYYY-MM-DD (or YYYY-MM) from mixed formats
  kGender,      // M / F
  kPhone,       // digits without country code
  kAddress,     // "CODE|DETAIL": the finest division's code, then the rest (standardize/address.h)
  kOrgName,     // "CORE|FORM|REGION|BRANCH": an organisation's name read (standardize/org_name.h)
  kOrgCode,     // the 9-character GB 11714 organisation code, given as such or embedded in a
                // credit code (characters 9 to 17): how legacy records meet current ones
  kOrgBranch,   // what tells a branch apart ("4501分公司"), "-" for a head office: a branch is never
                // its head office (use it in distinct_fields)
};

struct FieldSettings {
  std::string name;    // the field's name, used by blocking rules and reports
  std::string column;  // the CSV column it is read from (default: name)
  // Further columns read, in order, when `column` is empty for a record (settings key
  // `columns = ["organization_code", "credit_code"]` sets column and these).
  std::vector<std::string> fallback_columns;
  // Columns holding further values of the field, ';'-separated (settings key `also`, e.g. former
  // names): the value then lists every value (kValueSeparator), the field agrees as well as its
  // best-agreeing pair of values does, and blocking keys are made from each. compare = "org_name"
  // only.
  std::vector<std::string> also_columns;
  Standardizer standardize = Standardizer::kNone;
  Comparison comparison = Comparison::kExact;
  // One per level between exact and else. kAddress and kDate have fixed levels: thresholds are
  // placeholders (zeros), one per middle level, so that level counts stay 3 + thresholds.size().
  std::vector<double> thresholds;
  // Scale an exact match by how common the value is (张伟 counts for less than a rare name).
  bool term_frequency = false;
};

struct BlockingRule {
  // Fields (standardised values) or other columns (trimmed, lower-cased) whose values, joined,
  // form the blocking key; "name[:N]" uses the first N characters. Records with an empty key
  // part are not blocked by this rule.
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
  // Hard constraints: records whose values of these fields differ (both present; for citizen ids,
  // both valid) are never put in one cluster, however high a path of scores between them — two
  // different valid identity numbers are two persons (twins included).
  std::vector<std::string> distinct_fields;
  // Vetoes: a pair whose values differ (both present, at the last level) on every field of one
  // group is never linked, whatever the other fields say — e.g. ["name", "birth_date"]: members
  // of a household share phone and address, a child may be registered under a parent's number,
  // but one person does not have both another name and another birth date.
  std::vector<std::vector<std::string>> vetoes;

  // INVALID_ARGUMENT names file, line and key of a problem.
  static absl::StatusOr<MatchSettings> Load(const std::string& path);
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_SETTINGS_H_

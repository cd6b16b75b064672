// The human-readable answers that the `mdhub person` and `mdhub org` commands share: golden
// values and member records in table rows, field-by-field explanations and the review queue.
#ifndef MDHUB_TOOLS_CLI_ENTITY_OUTPUT_H_
#define MDHUB_TOOLS_CLI_ENTITY_OUTPUT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "mdhub/v1/common.pb.h"
#include "tools/cli/text_table.h"

namespace mdhub::cli {

// How the output names the entities of one kind.
struct KindWords {
  absl::string_view noun;     // "person", "legal entity"
  absl::string_view plural;   // "persons", "legal entities"
  absl::string_view column;   // table heading: "PERSON", "LEGAL ENTITY"
  absl::string_view command;  // the subcommand of the kind: "person", "org"
};
inline constexpr KindWords kPersonWords{"person", "persons", "PERSON", "person"};
inline constexpr KindWords kOrgWords{"legal entity", "legal entities", "LEGAL ENTITY", "org"};

// The value of a golden attribute, "-" when the entity has none.
std::string GoldenCell(const v1::Entity& e, absl::string_view name);

// Adds one note line per member record of `e` below the last row: "  - SOURCE/KEY  name=value
// ...  (link reason)", attributes sorted by name, values with spaces in quotes.
void AddMemberNotes(const v1::Entity& e, TextTable& table);

// A probability with four decimals; never rounded to 0 or 1 when it is not exactly that
// (">0.9999", "<0.0001").
std::string FormatProbability(double p);

// A timestamp as "2026-01-01T00:00:00Z"; "-" when unset.
std::string FormatTimestamp(const google::protobuf::Timestamp& t);

// The field table of a pair comparison (field, both values, level, weight; then the prior and
// the total), then the probability and the decision. Every line starts with `indent`.
std::string FormatExplanation(const v1::Explanation& explanation, const v1::RecordRef& left,
                              const v1::RecordRef& right, absl::string_view indent = "");

// "<noun> <id>", the golden record with where each value came from, then each member with its
// link reason and, for a model link, the comparison with the record it matched.
std::string FormatEntityExplanation(const v1::EntityExplanation& explanation,
                                    const KindWords& words);

// The review queue: probability, both records with their entities and when the pair was queued,
// each followed by the `mdhub <command> decide` command that resolves it.
std::string FormatReviewItems(const v1::ListReviewItemsResponse& response, const KindWords& words);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_ENTITY_OUTPUT_H_

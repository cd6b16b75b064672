// The human-readable answers of the `mdhub person` commands: persons as table rows, search hits,
// households, field-by-field explanations and the review queue, as plain-text tables.
#ifndef MDHUB_TOOLS_CLI_PERSON_OUTPUT_H_
#define MDHUB_TOOLS_CLI_PERSON_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "mdhub/v1/population.pb.h"

namespace mdhub::cli {

// A probability with four decimals; never rounded to 0 or 1 when it is not exactly that
// (">0.9999", "<0.0001").
std::string FormatProbability(double p);

// One row per person (id, golden name, birth date, gender, address), each after a label that
// says what the person is to the command ("remaining", "split off", ...).
std::string FormatPersons(const std::vector<std::pair<std::string, v1::Entity>>& persons);

// Search hits, best first, with their scores; each hit's member records below it when the
// response has them.
std::string FormatSearchHits(const v1::SearchPersonsResponse& response);

// The persons of a household; member records below each when the response has them.
std::string FormatHousehold(const v1::ListHouseholdMembersResponse& response);

// The field table of a pair comparison (field, both values, level, weight; then the prior and
// the total), then the probability and the decision. Every line starts with `indent`.
std::string FormatExplanation(const v1::Explanation& explanation, const v1::RecordRef& left,
                              const v1::RecordRef& right, absl::string_view indent = "");

// The golden record with where each value came from, then each member with its link reason and,
// for a model link, the comparison with the record it matched.
std::string FormatEntityExplanation(const v1::EntityExplanation& explanation);

// The review queue: probability, both records with their persons and when the pair was queued,
// each followed by the `mdhub person decide` command that resolves it.
std::string FormatReviewItems(const v1::ListReviewItemsResponse& response);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_PERSON_OUTPUT_H_

// The human-readable answers of the `mdhub person` commands: persons as table rows, search hits
// and households, as plain-text tables (the shared renderings are in entity_output.h).
#ifndef MDHUB_TOOLS_CLI_PERSON_OUTPUT_H_
#define MDHUB_TOOLS_CLI_PERSON_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "mdhub/v1/population.pb.h"

namespace mdhub::cli {

// One row per person (id, golden name, birth date, gender, address), each after a label that
// says what the person is to the command ("remaining", "split off", ...).
std::string FormatPersons(const std::vector<std::pair<std::string, v1::Entity>>& persons);

// Search hits, best first, with their scores; each hit's member records below it when the
// response has them.
std::string FormatSearchHits(const v1::SearchPersonsResponse& response);

// The persons of a household; member records below each when the response has them.
std::string FormatHousehold(const v1::ListHouseholdMembersResponse& response);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_PERSON_OUTPUT_H_

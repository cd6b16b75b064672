#include "tools/cli/person_output.h"

#include "absl/strings/str_format.h"
#include "tools/cli/entity_output.h"
#include "tools/cli/text_table.h"

namespace mdhub::cli {
namespace {

// The golden columns of a person row: name, birth date, gender, address.
std::vector<std::string> PersonCells(const v1::Entity& e) {
  return {e.id(), GoldenCell(e, "name"), GoldenCell(e, "birth_date"), GoldenCell(e, "gender"),
          GoldenCell(e, "address")};
}

std::vector<std::string> PersonHeader() {
  return {"PERSON", "NAME", "BIRTH DATE", "GENDER", "ADDRESS"};
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

std::string FormatPersons(const std::vector<std::pair<std::string, v1::Entity>>& persons) {
  TextTable table(Concat({""}, PersonHeader()));
  for (const auto& [label, person] : persons) table.AddRow(Concat({label}, PersonCells(person)));
  return table.Render();
}

std::string FormatSearchHits(const v1::SearchPersonsResponse& response) {
  TextTable table(Concat({"SCORE"}, PersonHeader()));
  for (const v1::SearchPersonsResponse::Hit& hit : response.hits()) {
    table.AddRow(Concat({absl::StrFormat("%.3f", hit.score())}, PersonCells(hit.person())));
    AddMemberNotes(hit.person(), table);
  }
  return table.Render();
}

std::string FormatHousehold(const v1::ListHouseholdMembersResponse& response) {
  TextTable table(PersonHeader());
  for (const v1::Entity& person : response.members()) {
    table.AddRow(PersonCells(person));
    AddMemberNotes(person, table);
  }
  return table.Render();
}

}  // namespace mdhub::cli

#include "tools/cli/org_output.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/cli/client.h"
#include "tools/cli/entity_output.h"
#include "tools/cli/text_table.h"

namespace mdhub::cli {
namespace {

// The golden columns of a legal-entity row after its id: name, credit code, type, address.
std::vector<std::string> OrgCells(const v1::Entity& e) {
  return {e.id(), GoldenCell(e, "name"), GoldenCell(e, "credit_code"), GoldenCell(e, "org_type"),
          GoldenCell(e, "address")};
}

std::vector<std::string> OrgHeader() {
  return {"LEGAL ENTITY", "NAME", "CREDIT CODE", "TYPE", "ADDRESS"};
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string StateName(const v1::RegistrationStatus& s) {
  if (s.state() == v1::RegistrationStatus::STATE_UNSPECIFIED) return "-";
  return v1::RegistrationStatus::State_Name(s.state());
}

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }

void AddStatusRow(const std::string& label, const v1::RegistrationStatus& s, TextTable& table) {
  table.AddRow({label, StateName(s), OrDash(s.source_text()), FormatTimestamp(s.since()),
                OrDash(s.authority()), OrDash(s.reason()), FormatRecordRef(s.asserted_by())});
}

}  // namespace

std::string FormatOrgs(const std::vector<std::pair<std::string, v1::Entity>>& orgs) {
  TextTable table(Concat({""}, OrgHeader()));
  for (const auto& [label, org] : orgs) table.AddRow(Concat({label}, OrgCells(org)));
  return table.Render();
}

std::string FormatOrgDetail(const v1::Entity& e) {
  std::string out = absl::StrCat("legal entity ", e.id());
  if (!e.redirected_from().empty())
    absl::StrAppend(&out, " (merged from ", e.redirected_from(), ")");
  if (e.retired()) absl::StrAppend(&out, " (retired: every record was deleted)");
  absl::StrAppend(&out, "\n\n");
  TextTable golden({"ATTRIBUTE", "VALUE", "FROM"}, "  ");
  for (const v1::GoldenAttribute& a : e.attributes()) {
    golden.AddRow({a.name(), a.value(), FormatRecordRef(a.from())});
  }
  absl::StrAppend(&out, golden.Render());
  if (!e.identifiers().empty()) {
    TextTable ids({"IDENTIFIER", "VALUE", "PROBLEM"}, "  ");
    for (const v1::Identifier& id : e.identifiers()) {
      ids.AddRow({id.type(), id.value(), OrDash(id.problem())});
    }
    absl::StrAppend(&out, "\n", ids.Render());
  }
  if (!e.members().empty()) {
    TextTable members({"MEMBER RECORDS"}, "");
    AddMemberNotes(e, members);
    absl::StrAppend(&out, "\n", members.Render());
  }
  return out;
}

std::string FormatOrgSearchHits(const v1::SearchLegalEntitiesResponse& response) {
  TextTable table({"SCORE", "LEGAL ENTITY", "NAME", "CREDIT CODE", "STATE", "ADDRESS"});
  for (const v1::SearchLegalEntitiesResponse::Hit& hit : response.hits()) {
    const v1::Entity& e = hit.legal_entity();
    table.AddRow({absl::StrFormat("%.3f", hit.score()), e.id(), GoldenCell(e, "name"),
                  GoldenCell(e, "credit_code"), StateName(hit.registration_status()),
                  GoldenCell(e, "address")});
  }
  return table.Render();
}

std::string FormatRegistrationStatus(const v1::GetRegistrationStatusResponse& response) {
  std::string out = absl::StrCat("legal entity ", response.entity_id(), "\n");
  TextTable table({"", "STATE", "AS WRITTEN", "SINCE", "AUTHORITY", "REASON", "RECORD"}, "  ");
  if (response.has_current()) {
    AddStatusRow("current", response.current(), table);
  } else {
    table.AddRow({"current", "-", "no record states a status"});
  }
  for (const v1::RegistrationStatus& s : response.history()) AddStatusRow("before", s, table);
  return absl::StrCat(out, table.Render());
}

std::string FormatRelationships(const v1::ListRelationshipsResponse& response) {
  TextTable table({"DIRECTION", "TYPE", "ENTITY", "NAME", "ASSERTED BY"});
  for (const v1::ListRelationshipsResponse::Item& item : response.items()) {
    const v1::Relationship& r = item.relationship();
    std::string name = "-";
    // A related entity without a version is one the caller may not read (a person without the
    // population grant): the server sent only its id and kind.
    if (item.has_related()) {
      name = item.related().version() == 0 ? "(not granted)" : GoldenCell(item.related(), "name");
    }
    table.AddRow({item.incoming() ? "incoming" : "outgoing", r.type(), r.entity_id(), name,
                  FormatRecordRef(r.asserted_by())});
  }
  return table.Render();
}

std::string FormatRepresentedOrgs(const v1::ListOrganisationsByRepresentativeResponse& response) {
  TextTable table({"REPRESENTATIVE", "LEGAL ENTITY", "NAME", "CREDIT CODE", "STATE", "RECORD"});
  for (const auto& o : response.organisations()) {
    const v1::Entity& e = o.legal_entity();
    table.AddRow({o.current() ? "current" : "former", e.id(), GoldenCell(e, "name"),
                  GoldenCell(e, "credit_code"), StateName(o.registration_status()),
                  FormatRecordRef(o.asserted_by())});
  }
  return table.Render();
}

std::string FormatInsuredPersons(const v1::ListInsuredPersonsResponse& response) {
  TextTable table({"PERSON", "NAME", "BIRTH DATE", "GENDER", "RECORDS"});
  for (const auto& p : response.persons()) {
    std::vector<std::string> records;
    for (const v1::RecordRef& r : p.records()) records.push_back(FormatRecordRef(r));
    const v1::Entity& e = p.person();
    table.AddRow({e.id(), GoldenCell(e, "name"), GoldenCell(e, "birth_date"),
                  GoldenCell(e, "gender"), absl::StrJoin(records, " ")});
  }
  return table.Render();
}

}  // namespace mdhub::cli

// The search terms through which entities are found by their links across the registries —
// a legal entity by its names, its head office, its sponsor and its legal representatives; a
// person by the employers its social-security records name — and the keys those links use.
// The store indexes the terms as Entity.search_terms; resolver/relations/org_relations.h reads
// them back.
#ifndef MDHUB_RESOLVER_RELATIONS_ORG_LINK_TERMS_H_
#define MDHUB_RESOLVER_RELATIONS_ORG_LINK_TERMS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// The terms a legal entity is found by through links, from its current member records and its
// golden attributes (none for an entity without attributes):
//   sn:<name>     each name it is registered under (every member's name and the `;`-separated
//                 former_name), in StandardOrgName form; at most 8. A branch or a sponsored
//                 institution that names it finds it by these.
//   ho:<key>      the golden head office: head_office_credit_code (IdentifierKey form) and the
//                 StandardOrgName of head_office_name, each when given. Its head office finds a
//                 branch by these.
//   sp:<key>      likewise the golden sponsor (sponsor_credit_code, sponsor_name).
//   rep:<id>      the legal_representative_id of every member record (IdentifierKey citizen_id
//                 form), so that a person finds the organisations it represents or represented
//                 while an older record still names it; at most 8.
std::vector<std::string> OrgLinkTerms(const store::Entity& entity,
                                      const std::vector<store::Record>& members);

// The terms a person is found by through its employers: emp:<key> for each member record of a
// social-security source (hrss.*) that names one (EmployerKey); at most 4.
std::vector<std::string> EmployerTerms(const std::vector<store::Record>& members);

// How a social-security record names its employer: the credit code (IdentifierKey form) when the
// record has employer_credit_code, else the StandardOrgName of its employer attribute; "" when
// it has neither or is not of a source hrss.*.
std::string EmployerKey(const store::Record& record);

// How a legal entity names another (its head office or its sponsor) in its golden attributes:
// the credit code (IdentifierKey form) and the StandardOrgName of the name, each "" when the
// attribute is absent; and the records they came from.
struct OrgReference {
  std::string credit_code;
  std::string standard_name;
  store::RecordRef code_from;
  store::RecordRef name_from;
};
// From the golden attributes `code_attribute` and `name_attribute`, e.g. "head_office_credit_code"
// and "head_office_name".
OrgReference ReferenceOf(const store::Entity& entity, absl::string_view code_attribute,
                         absl::string_view name_attribute);

// Term spellings (see OrgLinkTerms and EmployerTerms).
std::string OwnNameTerm(absl::string_view standard_name);
std::string HeadOfficeTerm(absl::string_view key);
std::string SponsorTerm(absl::string_view key);
std::string RepresentativeTerm(absl::string_view citizen_id_key);
std::string EmployerTerm(absl::string_view key);

// The standard names of a legal entity, read back from its sn: terms.
std::vector<std::string> OwnNames(const store::Entity& entity);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_RELATIONS_ORG_LINK_TERMS_H_

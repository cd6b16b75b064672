// mdhub org lookup / get / search / status / relations / represented-by / insured, and the
// stewardship commands (steward_commands.h): the legal-entity registry's reads and stewardship
// calls, answered as readable tables (or JSON with --json).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "mdhub/v1/legal_entity.grpc.pb.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/org_output.h"
#include "tools/cli/steward_commands.h"

namespace mdhub::cli {
namespace {

// The most a page of each call may hold.
constexpr int kMaxSearchPage = 200;
constexpr int kMaxListPage = 1000;
constexpr int kMaxPersonPage = 50;

struct OrgArgs {
  ClientOptions client;
  std::string id;  // entity id (a person's for represented-by), or the code for lookup
  std::string as_of;
  bool members = false;
  bool json = false;
  // search
  std::string name;
  std::string region;
  std::vector<std::string> states;
  int limit = 20;
  // status
  bool history = false;
  // relations
  std::vector<std::string> types;
  bool incoming = false;
  bool related = false;
  // represented-by
  bool former = false;
};

using Stub = v1::LegalEntityService::Stub;

// Connects and runs `body(stub)`, reporting connection errors. `body` makes a context per call.
template <typename Body>
int WithLegalEntity(const OrgArgs& a, Body body) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::LegalEntityService::NewStub(*channel);
  return body(*stub);
}

// Sets the request's as_of from --as-of when given (and leaves it unset otherwise).
template <typename Request>
absl::Status SetAsOf(const OrgArgs& a, Request& request) {
  if (a.as_of.empty()) return absl::OkStatus();
  auto t = ParseTime(a.as_of, "--as-of");
  if (!t.ok()) return t.status();
  const int64_t micros = absl::ToUnixMicros(*t);
  request.mutable_as_of()->set_seconds(micros / 1000000);
  request.mutable_as_of()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return absl::OkStatus();
}

// Prints `message` as JSON with --json, else `table`.
template <typename Message, typename Table>
int Print(const OrgArgs& a, const Message& message, Table table) {
  if (a.json) {
    PrintJson(message);
  } else {
    std::fputs(table(message).c_str(), stdout);
  }
  return 0;
}

// A credit code is 18 characters; a legacy code (organisation code, registration number) is not.
bool IsCreditCode(const std::string& code) {
  int n = 0;
  for (char c : code) n += absl::ascii_isalnum(c) ? 1 : 0;
  return n == 18;
}

int Lookup(const OrgArgs& a) {
  return WithLegalEntity(a, [&](Stub& stub) {
    v1::Entity out;
    grpc::Status s;
    if (IsCreditCode(a.id)) {
      v1::LookupByCreditCodeRequest request;
      request.set_credit_code(a.id);
      request.set_include_members(a.members);
      if (auto st = SetAsOf(a, request); !st.ok()) return ReportError(st);
      s = stub.LookupByCreditCode(NewContext(a.client).get(), request, &out);
      s = NameFlag(s, {{"credit_code", "code"}});
    } else {
      v1::LookupByLegacyCodeRequest request;
      request.set_code(a.id);
      request.set_include_members(a.members);
      if (auto st = SetAsOf(a, request); !st.ok()) return ReportError(st);
      s = stub.LookupByLegacyCode(NewContext(a.client).get(), request, &out);
    }
    if (!s.ok()) return ReportError(s);
    return Print(a, out, FormatOrgDetail);
  });
}

int Get(const OrgArgs& a) {
  v1::GetEntityRequest request;
  request.set_entity_id(a.id);
  request.set_include_members(a.members);
  if (auto s = SetAsOf(a, request); !s.ok()) return ReportError(s);
  return WithLegalEntity(a, [&](Stub& stub) {
    v1::Entity out;
    grpc::Status s = stub.GetLegalEntity(NewContext(a.client).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    return Print(a, out, FormatOrgDetail);
  });
}

// --state values: the API's state names in any case (ACTIVE, deregistered, ...).
absl::StatusOr<std::vector<v1::RegistrationStatus::State>> ParseStates(
    const std::vector<std::string>& names) {
  std::vector<v1::RegistrationStatus::State> states;
  for (const std::string& name : names) {
    v1::RegistrationStatus::State state;
    if (!v1::RegistrationStatus::State_Parse(absl::AsciiStrToUpper(name), &state) ||
        state == v1::RegistrationStatus::STATE_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          absl::StrCat("--state: \"", name,
                       "\" is not one of ACTIVE, DEREGISTERED, REVOKED, ANNULLED, "
                       "SUSPENDED, IN_LIQUIDATION, MOVED_OUT, OTHER"));
    }
    states.push_back(state);
  }
  return states;
}

int Search(const OrgArgs& a) {
  if (a.name.empty() && a.region.empty()) {
    return ReportError(absl::InvalidArgumentError("give --name or --region (or both)"));
  }
  auto states = ParseStates(a.states);
  if (!states.ok()) return ReportError(states.status());
  v1::SearchLegalEntitiesRequest request;
  request.set_name(a.name);
  request.set_region_code(a.region);
  for (v1::RegistrationStatus::State s : *states) request.add_states(s);
  return WithLegalEntity(a, [&](Stub& stub) {
    v1::SearchLegalEntitiesResponse all;
    do {
      request.set_page_size(std::min(a.limit - all.hits_size(), kMaxSearchPage));
      v1::SearchLegalEntitiesResponse page;
      grpc::Status s = stub.SearchLegalEntities(NewContext(a.client).get(), request, &page);
      if (!s.ok()) {
        return ReportError(
            NameFlag(s, {{"name", "--name"}, {"region_code", "--region"}, {"states", "--state"}}));
      }
      for (auto& hit : *page.mutable_hits()) *all.add_hits() = std::move(hit);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty() && all.hits_size() < a.limit);
    if (!a.json && all.hits().empty()) {
      std::printf("no legal entity matches\n");
    } else {
      Print(a, all, FormatOrgSearchHits);
    }
    if (!request.page_token().empty()) {
      std::fprintf(stderr, "mdhub: more legal entities match; raise --limit to see them\n");
    }
    return 0;
  });
}

int Status(const OrgArgs& a) {
  v1::GetRegistrationStatusRequest request;
  request.set_entity_id(a.id);
  request.set_include_history(a.history);
  if (auto s = SetAsOf(a, request); !s.ok()) return ReportError(s);
  return WithLegalEntity(a, [&](Stub& stub) {
    v1::GetRegistrationStatusResponse out;
    grpc::Status s = stub.GetRegistrationStatus(NewContext(a.client).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    return Print(a, out, FormatRegistrationStatus);
  });
}

int Relations(const OrgArgs& a) {
  v1::ListRelationshipsRequest request;
  request.set_entity_id(a.id);
  for (const std::string& t : a.types) request.add_types(t);
  request.set_include_incoming(a.incoming);
  request.set_include_related(a.related);
  request.set_page_size(kMaxListPage);
  if (auto s = SetAsOf(a, request); !s.ok()) return ReportError(s);
  return WithLegalEntity(a, [&](Stub& stub) {
    v1::ListRelationshipsResponse all;
    do {
      v1::ListRelationshipsResponse page;
      grpc::Status s = stub.ListRelationships(NewContext(a.client).get(), request, &page);
      if (!s.ok()) return ReportError(NameFlag(s, {{"types", "--type"}}));
      for (auto& item : *page.mutable_items()) *all.add_items() = std::move(item);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    if (!a.json && all.items().empty()) {
      std::printf("no relationships\n");
      return 0;
    }
    return Print(a, all, FormatRelationships);
  });
}

int RepresentedBy(const OrgArgs& a) {
  v1::ListOrganisationsByRepresentativeRequest request;
  request.set_person_entity_id(a.id);
  request.set_include_former(a.former);
  request.set_page_size(kMaxListPage);
  if (auto s = SetAsOf(a, request); !s.ok()) return ReportError(s);
  return WithLegalEntity(a, [&](Stub& stub) {
    v1::ListOrganisationsByRepresentativeResponse all;
    do {
      v1::ListOrganisationsByRepresentativeResponse page;
      grpc::Status s =
          stub.ListOrganisationsByRepresentative(NewContext(a.client).get(), request, &page);
      if (!s.ok()) return ReportError(s);
      for (auto& o : *page.mutable_organisations()) *all.add_organisations() = std::move(o);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    if (!a.json && all.organisations().empty()) {
      std::printf("the person represents no legal entity%s\n", a.former ? "" : " now");
      return 0;
    }
    return Print(a, all, FormatRepresentedOrgs);
  });
}

int Insured(const OrgArgs& a) {
  v1::ListInsuredPersonsRequest request;
  request.set_entity_id(a.id);
  return WithLegalEntity(a, [&](Stub& stub) {
    v1::ListInsuredPersonsResponse all;
    do {
      request.set_page_size(std::min(a.limit - all.persons_size(), kMaxPersonPage));
      v1::ListInsuredPersonsResponse page;
      grpc::Status s = stub.ListInsuredPersons(NewContext(a.client).get(), request, &page);
      if (!s.ok()) return ReportError(s);
      for (auto& p : *page.mutable_persons()) *all.add_persons() = std::move(p);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty() && all.persons_size() < a.limit);
    if (!a.json && all.persons().empty()) {
      std::printf("no social-security record names the legal entity as employer\n");
    } else {
      Print(a, all, FormatInsuredPersons);
    }
    if (!request.page_token().empty()) {
      std::fprintf(stderr, "mdhub: more persons are insured; raise --limit to see them\n");
    }
    return 0;
  });
}

// Adds a subcommand of `org` that runs `run` with its own arguments; `configure` adds the
// command's arguments and flags.
template <typename Configure>
void Add(CLI::App& org, const char* name, const std::string& help, int* exit_code,
         int (*run)(const OrgArgs&), Configure configure) {
  auto a = std::make_shared<OrgArgs>();
  CLI::App* cmd = org.add_subcommand(name, help);
  configure(*cmd, *a);
  a->client.AddTo(*cmd);
  cmd->callback([a, exit_code, run] { *exit_code = run(*a); });
}

void AddJson(CLI::App& cmd, OrgArgs& a) {
  cmd.add_flag("--json", a.json, "print the response as JSON instead of a table");
}

void AddAsOf(CLI::App& cmd, OrgArgs& a) {
  cmd.add_option("--as-of", a.as_of,
                 "as mdhub knew it at this time, RFC 3339, e.g. 2026-11-27T10:00:00Z");
}

}  // namespace

void AddOrgCommands(CLI::App& app, int* exit_code) {
  CLI::App* org = app.add_subcommand(
      "org",
      "The legal-entity registry: look up, search and read organisations, their registration "
      "status and relationships (legal representative, head office, sponsor, division), the "
      "organisations a person represents, the persons an organisation insures; and explain, "
      "review, merge and split how records are linked into legal entities (data stewards). "
      "Records are named SOURCE/KEY, e.g. aic.registration/A-1.");
  org->require_subcommand(1);
  Add(*org, "lookup",
      "Find the legal entity holding a code: an 18-character unified social credit code, or a "
      "legacy GB 11714 organisation code (9 characters, hyphen optional) or business "
      "registration number (13 or 15 digits).\n"
      "  mdhub org lookup 91450100MA5K3R7T6C",
      exit_code, Lookup, [](CLI::App& cmd, OrgArgs& a) {
        cmd.add_option("code", a.id, "credit code, organisation code or registration number")
            ->required();
        cmd.add_flag("--members", a.members, "list the member source records");
        AddAsOf(cmd, a);
        AddJson(cmd, a);
      });
  Add(*org, "get", "Read a legal entity by id: golden record, identifiers, optionally records.",
      exit_code, Get, [](CLI::App& cmd, OrgArgs& a) {
        cmd.add_option("id", a.id, "legal entity id, e.g. L0000000001")->required();
        cmd.add_flag("--members", a.members, "list the member source records");
        AddAsOf(cmd, a);
        AddJson(cmd, a);
      });
  Add(*org, "search",
      "Fuzzy search by name and/or region, best first; legal forms (有限公司 ...), place "
      "prefixes and brackets do not count. Prints score, id, name, credit code, state, address.\n"
      "  mdhub org search --name 某某科技 --region 4501 --state active",
      exit_code, Search, [](CLI::App& cmd, OrgArgs& a) {
        cmd.add_option("--name", a.name, "organisation name or part of it");
        cmd.add_option("--region", a.region,
                       "GB/T 2260 division code prefix of the registered address, e.g. 4501");
        cmd.add_option("--state", a.states,
                       "only in this registration state (repeatable): ACTIVE, DEREGISTERED, "
                       "REVOKED, ANNULLED, SUSPENDED, IN_LIQUIDATION, MOVED_OUT, OTHER");
        cmd.add_option("--limit", a.limit, "show at most this many")
            ->capture_default_str()
            ->check(CLI::Range(1, 10000));
        AddJson(cmd, a);
      });
  Add(*org, "status",
      "The registration status of a legal entity (存续, 注销, 吊销 ...): state, the source's "
      "text, since when, authority, reason and the record that says so.",
      exit_code, Status, [](CLI::App& cmd, OrgArgs& a) {
        cmd.add_option("id", a.id, "legal entity id")->required();
        cmd.add_flag("--history", a.history, "also the earlier states, oldest first");
        AddAsOf(cmd, a);
        AddJson(cmd, a);
      });
  Add(*org, "relations",
      "The relationships of a legal entity: legal_representative (a person), branch_of (its "
      "head office), sponsored_by (its sponsor), registered_in_division (division:<code> of its "
      "registered address, its place on the map); with --incoming also its branches and the "
      "institutions it sponsors.\n"
      "  mdhub org relations L0000000001 --incoming --related",
      exit_code, Relations, [](CLI::App& cmd, OrgArgs& a) {
        cmd.add_option("id", a.id, "legal entity id")->required();
        cmd.add_option("--type", a.types,
                       "only this type (repeatable): legal_representative, branch_of, "
                       "sponsored_by, registered_in_division");
        cmd.add_flag("--incoming", a.incoming, "also links that point at the legal entity");
        cmd.add_flag("--related", a.related,
                     "show the name of the entity at the other end (persons only when the "
                     "agency may read persons)");
        AddAsOf(cmd, a);
        AddJson(cmd, a);
      });
  Add(*org, "represented-by",
      "The legal entities a person is legal representative of (by the person's citizen ids), "
      "with --former also those it no longer represents.\n"
      "  mdhub org represented-by P0000000001 --former",
      exit_code, RepresentedBy, [](CLI::App& cmd, OrgArgs& a) {
        cmd.add_option("person_id", a.id, "person entity id, e.g. P0000000001")->required();
        cmd.add_flag("--former", a.former, "also organisations the person no longer represents");
        AddAsOf(cmd, a);
        AddJson(cmd, a);
      });
  Add(*org, "insured",
      "The persons whose social-security records (hrss.*) name the legal entity as employer. "
      "Needs the agency to be granted person reads (PopulationService/GetPerson).",
      exit_code, Insured, [](CLI::App& cmd, OrgArgs& a) {
        cmd.add_option("id", a.id, "legal entity id")->required();
        cmd.add_option("--limit", a.limit, "show at most this many persons")
            ->capture_default_str()
            ->check(CLI::Range(1, 100000));
        AddJson(cmd, a);
      });
  AddStewardCommands(*org,
                     {v1::LEGAL_ENTITY, kOrgWords, FormatOrgs, "L0000000001",
                      "aic.registration/A-1", "mca.social_org/S-7"},
                     exit_code);
}

}  // namespace mdhub::cli

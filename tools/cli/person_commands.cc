// mdhub person search / household, and the stewardship commands (steward_commands.h): the
// population registry's search and stewardship calls, answered as readable tables.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mdhub/v1/population.grpc.pb.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/person_output.h"
#include "tools/cli/steward_commands.h"

namespace mdhub::cli {
namespace {

// The most a page of SearchPersons / ListHouseholdMembers may hold.
constexpr int kMaxPersonPage = 50;

struct PersonArgs {
  ClientOptions client;
  // search
  std::string name;
  std::string birth_date;
  std::string gender;
  std::string region;
  bool members = false;
  int limit = 0;
  // household
  std::string id;  // entity id
};

// Connects and runs `body(stub)`, reporting connection errors. `body` makes a context per call.
template <typename Body>
int WithPopulation(const PersonArgs& a, Body body) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::PopulationService::NewStub(*channel);
  return body(*stub);
}

int Search(const PersonArgs& a) {
  if (a.name.empty() && a.birth_date.empty()) {
    return ReportError(absl::InvalidArgumentError("give --name or --birth-date (or both)"));
  }
  v1::SearchPersonsRequest request;
  request.set_name(a.name);
  request.set_birth_date(a.birth_date);
  request.set_gender(a.gender);
  request.set_region_code(a.region);
  request.set_include_members(a.members);
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::SearchPersonsResponse all;
    do {
      request.set_page_size(std::min(a.limit - all.hits_size(), kMaxPersonPage));
      v1::SearchPersonsResponse page;
      grpc::Status s = stub.SearchPersons(NewContext(a.client).get(), request, &page);
      if (!s.ok()) {
        return ReportError(NameFlag(s, {{"name", "--name"},
                                        {"birth_date", "--birth-date"},
                                        {"gender", "--gender"},
                                        {"region_code", "--region"}}));
      }
      for (v1::SearchPersonsResponse::Hit& hit : *page.mutable_hits()) {
        *all.add_hits() = std::move(hit);
      }
      all.set_truncated(all.truncated() || page.truncated());
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty() && all.hits_size() < a.limit);
    if (all.hits().empty()) {
      std::printf("no person matches\n");
    } else {
      std::fputs(FormatSearchHits(all).c_str(), stdout);
    }
    if (!request.page_token().empty()) {
      std::fprintf(stderr, "mdhub: more persons match; raise --limit to see them\n");
    }
    if (all.truncated()) {
      std::fprintf(stderr,
                   "mdhub: more persons share a query term than one search examines, so some may "
                   "be missing; narrow the query (full name and birth date)\n");
    }
    return 0;
  });
}

int Household(const PersonArgs& a) {
  v1::ListHouseholdMembersRequest request;
  request.set_entity_id(a.id);
  request.set_include_members(a.members);
  request.set_page_size(kMaxPersonPage);
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::ListHouseholdMembersResponse all;
    do {
      v1::ListHouseholdMembersResponse page;
      grpc::Status s = stub.ListHouseholdMembers(NewContext(a.client).get(), request, &page);
      if (!s.ok()) return ReportError(s);
      for (v1::Entity& member : *page.mutable_members()) *all.add_members() = std::move(member);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    std::fputs(FormatHousehold(all).c_str(), stdout);
    return 0;
  });
}

}  // namespace

void AddPersonCommands(CLI::App& app, int* exit_code) {
  CLI::App* person = app.add_subcommand(
      "person",
      "Search persons, see households, and explain, review, merge and split how records are "
      "linked into persons (data stewards). Records are named SOURCE/KEY, e.g. ps.hukou/H-1.");
  person->require_subcommand(1);
  {
    auto a = std::make_shared<PersonArgs>();
    a->limit = 20;
    CLI::App* cmd = person->add_subcommand(
        "search",
        "Fuzzy search, best first: a name in characters or pinyin (homophones, one-character "
        "typos and former names are found) and/or a birth date, optionally filtered by gender and "
        "region. Prints score, person id and the golden name, birth date, gender and address.\n"
        "  mdhub person search --name \"wang fang\" --birth-date 1990-03");
    cmd->add_option("--name", a->name,
                    "name: 王芳, 王 芳, 王芳 in traditional, \"Wang Fang\", wangfang");
    cmd->add_option("--birth-date", a->birth_date, "YYYY-MM-DD, or YYYY-MM for the whole month");
    cmd->add_option("--gender", a->gender,
                    "M or F (男 / 女 too); persons of unknown gender are left out");
    cmd->add_option("--region", a->region,
                    "GB/T 2260 division code of 2, 4 or 6 digits, e.g. 4501 (Nanning): address or "
                    "citizen id issued there");
    cmd->add_option("--limit", a->limit, "show at most this many persons")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));
    cmd->add_flag("--members", a->members, "list each person's source records below it");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = Search(*a); });
  }
  {
    auto a = std::make_shared<PersonArgs>();
    CLI::App* cmd = person->add_subcommand(
        "household",
        "List the persons registered in the same household as a person (the same household "
        "number), the person included. FAILED_PRECONDITION when the person has none.");
    cmd->add_option("id", a->id, "person entity id, e.g. P0000000001")->required();
    cmd->add_flag("--members", a->members, "list each person's source records below it");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = Household(*a); });
  }
  AddStewardCommands(
      *person,
      {v1::PERSON, kPersonWords, FormatPersons, "P0000000001", "ps.hukou/H-1", "ps.clinic/p1"},
      exit_code);
}

}  // namespace mdhub::cli

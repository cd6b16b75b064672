// mdhub person search / household / explain / explain-pair / merge / split / decide / review:
// the population registry's search and stewardship calls, answered as readable tables.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "mdhub/v1/population.grpc.pb.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/person_output.h"

namespace mdhub::cli {
namespace {

// The most a page of SearchPersons / ListHouseholdMembers / ListReviewItems may hold.
constexpr int kMaxPersonPage = 50;
constexpr int kMaxReviewPage = 1000;

struct PersonArgs {
  ClientOptions client;
  // search
  std::string name;
  std::string birth_date;
  std::string gender;
  std::string region;
  bool members = false;
  int limit = 0;
  // the other commands
  std::string id;                    // entity id
  std::string merged_id;             // merge
  std::string left;                  // SOURCE/KEY
  std::string right;                 // SOURCE/KEY
  std::vector<std::string> records;  // SOURCE/KEY
  bool must_link = false;
  bool cannot_link = false;
  std::string reason;
};

// Connects and runs `body(stub)`, reporting connection errors. `body` makes a context per call.
template <typename Body>
int WithPopulation(const PersonArgs& a, Body body) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::PopulationService::NewStub(*channel);
  return body(*stub);
}

std::unique_ptr<grpc::ClientContext> NewContext(const PersonArgs& a) {
  auto context = std::make_unique<grpc::ClientContext>();
  PrepareContext(a.client, context.get());
  return context;
}

// The server names request fields in INVALID_ARGUMENT messages ("region_code: ..."); the user
// gave flags, so the message names the flag instead.
grpc::Status NameFlag(const grpc::Status& s,
                      const std::vector<std::pair<std::string, std::string>>& field_flags) {
  if (s.error_code() != grpc::StatusCode::INVALID_ARGUMENT) return s;
  for (const auto& [field, flag] : field_flags) {
    const std::string prefix = field + ":";
    if (absl::StartsWith(s.error_message(), prefix)) {
      return grpc::Status(s.error_code(), flag + s.error_message().substr(field.size()));
    }
  }
  return s;
}

// Parses the record arguments, naming each in errors as `argument` (with its position when
// there are several).
absl::StatusOr<std::vector<v1::RecordRef>> ParseRecordRefs(const std::vector<std::string>& texts,
                                                           absl::string_view argument) {
  std::vector<v1::RecordRef> refs;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto ref = ParseRecordRef(
        texts[i], texts.size() == 1 ? std::string(argument) : absl::StrCat(argument, " ", i + 1));
    if (!ref.ok()) return ref.status();
    refs.push_back(*std::move(ref));
  }
  return refs;
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
      grpc::Status s = stub.SearchPersons(NewContext(a).get(), request, &page);
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
      grpc::Status s = stub.ListHouseholdMembers(NewContext(a).get(), request, &page);
      if (!s.ok()) return ReportError(s);
      for (v1::Entity& member : *page.mutable_members()) *all.add_members() = std::move(member);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    std::fputs(FormatHousehold(all).c_str(), stdout);
    return 0;
  });
}

int Explain(const PersonArgs& a) {
  v1::GetEntityRequest request;
  request.set_entity_id(a.id);
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::EntityExplanation out;
    grpc::Status s = stub.ExplainPerson(NewContext(a).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::fputs(FormatEntityExplanation(out).c_str(), stdout);
    return 0;
  });
}

int ExplainPair(const PersonArgs& a) {
  auto left = ParseRecordRef(a.left, "left");
  if (!left.ok()) return ReportError(left.status());
  auto right = ParseRecordRef(a.right, "right");
  if (!right.ok()) return ReportError(right.status());
  v1::ExplainPairRequest request;
  *request.mutable_left() = *left;
  *request.mutable_right() = *right;
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::Explanation out;
    grpc::Status s = stub.ExplainPair(NewContext(a).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::fputs(FormatExplanation(out, *left, *right).c_str(), stdout);
    return 0;
  });
}

int Merge(const PersonArgs& a) {
  v1::MergeRequest request;
  request.set_entity_id(a.id);
  request.set_merged_entity_id(a.merged_id);
  request.set_reason(a.reason);
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::Entity out;
    grpc::Status s = stub.MergePersons(NewContext(a).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::printf("merged %s into %s; %s now redirects to it\n", a.merged_id.c_str(),
                out.id().c_str(), a.merged_id.c_str());
    std::fputs(FormatPersons({{"surviving", out}}).c_str(), stdout);
    return 0;
  });
}

int Split(const PersonArgs& a) {
  auto records = ParseRecordRefs(a.records, "record");
  if (!records.ok()) return ReportError(records.status());
  v1::SplitRequest request;
  request.set_entity_id(a.id);
  for (v1::RecordRef& r : *records) *request.add_records() = std::move(r);
  request.set_reason(a.reason);
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::SplitResponse out;
    grpc::Status s = stub.SplitPerson(NewContext(a).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::printf("split %s: %d record%s moved to the new person %s\n", a.id.c_str(),
                request.records_size(), request.records_size() == 1 ? "" : "s",
                out.split_off().id().c_str());
    std::fputs(
        FormatPersons({{"remaining", out.remaining()}, {"split off", out.split_off()}}).c_str(),
        stdout);
    return 0;
  });
}

int Decide(const PersonArgs& a) {
  if (a.must_link == a.cannot_link) {
    return ReportError(absl::InvalidArgumentError("give --must-link or --cannot-link"));
  }
  auto left = ParseRecordRef(a.left, "left");
  if (!left.ok()) return ReportError(left.status());
  auto right = ParseRecordRef(a.right, "right");
  if (!right.ok()) return ReportError(right.status());
  v1::DecidePairRequest request;
  *request.mutable_left() = *left;
  *request.mutable_right() = *right;
  request.set_decision(a.must_link ? v1::DecidePairRequest::MUST_LINK
                                   : v1::DecidePairRequest::CANNOT_LINK);
  request.set_reason(a.reason);
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::DecidePairResponse out;
    grpc::Status s = stub.DecidePair(NewContext(a).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    const std::string l = FormatRecordRef(*left), r = FormatRecordRef(*right);
    if (out.left_entity().id() == out.right_entity().id()) {
      std::printf("%s: %s and %s are both in %s\n", a.must_link ? "must-link" : "cannot-link",
                  l.c_str(), r.c_str(), out.left_entity().id().c_str());
      std::fputs(FormatPersons({{"both", out.left_entity()}}).c_str(), stdout);
    } else {
      std::printf("%s: %s is in %s, %s in %s\n", a.must_link ? "must-link" : "cannot-link",
                  l.c_str(), out.left_entity().id().c_str(), r.c_str(),
                  out.right_entity().id().c_str());
      std::fputs(
          FormatPersons({{"left", out.left_entity()}, {"right", out.right_entity()}}).c_str(),
          stdout);
    }
    return 0;
  });
}

int Review(const PersonArgs& a) {
  v1::ListReviewItemsRequest request;
  return WithPopulation(a, [&](v1::PopulationService::Stub& stub) {
    v1::ListReviewItemsResponse all;
    do {
      request.set_page_size(std::min(a.limit - all.items_size(), kMaxReviewPage));
      v1::ListReviewItemsResponse page;
      grpc::Status s = stub.ListReviewItems(NewContext(a).get(), request, &page);
      if (!s.ok()) return ReportError(s);
      for (auto& item : *page.mutable_items()) *all.add_items() = std::move(item);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty() && all.items_size() < a.limit);
    if (all.items().empty()) {
      std::printf("no pairs await review\n");
    } else {
      std::fputs(FormatReviewItems(all).c_str(), stdout);
    }
    if (!request.page_token().empty()) {
      std::fprintf(stderr, "mdhub: more pairs await review; raise --limit to see them\n");
    }
    return 0;
  });
}

// Adds --reason, required: every steward action says why, in history and the audit log.
void AddReason(CLI::App& cmd, PersonArgs& a) {
  cmd.add_option("--reason", a.reason,
                 "why, e.g. \"checked the household register\"; kept in history and the audit log")
      ->required();
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
  {
    auto a = std::make_shared<PersonArgs>();
    CLI::App* cmd = person->add_subcommand(
        "explain",
        "Why a person holds its records: the golden record with the record each value came from, "
        "then each member record with how it joined and, when the matching model linked it, the "
        "field-by-field comparison with the record it matched (field, both values, level, "
        "weight).");
    cmd->add_option("id", a->id, "person entity id, e.g. P0000000001")->required();
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = Explain(*a); });
  }
  {
    auto a = std::make_shared<PersonArgs>();
    CLI::App* cmd = person->add_subcommand(
        "explain-pair",
        "Why two person records are, or are not, the same person: the model's field-by-field "
        "comparison (field, both standardised values, level, log2 weight), the total weight, the "
        "match probability, and the decision with any hard constraint or steward decision.\n"
        "  mdhub person explain-pair ps.hukou/H-1 health.patient_index/M-7");
    cmd->add_option("left", a->left, "first record, SOURCE/KEY")->required();
    cmd->add_option("right", a->right, "second record, SOURCE/KEY")->required();
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = ExplainPair(*a); });
  }
  {
    auto a = std::make_shared<PersonArgs>();
    CLI::App* cmd = person->add_subcommand(
        "merge",
        "Steward action: merge two persons into the first; the second id becomes a redirect to "
        "it. Refused (FAILED_PRECONDITION) when a pair of their records is marked cannot-link.\n"
        "  mdhub person merge P0000000001 P0000000002 --reason \"same person, checked\"");
    cmd->add_option("id", a->id, "the person that stays")->required();
    cmd->add_option("merged_id", a->merged_id, "the person merged into it")->required();
    AddReason(*cmd, *a);
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = Merge(*a); });
  }
  {
    auto a = std::make_shared<PersonArgs>();
    CLI::App* cmd = person->add_subcommand(
        "split",
        "Steward action: move some records of a person out into a new person. The moved records "
        "are marked cannot-link with those that stay, so automatic linking keeps them apart.\n"
        "  mdhub person split P0000000001 ps.clinic/p1 --reason \"another person\"");
    cmd->add_option("id", a->id, "the person to split")->required();
    cmd->add_option("records", a->records,
                    "records (SOURCE/KEY) that move to the new person; not all of them")
        ->required();
    AddReason(*cmd, *a);
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = Split(*a); });
  }
  {
    auto a = std::make_shared<PersonArgs>();
    CLI::App* cmd = person->add_subcommand(
        "decide",
        "Steward decision on two records, which persists and takes the pair off the review "
        "queue. --must-link: the same person (their persons are merged, the older id stays). "
        "--cannot-link: different persons (when they share one, the right record moves out to a "
        "new person). Automatic linking respects the decision from then on.\n"
        "  mdhub person decide ps.hukou/H-1 ps.clinic/p1 --cannot-link --reason \"twins\"");
    cmd->add_option("left", a->left, "first record, SOURCE/KEY")->required();
    cmd->add_option("right", a->right, "second record, SOURCE/KEY")->required();
    CLI::Option* must = cmd->add_flag("--must-link", a->must_link, "the records are one person");
    CLI::Option* cannot =
        cmd->add_flag("--cannot-link", a->cannot_link, "the records are different persons");
    must->excludes(cannot);
    AddReason(*cmd, *a);
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = Decide(*a); });
  }
  {
    auto a = std::make_shared<PersonArgs>();
    a->limit = 100;
    CLI::App* cmd = person->add_subcommand(
        "review",
        "The review queue: pairs of records whose match probability lies between the review and "
        "link thresholds, with both records, the persons they belong to now, and the `mdhub "
        "person decide` command that resolves each pair (see also `mdhub person explain-pair`).");
    cmd->add_option("--limit", a->limit, "show at most this many pairs")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] { *exit_code = Review(*a); });
  }
}

}  // namespace mdhub::cli

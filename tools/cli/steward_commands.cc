#include "tools/cli/steward_commands.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/cli/client.h"
#include "tools/cli/registry_client.h"

namespace mdhub::cli {
namespace {

// The most a page of ListReviewItems may hold.
constexpr int kMaxReviewPage = 1000;

struct StewardArgs {
  explicit StewardArgs(const StewardKind& k) : kind(k) {}
  const StewardKind kind;
  ClientOptions client;
  std::string id;                    // entity id
  std::string merged_id;             // merge
  std::string left;                  // SOURCE/KEY
  std::string right;                 // SOURCE/KEY
  std::vector<std::string> records;  // SOURCE/KEY
  bool must_link = false;
  bool cannot_link = false;
  std::string reason;
  int limit = 100;
};

// Connects and runs `body(client)`, reporting connection errors. `body` makes a context per call.
template <typename Body>
int WithRegistry(const StewardArgs& a, Body body) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  RegistryClient client(*channel, a.kind.kind);
  return body(client);
}

std::string Format(const StewardArgs& a,
                   const std::vector<std::pair<std::string, v1::Entity>>& entities) {
  return a.kind.format_entities(entities);
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

int Explain(const StewardArgs& a) {
  v1::GetEntityRequest request;
  request.set_entity_id(a.id);
  return WithRegistry(a, [&](RegistryClient& c) {
    v1::EntityExplanation out;
    grpc::Status s = c.ExplainEntity(NewContext(a.client).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::fputs(FormatEntityExplanation(out, a.kind.words).c_str(), stdout);
    return 0;
  });
}

int ExplainPair(const StewardArgs& a) {
  auto left = ParseRecordRef(a.left, "left");
  if (!left.ok()) return ReportError(left.status());
  auto right = ParseRecordRef(a.right, "right");
  if (!right.ok()) return ReportError(right.status());
  v1::ExplainPairRequest request;
  *request.mutable_left() = *left;
  *request.mutable_right() = *right;
  return WithRegistry(a, [&](RegistryClient& c) {
    v1::Explanation out;
    grpc::Status s = c.ExplainPair(NewContext(a.client).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::fputs(FormatExplanation(out, *left, *right).c_str(), stdout);
    return 0;
  });
}

int Merge(const StewardArgs& a) {
  v1::MergeRequest request;
  request.set_entity_id(a.id);
  request.set_merged_entity_id(a.merged_id);
  request.set_reason(a.reason);
  return WithRegistry(a, [&](RegistryClient& c) {
    v1::Entity out;
    grpc::Status s = c.Merge(NewContext(a.client).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::printf("merged %s into %s; %s now redirects to it\n", a.merged_id.c_str(),
                out.id().c_str(), a.merged_id.c_str());
    std::fputs(Format(a, {{"surviving", out}}).c_str(), stdout);
    return 0;
  });
}

int Split(const StewardArgs& a) {
  auto records = ParseRecordRefs(a.records, "record");
  if (!records.ok()) return ReportError(records.status());
  v1::SplitRequest request;
  request.set_entity_id(a.id);
  for (v1::RecordRef& r : *records) *request.add_records() = std::move(r);
  request.set_reason(a.reason);
  return WithRegistry(a, [&](RegistryClient& c) {
    v1::SplitResponse out;
    grpc::Status s = c.Split(NewContext(a.client).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    std::printf("split %s: %d record%s moved to the new %s %s\n", a.id.c_str(),
                request.records_size(), request.records_size() == 1 ? "" : "s",
                std::string(a.kind.words.noun).c_str(), out.split_off().id().c_str());
    std::fputs(Format(a, {{"remaining", out.remaining()}, {"split off", out.split_off()}}).c_str(),
               stdout);
    return 0;
  });
}

int Decide(const StewardArgs& a) {
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
  return WithRegistry(a, [&](RegistryClient& c) {
    v1::DecidePairResponse out;
    grpc::Status s = c.DecidePair(NewContext(a.client).get(), request, &out);
    if (!s.ok()) return ReportError(s);
    const std::string l = FormatRecordRef(*left), r = FormatRecordRef(*right);
    const char* decision = a.must_link ? "must-link" : "cannot-link";
    if (out.left_entity().id() == out.right_entity().id()) {
      std::printf("%s: %s and %s are both in %s\n", decision, l.c_str(), r.c_str(),
                  out.left_entity().id().c_str());
      std::fputs(Format(a, {{"both", out.left_entity()}}).c_str(), stdout);
    } else {
      std::printf("%s: %s is in %s, %s in %s\n", decision, l.c_str(),
                  out.left_entity().id().c_str(), r.c_str(), out.right_entity().id().c_str());
      std::fputs(
          Format(a, {{"left", out.left_entity()}, {"right", out.right_entity()}}).c_str(),
          stdout);
    }
    return 0;
  });
}

int Review(const StewardArgs& a) {
  v1::ListReviewItemsRequest request;
  return WithRegistry(a, [&](RegistryClient& c) {
    v1::ListReviewItemsResponse all;
    do {
      request.set_page_size(std::min(a.limit - all.items_size(), kMaxReviewPage));
      v1::ListReviewItemsResponse page;
      grpc::Status s = c.ListReviewItems(NewContext(a.client).get(), request, &page);
      if (!s.ok()) return ReportError(s);
      for (auto& item : *page.mutable_items()) *all.add_items() = std::move(item);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty() && all.items_size() < a.limit);
    if (all.items().empty()) {
      std::printf("no pairs await review\n");
    } else {
      std::fputs(FormatReviewItems(all, a.kind.words).c_str(), stdout);
    }
    if (!request.page_token().empty()) {
      std::fprintf(stderr, "mdhub: more pairs await review; raise --limit to see them\n");
    }
    return 0;
  });
}

// Adds --reason, required: every steward action says why, in history and the audit log.
void AddReason(CLI::App& cmd, StewardArgs& a) {
  cmd.add_option("--reason", a.reason,
                 "why, e.g. \"checked the register\"; kept in history and the audit log")
      ->required();
}

}  // namespace

void AddStewardCommands(CLI::App& parent, const StewardKind& kind, int* exit_code) {
  const std::string noun(kind.words.noun), plural(kind.words.plural),
      command(kind.words.command);
  const std::string example = absl::StrCat("  mdhub ", command, " ");
  const std::string id_help = absl::StrCat(noun, " entity id, e.g. ", kind.example_id);
  auto add = [&](const char* name, const std::string& help, auto configure, auto run) {
    auto a = std::make_shared<StewardArgs>(kind);
    CLI::App* cmd = parent.add_subcommand(name, help);
    configure(*cmd, *a);
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code, run] { *exit_code = run(*a); });
  };
  add("explain",
      absl::StrCat("Why a ", noun, " holds its records: the golden record with the record each "
                   "value came from, then each member record with how it joined and, when the "
                   "matching model linked it, the field-by-field comparison with the record it "
                   "matched (field, both values, level, weight)."),
      [&](CLI::App& cmd, StewardArgs& a) { cmd.add_option("id", a.id, id_help)->required(); },
      Explain);
  add("explain-pair",
      absl::StrCat("Why two ", noun, " records are, or are not, the same ", noun, ": the model's "
                   "field-by-field comparison (field, both standardised values, level, log2 "
                   "weight), the total weight, the match probability, and the decision with any "
                   "hard constraint or steward decision.\n",
                   example, "explain-pair ", kind.example_left, " ", kind.example_right),
      [](CLI::App& cmd, StewardArgs& a) {
        cmd.add_option("left", a.left, "first record, SOURCE/KEY")->required();
        cmd.add_option("right", a.right, "second record, SOURCE/KEY")->required();
      },
      ExplainPair);
  add("merge",
      absl::StrCat("Steward action: merge two ", plural, " into the first; the second id "
                   "becomes a redirect to it. Refused (FAILED_PRECONDITION) when a pair of their "
                   "records is marked cannot-link.\n",
                   example, "merge ", kind.example_id, " OTHER_ID --reason \"the same, checked\""),
      [&](CLI::App& cmd, StewardArgs& a) {
        cmd.add_option("id", a.id, absl::StrCat("the ", noun, " that stays"))->required();
        cmd.add_option("merged_id", a.merged_id, absl::StrCat("the ", noun, " merged into it"))
            ->required();
        AddReason(cmd, a);
      },
      Merge);
  add("split",
      absl::StrCat("Steward action: move some records of a ", noun, " out into a new ", noun,
                   ". The moved records are marked cannot-link with those that stay, so "
                   "automatic linking keeps them apart.\n",
                   example, "split ", kind.example_id, " ", kind.example_right,
                   " --reason \"another ", noun, "\""),
      [&](CLI::App& cmd, StewardArgs& a) {
        cmd.add_option("id", a.id, absl::StrCat("the ", noun, " to split"))->required();
        cmd.add_option("records", a.records,
                       absl::StrCat("records (SOURCE/KEY) that move to the new ", noun,
                                    "; not all of them"))
            ->required();
        AddReason(cmd, a);
      },
      Split);
  add("decide",
      absl::StrCat("Steward decision on two records, which persists and takes the pair off the "
                   "review queue. --must-link: the same ", noun, " (their entities are merged, "
                   "the older id stays). --cannot-link: different ones (when they share one, the "
                   "right record moves out to a new ", noun, "). Automatic linking respects the "
                   "decision from then on.\n",
                   example, "decide ", kind.example_left, " ", kind.example_right,
                   " --cannot-link --reason \"checked\""),
      [&](CLI::App& cmd, StewardArgs& a) {
        cmd.add_option("left", a.left, "first record, SOURCE/KEY")->required();
        cmd.add_option("right", a.right, "second record, SOURCE/KEY")->required();
        CLI::Option* must =
            cmd.add_flag("--must-link", a.must_link, absl::StrCat("the records are one ", noun));
        CLI::Option* cannot = cmd.add_flag("--cannot-link", a.cannot_link,
                                           absl::StrCat("the records are different ", plural));
        must->excludes(cannot);
        AddReason(cmd, a);
      },
      Decide);
  add("review",
      absl::StrCat("The review queue: pairs of ", noun, " records whose match probability lies "
                   "between the review and link thresholds, with both records, the entities they "
                   "belong to now, and the `mdhub ", command, " decide` command that resolves "
                   "each pair (see also `mdhub ", command, " explain-pair`)."),
      [](CLI::App& cmd, StewardArgs& a) {
        cmd.add_option("--limit", a.limit, "show at most this many pairs")
            ->capture_default_str()
            ->check(CLI::Range(1, 100000));
      },
      Review);
}

}  // namespace mdhub::cli

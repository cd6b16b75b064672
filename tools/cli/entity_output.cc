#include "tools/cli/entity_output.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "tools/cli/client.h"

namespace mdhub::cli {
namespace {

constexpr absl::string_view kNone = "-";

// "- ps.hukou/H-1  address=... name=...  (link reason)", attributes sorted by name; values with
// spaces in quotes.
std::string MemberLine(const v1::SourceRecord& r) {
  std::vector<std::pair<std::string, std::string>> attributes(r.attributes().begin(),
                                                              r.attributes().end());
  std::sort(attributes.begin(), attributes.end());
  std::string line = absl::StrCat("  - ", r.source(), "/", r.record_key(), " ");
  for (const auto& [name, value] : attributes) {
    const bool quote = value.empty() || value.find(' ') != std::string::npos;
    absl::StrAppend(&line, " ", name, "=", quote ? "\"" : "", value, quote ? "\"" : "");
  }
  if (!r.link_reason().empty()) absl::StrAppend(&line, "  (", r.link_reason(), ")");
  return line;
}

std::string Weight(double w) { return absl::StrFormat("%+.2f", w); }

std::string ValueOrNone(const std::string& v) { return v.empty() ? std::string(kNone) : v; }

// The argument as one shell word, quoted when it holds anything but plain characters.
std::string ShellWord(absl::string_view s) {
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isalnum(c) ||
           absl::string_view("._-/:@%+=,").find(c) != absl::string_view::npos;
  });
  if (plain) return std::string(s);
  std::string quoted = "'";
  for (char c : s) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace

std::string GoldenCell(const v1::Entity& e, absl::string_view name) {
  for (const v1::GoldenAttribute& a : e.attributes()) {
    if (a.name() == name) return a.value();
  }
  return std::string(kNone);
}

void AddMemberNotes(const v1::Entity& e, TextTable& table) {
  for (const v1::SourceRecord& r : e.members()) table.AddNote(MemberLine(r));
}

std::string FormatProbability(double p) {
  if (p > 0.99995 && p < 1) return ">0.9999";
  if (p < 0.00005 && p > 0) return "<0.0001";
  return absl::StrFormat("%.4f", p);
}

std::string FormatTimestamp(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return std::string(kNone);
  const absl::Time time = absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

std::string FormatExplanation(const v1::Explanation& e, const v1::RecordRef& left,
                              const v1::RecordRef& right, absl::string_view indent) {
  TextTable table({"FIELD", FormatRecordRef(left), FormatRecordRef(right), "LEVEL", "WEIGHT"},
                  std::string(indent));
  double fields = 0;
  for (const v1::Explanation::Field& f : e.fields()) {
    table.AddRow({f.name(), ValueOrNone(f.left_value()), ValueOrNone(f.right_value()), f.level(),
                  Weight(f.weight())});
    fields += f.weight();
  }
  // The total is the prior plus the fields: the prior row makes the column add up.
  table.AddRow({"(prior)", "", "", "", Weight(e.total_weight() - fields)});
  table.AddRow({"total", "", "", "", Weight(e.total_weight())});
  return absl::StrCat(table.Render(),  //
                      indent, "match probability: ", FormatProbability(e.match_probability()), "\n",
                      indent, "decision: ", e.decision(), "\n");
}

std::string FormatEntityExplanation(const v1::EntityExplanation& e, const KindWords& words) {
  std::string out = absl::StrCat(words.noun, " ", e.entity_id(), "\n\ngolden record:\n");
  TextTable golden({"ATTRIBUTE", "VALUE", "FROM", "WHY"}, "  ");
  for (const v1::GoldenAttribute& a : e.attributes()) {
    golden.AddRow({a.name(), a.value(), FormatRecordRef(a.from()), a.reason()});
  }
  absl::StrAppend(&out, golden.Render(), "\nmembers:\n");
  for (const v1::EntityExplanation::Member& m : e.members()) {
    absl::StrAppend(&out, "  ", FormatRecordRef(m.record()), ": ", m.link_reason(), "\n");
    if (m.has_evidence()) {
      absl::StrAppend(&out, FormatExplanation(m.evidence(), m.record(), m.matched(), "    "), "\n");
    }
  }
  return out;
}

std::string FormatReviewItems(const v1::ListReviewItemsResponse& response, const KindWords& words) {
  const std::string column(words.column);
  TextTable table({"PROBABILITY", "LEFT", column, "RIGHT", column, "QUEUED"});
  for (const v1::ListReviewItemsResponse::Item& item : response.items()) {
    table.AddRow({FormatProbability(item.match_probability()), FormatRecordRef(item.left()),
                  item.left_entity_id(), FormatRecordRef(item.right()), item.right_entity_id(),
                  FormatTimestamp(item.created_at())});
    table.AddNote(absl::StrCat(
        "  resolve: mdhub ", words.command, " decide ", ShellWord(FormatRecordRef(item.left())),
        " ", ShellWord(FormatRecordRef(item.right())), " --must-link|--cannot-link --reason TEXT"));
  }
  return table.Render();
}

}  // namespace mdhub::cli

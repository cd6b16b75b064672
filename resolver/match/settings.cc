#include "resolver/match/settings.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/toml_file.h"
#include "resolver/compare/address_agreement.h"
#include "resolver/compare/date_agreement.h"

namespace mdhub::resolver {
namespace {

absl::Status Invalid(const std::string& file, const toml::node& node, absl::string_view problem) {
  const auto& at = node.source().begin;
  return absl::InvalidArgumentError(
      absl::StrCat(file, ":", at.line, ":", at.column, ": ", problem));
}

absl::StatusOr<FieldSettings> ReadField(const toml::table& t, const std::string& file) {
  if (auto s = RejectUnknownKeys(
          t,
          {"name", "column", "columns", "also", "standardize", "compare", "levels",
           "term_frequency"},
          file,
          " in [[field]]");
      !s.ok()) {
    return s;
  }
  FieldSettings f;
  std::string compare = "exact";
  if (auto s = ReadString(t, "name", file, &f.name); !s.ok()) return s;
  if (auto s = ReadString(t, "compare", file, &compare); !s.ok()) return s;
  if (auto s = ReadBool(t, "term_frequency", file, &f.term_frequency); !s.ok()) return s;
  if (f.name.empty()) return Invalid(file, t, "[[field]] needs a name (the CSV column)");
  f.column = f.name;
  if (auto s = ReadString(t, "column", file, &f.column); !s.ok()) return s;
  std::vector<std::string> columns;
  if (auto s = ReadStringList(t, "columns", file, &columns); !s.ok()) return s;
  if (!columns.empty()) {
    if (t.contains("column")) {
      return Invalid(file, *t.get("columns"), "give column or columns, not both");
    }
    f.column = columns[0];
    f.fallback_columns.assign(columns.begin() + 1, columns.end());
  }
  if (auto s = ReadStringList(t, "also", file, &f.also_columns); !s.ok()) return s;
  std::string standardize = "none";
  if (auto s = ReadString(t, "standardize", file, &standardize); !s.ok()) return s;
  static const std::pair<const char*, Standardizer> kStandardizers[] = {
      {"none", Standardizer::kNone},          {"name", Standardizer::kName},
      {"name_pinyin", Standardizer::kNamePinyin}, {"citizen_id", Standardizer::kCitizenId},
      {"credit_code", Standardizer::kCreditCode}, {"date", Standardizer::kDate},
      {"gender", Standardizer::kGender},      {"phone", Standardizer::kPhone},
      {"address", Standardizer::kAddress},    {"org_name", Standardizer::kOrgName},
      {"org_code", Standardizer::kOrgCode},   {"org_branch", Standardizer::kOrgBranch}};
  bool known = false;
  for (const auto& [word, kind] : kStandardizers) {
    if (standardize == word) {
      f.standardize = kind;
      known = true;
    }
  }
  if (!known) {
    return Invalid(file, *t.get("standardize"),
                   absl::StrCat("standardize \"", standardize,
                                "\" must be none, name, name_pinyin, citizen_id, credit_code, "
                                "date, gender, phone, address, org_name, org_code or "
                                "org_branch"));
  }
  if (compare == "exact") {
    f.comparison = Comparison::kExact;
  } else if (compare == "jaro_winkler") {
    f.comparison = Comparison::kJaroWinkler;
  } else if (compare == "levenshtein") {
    f.comparison = Comparison::kLevenshtein;
  } else if (compare == "damerau") {
    f.comparison = Comparison::kDamerau;
  } else if (compare == "address") {
    f.comparison = Comparison::kAddress;
  } else if (compare == "date") {
    f.comparison = Comparison::kDate;
  } else if (compare == "name") {
    f.comparison = Comparison::kName;
  } else if (compare == "org_name") {
    f.comparison = Comparison::kOrgName;
    if (f.standardize != Standardizer::kOrgName) {
      return Invalid(file, t, "compare = \"org_name\" needs standardize = \"org_name\"");
    }
  } else if (compare == "none") {
    f.comparison = Comparison::kNone;
  } else {
    return Invalid(file, *t.get("compare"),
                   absl::StrCat("compare \"", compare,
                                "\" must be exact, jaro_winkler, levenshtein, damerau, name, "
                                "org_name, date, address or none"));
  }
  if (f.comparison == Comparison::kDate) {
    if (t.contains("levels")) {
      return Invalid(file, *t.get("levels"), "compare = \"date\" has fixed levels: drop levels");
    }
    if (f.standardize != Standardizer::kDate) {
      return Invalid(file, t, "compare = \"date\" needs standardize = \"date\"");
    }
    f.thresholds.assign(kDateAgreementLevels - 3, 0);
  }
  if (!f.also_columns.empty() && f.comparison != Comparison::kOrgName) {
    return Invalid(file, *t.get("also"),
                   "also (further values of a field) needs compare = \"org_name\"");
  }
  if (f.comparison == Comparison::kAddress) {
    if (t.contains("levels")) {
      return Invalid(file, *t.get("levels"), "compare = \"address\" has fixed levels: drop levels");
    }
    if (f.standardize != Standardizer::kAddress) {
      return Invalid(file, t, "compare = \"address\" needs standardize = \"address\"");
    }
    f.thresholds.assign(kAddressAgreementLevels - 3, 0);
  }
  if (const toml::array* levels = t["levels"].as_array()) {
    for (const toml::node& n : *levels) {
      auto v = n.value<double>();
      if (!v) return Invalid(file, n, "levels must be numbers");
      f.thresholds.push_back(*v);
    }
  }
  if (f.comparison == Comparison::kJaroWinkler || f.comparison == Comparison::kName ||
      f.comparison == Comparison::kOrgName) {
    if (f.thresholds.empty()) f.thresholds = {0.92, 0.8};
    std::sort(f.thresholds.rbegin(), f.thresholds.rend());
    // kName: the "same pinyin" level comes first, before the similarity bands; kOrgName: the
    // "same core" level.
    if (f.comparison != Comparison::kJaroWinkler) f.thresholds.insert(f.thresholds.begin(), 1.0);
  } else if (f.comparison == Comparison::kLevenshtein || f.comparison == Comparison::kDamerau) {
    if (f.thresholds.empty()) f.thresholds = {1, 2};
    std::sort(f.thresholds.begin(), f.thresholds.end());
  }
  return f;
}

}  // namespace

absl::StatusOr<MatchSettings> MatchSettings::Load(const std::string& path) {
  auto table = ParseTomlFile(path);
  if (!table.ok()) return table.status();
  const toml::table& t = *table;
  if (auto s = RejectUnknownKeys(t,
                                 {"link_type", "record_id", "skip_initial_space", "field",
                                  "blocking", "model"},
                                 path, "");
      !s.ok()) {
    return s;
  }
  MatchSettings m;
  std::string link_type = "dedupe";
  if (auto s = ReadString(t, "link_type", path, &link_type); !s.ok()) return s;
  if (link_type != "dedupe" && link_type != "link") {
    return Invalid(path, *t.get("link_type"), "link_type must be \"dedupe\" or \"link\"");
  }
  m.link_only = link_type == "link";
  if (auto s = ReadString(t, "record_id", path, &m.record_id); !s.ok()) return s;
  if (m.record_id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": record_id (the id column) is required"));
  }
  if (auto s = ReadBool(t, "skip_initial_space", path, &m.skip_initial_space); !s.ok()) return s;
  const toml::array* fields = t["field"].as_array();
  if (fields == nullptr || fields->empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": at least one [[field]] is required"));
  }
  for (const toml::node& n : *fields) {
    const toml::table* ft = n.as_table();
    if (ft == nullptr) return Invalid(path, n, "[[field]] must be a table");
    auto f = ReadField(*ft, path);
    if (!f.ok()) return f.status();
    m.fields.push_back(*std::move(f));
  }
  const toml::array* blocking = t["blocking"].as_array();
  if (blocking == nullptr || blocking->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": at least one [[blocking]] rule is required"));
  }
  for (const toml::node& n : *blocking) {
    const toml::table* bt = n.as_table();
    if (bt == nullptr) return Invalid(path, n, "[[blocking]] must be a table");
    if (auto s = RejectUnknownKeys(*bt, {"keys"}, path, " in [[blocking]]"); !s.ok()) return s;
    BlockingRule rule;
    if (auto s = ReadStringList(*bt, "keys", path, &rule.keys); !s.ok()) return s;
    if (rule.keys.empty()) return Invalid(path, n, "[[blocking]] needs keys = [\"column\", ...]");
    if (m.blocking.size() == 32) return Invalid(path, n, "at most 32 [[blocking]] rules");
    m.blocking.push_back(std::move(rule));
  }
  if (const toml::table* model = t["model"].as_table()) {
    if (auto s = RejectUnknownKeys(*model,
                                   {"max_block_size", "em_iterations", "random_pairs",
                                    "link_threshold", "review_threshold", "initial_match_rate",
                                    "distinct_fields", "veto_when_all_differ"},
                                   path, " in [model]");
        !s.ok()) {
      return s;
    }
    m.max_block_size = (*model)["max_block_size"].value_or(m.max_block_size);
    m.em_iterations = (*model)["em_iterations"].value_or(m.em_iterations);
    m.random_pairs = (*model)["random_pairs"].value_or(m.random_pairs);
    m.link_threshold = (*model)["link_threshold"].value_or(m.link_threshold);
    m.review_threshold = (*model)["review_threshold"].value_or(m.review_threshold);
    m.initial_match_rate = (*model)["initial_match_rate"].value_or(m.initial_match_rate);
    if (auto s = ReadStringList(*model, "distinct_fields", path, &m.distinct_fields); !s.ok()) {
      return s;
    }
    for (const std::string& name : m.distinct_fields) {
      if (std::none_of(m.fields.begin(), m.fields.end(),
                       [&](const FieldSettings& f) { return f.name == name; })) {
        return Invalid(path, *model->get("distinct_fields"),
                       absl::StrCat("distinct_fields names \"", name, "\", which is no [[field]]"));
      }
    }
    if (const toml::node* vetoes = model->get("veto_when_all_differ")) {
      const toml::array* groups = vetoes->as_array();
      if (groups == nullptr) {
        return Invalid(path, *vetoes, "veto_when_all_differ must be a list of lists of fields");
      }
      for (const toml::node& g : *groups) {
        const toml::array* names = g.as_array();
        if (names == nullptr || names->empty()) {
          return Invalid(path, g, "each veto_when_all_differ group must be a list of fields");
        }
        std::vector<std::string> group;
        for (const toml::node& n : *names) {
          auto name = n.value<std::string>();
          if (!name || std::none_of(m.fields.begin(), m.fields.end(),
                                    [&](const FieldSettings& f) { return f.name == *name; })) {
            return Invalid(path, n, "veto_when_all_differ names a field that is no [[field]]");
          }
          group.push_back(*name);
        }
        m.vetoes.push_back(std::move(group));
      }
    }
  }
  return m;
}

}  // namespace mdhub::resolver

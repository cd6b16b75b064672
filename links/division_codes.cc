#include "links/division_codes.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "geo/divisions.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/local_divisions.h"

namespace mdhub::links {
namespace {

const resolver::DivisionTable& Counties() { return resolver::DivisionTable::Builtin(); }
const resolver::LocalDivisionTable& Locals() { return resolver::LocalDivisionTable::Builtin(); }

// 2, 4, 6, 9 or 12 digits, or INVALID_ARGUMENT.
absl::StatusOr<std::string> Digits(absl::string_view code) {
  std::string c(absl::StripAsciiWhitespace(code));
  const bool digits = !c.empty() && std::all_of(c.begin(), c.end(), absl::ascii_isdigit);
  if (!digits || (c.size() != 2 && c.size() != 4 && c.size() != 6 && c.size() != 9 &&
                  c.size() != 12)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", code, "\" is not a division code (2, 4 or 6 digits of GB/T 2260, 9 for a "
        "township, 12 for a village, e.g. \"450102\")"));
  }
  return c;
}

// "450000" -> "45", "450100" -> "4501"; other codes unchanged.
std::string Prefix(std::string c) {
  if (c.size() == 6 && absl::EndsWith(c, "0000")) return c.substr(0, 2);
  if (c.size() == 6 && absl::EndsWith(c, "00")) return c.substr(0, 4);
  return c;
}

int LevelOf(const std::string& prefix) {
  switch (prefix.size()) {
    case 2: return 1;
    case 4: return 2;
    case 6: return 3;
    case 9: return 4;
    default: return 5;
  }
}

// The division with this prefix-form code, named as the tables name it; nullopt when unknown.
std::optional<CodedDivision> Lookup(const std::string& prefix) {
  CodedDivision d;
  d.level = LevelOf(prefix);
  d.code = prefix.size() < 6 ? prefix + std::string(6 - prefix.size(), '0') : prefix;
  if (prefix.size() <= 6) {
    const resolver::DivisionTable::Division* found = Counties().Find(prefix);
    if (found == nullptr) return std::nullopt;
    d.name = found->name;
  } else {
    const resolver::LocalDivisionTable::Division* found = Locals().Find(prefix);
    if (found == nullptr) return std::nullopt;
    d.name = found->name;
  }
  return d;
}

int CountChildren(const std::string& prefix) {
  if (prefix.size() == 2 || prefix.size() == 4) {
    return static_cast<int>(Counties().CodesUnder(prefix, prefix.size() + 2).size());
  }
  return static_cast<int>(Locals().Children(prefix).size());
}

DivisionChange Change(const std::string& code) {
  const resolver::DivisionTable::Division* d = Counties().Find(code);
  DivisionChange change;
  change.year = d->retired_in;
  change.retired = {3, code, d->name};
  change.successor = Lookup(d->successor).value_or(CodedDivision{3, d->successor, ""});
  return change;
}

}  // namespace

absl::StatusOr<std::string> CanonicalDivisionCode(absl::string_view code) {
  auto c = Digits(code);
  if (!c.ok()) return c.status();
  std::string prefix = Prefix(*c);
  // A retired county stands for its successor (in chains: 440524 -> 440582 -> 440513).
  return prefix.size() == 6 ? Prefix(Counties().Current(prefix)) : prefix;
}

absl::StatusOr<DivisionRecord> DescribeDivision(const geo::OneMap& map, absl::string_view code) {
  auto digits = Digits(code);
  if (!digits.ok()) return digits.status();
  const std::string prefix = Prefix(*digits);
  std::optional<CodedDivision> division = Lookup(prefix);
  if (!division) {
    return absl::NotFoundError(absl::StrCat("no division has the code ", code,
                                            " in the GB/T 2260 tables that ship with mdhub"));
  }
  DivisionRecord r;
  r.division = *division;
  for (size_t len : {2, 4, 6, 9}) {
    if (len >= prefix.size()) break;
    if (auto parent = Lookup(prefix.substr(0, len))) r.parents.push_back(*parent);
  }
  r.children = CountChildren(prefix);

  // The history: back through the codes retired into this one, forward through its successors.
  r.current = r.division;
  if (prefix.size() == 6) {
    std::vector<std::string> earlier = {prefix};
    for (size_t i = 0; i < earlier.size() && i < 64; ++i) {
      for (const std::string& c : Counties().CodesUnder(earlier[i].substr(0, 2), 6)) {
        if (Counties().IsRetired(c) && Counties().Find(c)->successor == earlier[i]) {
          r.history.push_back(Change(c));
          earlier.push_back(c);
        }
      }
    }
    std::string c = prefix;
    for (int hops = 0; hops < 8 && Counties().IsRetired(c); ++hops) {
      r.retired = true;
      r.history.push_back(Change(c));
      c = r.history.back().successor.code;
      r.current = r.history.back().successor;
    }
    std::sort(r.history.begin(), r.history.end(),
              [](const DivisionChange& a, const DivisionChange& b) {
                return a.year != b.year ? a.year < b.year : a.retired.code < b.retired.code;
              });
  }

  if (r.division.level <= 4) {
    const char* layer = geo::kDivisionLayers[r.division.level - 1];
    if (map.Info(layer).ok()) {
      auto f = map.features().GetFeature(layer, r.division.code);
      if (f.ok() && !f->deleted()) {
        r.layer_id = layer;
        r.feature_id = r.division.code;
        r.entity_id = f->entity_id();
      } else if (!f.ok() && f.status().code() != absl::StatusCode::kNotFound) {
        return f.status();
      }
    }
  }
  return r;
}

}  // namespace mdhub::links

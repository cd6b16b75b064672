#include "resolver/standardize/address.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/shared_memo.h"
#include "resolver/standardize/internal/place_names.h"

namespace mdhub::resolver {
namespace {

using internal::kCodeLength;
using internal::Level;
using internal::PlaceNames;

// Written before the divisions, and not part of them.
constexpr absl::string_view kCountryPrefixes[] = {"中华人民共和国", "中国"};
// What a bare name (南宁, 民生) must not run on into: it is then part of a road or place name.
constexpr absl::string_view kRunOns[] = {"路", "街", "道", "巷", "弄", "胡同", "桥", "村", "屯"};
// Separators written between the names of divisions.
constexpr absl::string_view kSeparators[] = {",", ";", ":", "-", "_", "/", "\\", "|", "、", "·"};
// More readings than this tying for the best are not told apart anyway.
constexpr size_t kMaxTies = 64;

size_t CharBytes(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

size_t SkipSeparators(absl::string_view text, size_t pos) {
  for (bool skipped = true; skipped;) {
    skipped = false;
    for (absl::string_view s : kSeparators) {
      if (absl::StartsWith(text.substr(pos), s)) {
        pos += s.size();
        skipped = true;
      }
    }
  }
  return pos;
}

bool RunsOn(absl::string_view text, size_t pos) {
  return std::any_of(std::begin(kRunOns), std::end(kRunOns),
                     [&](absl::string_view r) { return absl::StartsWith(text.substr(pos), r); });
}

// One division read from the text, ending at byte `end`.
struct Step {
  const std::string* code;
  size_t end;
};
using Reading = std::vector<Step>;

// Depth-first search over the ways the start of a text reads as a chain of divisions, each
// level below the one before and each code under the code before. The best readings cover the
// most text, then use the fewest bare names; all that tie are kept.
class Search {
 public:
  Search(const PlaceNames& names, absl::string_view text, size_t start)
      : names_(names), text_(text), start_(start), best_{Reading()}, best_end_(start) {}

  void From(size_t pos, int first_level) {
    Consider();
    const std::string& within = path_.empty() ? kNone : *path_.back().code;
    for (int l = first_level; l < internal::kLevels; ++l) {
      const Level level = static_cast<Level>(l);
      // A village is only looked for inside a known county: its names are common words.
      if (level == internal::kVillage && within.size() < kCodeLength[internal::kCounty]) continue;
      const size_t limit = std::min(text_.size(), pos + names_.max_form_bytes(level));
      for (size_t end = pos; end < limit;) {
        end += CharBytes(text_[end]);
        if (end > limit) break;
        const auto* readings = names_.Find(level, text_.substr(pos, end - pos));
        if (readings == nullptr) continue;
        for (const internal::PlaceReading& r : *readings) {
          if (!Fits(r, level, within, end)) continue;
          path_.push_back({&r.code, end});
          bare_ += r.bare;
          From(SkipSeparators(text_, end), l + 1);
          bare_ -= r.bare;
          path_.pop_back();
        }
      }
    }
  }

  // The finest division all best readings agree on, and where its name ends. A reading that
  // refines another (东莞市 read as prefecture or as county) agrees with it; readings that name
  // different divisions (城区 in three cities) agree only on what each wrote out.
  std::pair<std::string, size_t> Result() const {
    const Reading* finest = &best_.front();
    for (const Reading& r : best_) {
      if (!r.empty() && (finest->empty() || r.back().code->size() > finest->back().code->size())) {
        finest = &r;
      }
    }
    if (finest->empty()) return {"", start_};
    const bool chain = std::all_of(best_.begin(), best_.end(), [&](const Reading& r) {
      return absl::StartsWith(*finest->back().code, *r.back().code);
    });
    if (chain) return {*finest->back().code, finest->back().end};
    for (auto step = finest->rbegin(); step != finest->rend(); ++step) {
      const bool in_all = std::all_of(best_.begin(), best_.end(), [&](const Reading& r) {
        return std::any_of(r.begin(), r.end(), [&](const Step& s) { return *s.code == *step->code; });
      });
      if (in_all) return {*step->code, step->end};
    }
    return {"", start_};
  }

 private:
  // Whether a reading of the text up to `end` may follow `within` (the code read before).
  bool Fits(const internal::PlaceReading& r, Level level, const std::string& within,
            size_t end) const {
    if (!absl::StartsWith(r.code, within)) return false;
    if (!r.bare) return true;
    // A bare township name (民生) only right after its county: alone it is too common a word.
    if (level == internal::kTownship && within.size() != kCodeLength[internal::kCounty]) {
      return false;
    }
    return !RunsOn(text_, end);
  }

  void Consider() {
    const size_t end = path_.empty() ? start_ : path_.back().end;
    if (end > best_end_ || (end == best_end_ && bare_ < best_bare_)) {
      best_.assign(1, path_);
      best_end_ = end;
      best_bare_ = bare_;
    } else if (end == best_end_ && bare_ == best_bare_ && best_.size() < kMaxTies) {
      best_.push_back(path_);
    }
  }

  static inline const std::string kNone;
  const PlaceNames& names_;
  const absl::string_view text_;
  const size_t start_;
  Reading path_;
  int bare_ = 0;
  std::vector<Reading> best_;
  size_t best_end_;
  int best_bare_ = 0;
};

}  // namespace

const std::string& ParsedAddress::code() const {
  for (const std::string* c : {&village_code, &township_code, &county_code, &city_code}) {
    if (!c->empty()) return *c;
  }
  return province_code;
}

const AddressParser& AddressParser::Builtin() {
  static const AddressParser* parser =
      new AddressParser(DivisionTable::Builtin(), LocalDivisionTable::Builtin());
  return *parser;
}

AddressParser::AddressParser(const DivisionTable& divisions, const LocalDivisionTable& locals)
    : divisions_(divisions),
      locals_(locals),
      names_(std::make_unique<internal::PlaceNames>(divisions, locals)) {}

AddressParser::~AddressParser() = default;

ParsedAddress AddressParser::Parse(absl::string_view raw) const {
  const std::string text = internal::NormaliseAddressText(raw);
  size_t start = SkipSeparators(text, 0);
  for (absl::string_view prefix : kCountryPrefixes) {
    if (absl::StartsWith(absl::string_view(text).substr(start), prefix)) {
      start = SkipSeparators(text, start + prefix.size());
      break;
    }
  }
  Search search(*names_, text, start);
  search.From(start, internal::kProvince);
  auto [code, end] = search.Result();

  ParsedAddress a;
  std::string* codes[] = {&a.province_code, &a.city_code, &a.county_code, &a.township_code,
                          &a.village_code};
  std::string* names[] = {&a.province, &a.city, &a.county, &a.township, &a.village};
  for (int l = 0; l < internal::kLevels && kCodeLength[l] <= code.size(); ++l) {
    *codes[l] = code.substr(0, kCodeLength[l]);
    if (l <= internal::kCounty) {
      if (const DivisionTable::Division* d = divisions_.Find(*codes[l])) *names[l] = d->name;
    } else if (const LocalDivisionTable::Division* d = locals_.Find(*codes[l])) {
      *names[l] = d->name;
    }
  }
  a.detail = text.substr(SkipSeparators(text, end));
  return a;
}

ParsedAddress ParseAddress(absl::string_view raw) { return AddressParser::Builtin().Parse(raw); }

std::string StandardAddress(const ParsedAddress& address) {
  if (address.code().empty() && address.detail.empty()) return "";
  return absl::StrCat(address.code(), "|", address.detail);
}

std::string StandardAddress(absl::string_view raw) {
  static SharedMemo* const memo = new SharedMemo;
  return memo->Get(raw, [raw] { return StandardAddress(ParseAddress(raw)); });
}

std::string AddressCode(absl::string_view raw) {
  std::string standard = StandardAddress(raw);
  standard.resize(std::min(standard.find('|'), standard.size()));
  return standard;
}

}  // namespace mdhub::resolver

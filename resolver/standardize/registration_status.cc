#include "resolver/standardize/registration_status.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "resolver/standardize/name.h"
#include "resolver/standardize/values.h"

namespace mdhub::resolver {
namespace {

struct Rule {
  RegistrationState state;
  std::vector<absl::string_view> words;   // any of them in the text
  std::vector<absl::string_view> unless;  // ... unless one of these is there
};

// Checked in order: the terminal and penal states first, because a text often names the state
// before as well ("吊销，已注销" is deregistered; "吊销，未注销" only revoked).
const std::vector<Rule>& Rules() {
  static const auto* rules = new std::vector<Rule>{
      {RegistrationState::kDeregistered, {"注销", "deregistered", "cancelled"}, {"未注销"}},
      {RegistrationState::kRevoked, {"吊销", "revoked"}, {}},
      {RegistrationState::kAnnulled, {"撤销", "撤消", "annulled"}, {}},
      {RegistrationState::kInLiquidation, {"清算", "liquidation"}, {}},
      {RegistrationState::kMovedOut, {"迁出", "迁往", "已迁移", "moved_out", "moved out"}, {}},
      {RegistrationState::kSuspended, {"歇业", "停业", "暂停", "suspended"}, {}},
      // Marks of a tax or credit list, not of the registration: other (unless the text also
      // names the registration state, as "存续（经营异常）" does).
      {RegistrationState::kOther, {"非正常", "不正常", "异常"}, {"存续", "在营", "在业"}},
      {RegistrationState::kActive,
       {"存续", "在营", "开业", "在册", "在业", "正常", "登记", "成立", "设立", "迁入", "有效",
        "active"},
       {}},
  };
  return *rules;
}

const absl::TimeZone& ChinaStandardTime() {
  static const auto* tz = new absl::TimeZone(absl::FixedTimeZone(8 * 3600));
  return *tz;
}

const std::string* Attribute(const store::Record& r, absl::string_view name) {
  auto it = r.attributes().find(std::string(name));
  return it == r.attributes().end() ? nullptr : &it->second;
}

std::string Trimmed(const std::string* value) {
  return value == nullptr ? "" : std::string(absl::StripAsciiWhitespace(*value));
}

// The time an assertion is ordered by when it gives no date of its own.
int64_t FallbackTimeUs(const RegistrationStatus& s) {
  return s.source_time_us > 0 ? s.source_time_us : s.recorded_at_us;
}

}  // namespace

RegistrationState NormalizeRegistrationState(absl::string_view text) {
  std::string t;
  for (char c : HalfWidthSimplified(text)) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
      t.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    }
  }
  if (t.empty()) return RegistrationState::kUnspecified;
  for (int s = 1; s <= static_cast<int>(RegistrationState::kOther); ++s) {
    const auto state = static_cast<RegistrationState>(s);
    if (absl::EqualsIgnoreCase(t, RegistrationStateName(state))) return state;
  }
  for (const Rule& rule : Rules()) {
    auto in = [&t](absl::string_view w) { return absl::StrContains(t, w); };
    if (std::any_of(rule.words.begin(), rule.words.end(), in) &&
        std::none_of(rule.unless.begin(), rule.unless.end(), in)) {
      return rule.state;
    }
  }
  return RegistrationState::kOther;
}

absl::string_view RegistrationStateName(RegistrationState state) {
  switch (state) {
    case RegistrationState::kUnspecified:
      return "STATE_UNSPECIFIED";
    case RegistrationState::kActive:
      return "ACTIVE";
    case RegistrationState::kDeregistered:
      return "DEREGISTERED";
    case RegistrationState::kRevoked:
      return "REVOKED";
    case RegistrationState::kAnnulled:
      return "ANNULLED";
    case RegistrationState::kSuspended:
      return "SUSPENDED";
    case RegistrationState::kInLiquidation:
      return "IN_LIQUIDATION";
    case RegistrationState::kMovedOut:
      return "MOVED_OUT";
    case RegistrationState::kOther:
      return "OTHER";
  }
  return "STATE_UNSPECIFIED";
}

std::optional<absl::Time> StatusTime(absl::string_view raw) {
  raw = absl::StripAsciiWhitespace(raw);
  if (raw.empty()) return std::nullopt;
  absl::Time t;
  for (const char* format :
       {"%Y-%m-%d%ET%H:%M:%E*S%Ez", "%Y-%m-%d %H:%M:%E*S%Ez", "%Y-%m-%d%ET%H:%M:%E*S",
        "%Y-%m-%d %H:%M:%E*S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%E*S", "%Y/%m/%d %H:%M"}) {
    if (absl::ParseTime(format, raw, ChinaStandardTime(), &t, nullptr)) return t;
  }
  const std::string date = StandardDate(raw);
  if (date.empty()) return std::nullopt;
  absl::CivilDay day;
  if (!absl::ParseCivilTime(date.size() == 7 ? date + "-01" : date, &day)) return std::nullopt;
  return absl::FromCivil(day, ChinaStandardTime());
}

std::optional<RegistrationStatus> RegistrationStatusOf(const store::Record& record) {
  if (record.deleted()) return std::nullopt;
  RegistrationStatus s;
  s.source_text = Trimmed(Attribute(record, "status"));
  if (s.source_text.empty()) return std::nullopt;
  s.state = NormalizeRegistrationState(s.source_text);
  if (const std::string* date = Attribute(record, "status_date"); date != nullptr) {
    s.since = StatusTime(*date);
  }
  if (!s.since.has_value() && s.state == RegistrationState::kActive) {
    if (const std::string* date = Attribute(record, "established"); date != nullptr) {
      s.since = StatusTime(*date);
    }
  }
  s.authority = Trimmed(Attribute(record, "authority"));
  s.reason = Trimmed(Attribute(record, "status_reason"));
  s.asserted_by.set_source(record.source());
  s.asserted_by.set_record_key(record.record_key());
  s.source_time_us = record.source_time_us();
  s.recorded_at_us = record.recorded_at_us();
  return s;
}

bool AssertedBefore(const RegistrationStatus& a, const RegistrationStatus& b) {
  auto key = [](const RegistrationStatus& s) {
    const int64_t when = s.since.has_value() ? absl::ToUnixMicros(*s.since) : FallbackTimeUs(s);
    return std::make_tuple(when, s.source_time_us, s.recorded_at_us,
                           std::cref(s.asserted_by.source()),
                           std::cref(s.asserted_by.record_key()));
  };
  return key(a) < key(b);
}

std::optional<RegistrationStatus> CurrentRegistrationStatus(
    const std::vector<store::Record>& records) {
  std::optional<RegistrationStatus> current;
  for (const store::Record& r : records) {
    std::optional<RegistrationStatus> s = RegistrationStatusOf(r);
    if (s.has_value() && (!current.has_value() || AssertedBefore(*current, *s))) {
      current = std::move(s);
    }
  }
  return current;
}

}  // namespace mdhub::resolver

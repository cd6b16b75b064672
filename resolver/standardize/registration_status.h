// Registration status of a legal entity as a registration authority states it (存续, 注销, 吊销,
// 撤销 ...): the source's text normalised to one set of states over the vocabularies of business
// registration, civil affairs and the establishment office, and the status a record asserts.
#ifndef MDHUB_RESOLVER_STANDARDIZE_REGISTRATION_STATUS_H_
#define MDHUB_RESOLVER_STANDARDIZE_REGISTRATION_STATUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// The normalised states, numbered as mdhub.v1.RegistrationStatus.State (see its comments).
enum class RegistrationState {
  kUnspecified = 0,
  kActive = 1,
  kDeregistered = 2,
  kRevoked = 3,
  kAnnulled = 4,
  kSuspended = 5,
  kInLiquidation = 6,
  kMovedOut = 7,
  kOther = 8,
};

// The state a status text names. Full-width, traditional and spaced spellings read as the plain
// one; the state names of the API ("DEREGISTERED", any case) are read too.
//   存续（在营、开业、在册）, 在营, 开业, 在册, 在业, 正常, 登记, 成立, 迁入   -> kActive
//   注销, 已注销, 注销登记, 吊销，已注销                              -> kDeregistered
//   吊销, 吊销，未注销, 吊销营业执照                                  -> kRevoked
//   撤销, 撤销登记, 已撤销                                            -> kAnnulled
//   歇业, 停业, 暂停营业                                              -> kSuspended
//   清算, 清算中                                                      -> kInLiquidation
//   迁出, 已迁出, 迁往外地                                            -> kMovedOut
// Any other non-blank text (e.g. 经营异常, 非正常户: not registration states) is kOther; blank
// text is kUnspecified. Thread-safe.
RegistrationState NormalizeRegistrationState(absl::string_view text);

// The API's name of a state: "ACTIVE", "DEREGISTERED", ..., "STATE_UNSPECIFIED".
absl::string_view RegistrationStateName(RegistrationState state);

// A status date (status_date): a date in any form StandardDate reads, taken as 00:00 China
// Standard Time (UTC+8; a year and month only as its first day), or a date and time
// ("2020-05-01 10:30", "2020-05-01T10:30:00+08:00"; UTC+8 unless it names an offset).
// nullopt when it cannot be read.
std::optional<absl::Time> StatusTime(absl::string_view raw);

// What one record says about the registration status of its legal entity.
struct RegistrationStatus {
  RegistrationState state = RegistrationState::kUnspecified;
  // The record's `status` attribute as written.
  std::string source_text;
  // Since when the state holds: the record's status_date; for kActive without one, its
  // `established` date. nullopt when the record gives neither (or they cannot be read).
  std::optional<absl::Time> since;
  // The `authority` and `status_reason` attributes, as written.
  std::string authority;
  std::string reason;
  // The record, and its source and transaction times (which order assertions without a date).
  store::RecordRef asserted_by;
  int64_t source_time_us = 0;
  int64_t recorded_at_us = 0;
};

// The status a legal-entity record asserts; nullopt when it has no non-blank `status` attribute
// (or is a tombstone).
std::optional<RegistrationStatus> RegistrationStatusOf(const store::Record& record);

// Whether `a` was asserted before `b`: by since (the record's source time, else its transaction
// time, when it has none), then source time, then transaction time, then the record's name, so
// that the order does not depend on the order records are read in.
bool AssertedBefore(const RegistrationStatus& a, const RegistrationStatus& b);

// The most recent status (AssertedBefore) that the records assert; nullopt when none asserts one.
std::optional<RegistrationStatus> CurrentRegistrationStatus(
    const std::vector<store::Record>& records);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_REGISTRATION_STATUS_H_

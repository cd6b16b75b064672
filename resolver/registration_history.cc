#include "resolver/registration_history.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"

namespace mdhub::resolver {
namespace {

constexpr int kMaxVersions = 1000;

using RefKey = std::pair<std::string, std::string>;

RefKey KeyOf(const store::RecordRef& ref) { return {ref.source(), ref.record_key()}; }

bool SameAssertion(const RegistrationStatus& a, const RegistrationStatus& b) {
  return KeyOf(a.asserted_by) == KeyOf(b.asserted_by) && a.state == b.state &&
         a.source_text == b.source_text && a.since == b.since && a.authority == b.authority &&
         a.reason == b.reason;
}

// The member records of `entity` as they were at `as_of` (tombstones left out).
absl::StatusOr<std::vector<store::Record>> Members(const store::EntityStore& store,
                                                   const store::Entity& entity,
                                                   std::optional<absl::Time> as_of) {
  std::vector<store::Record> out;
  for (const store::RecordRef& ref : entity.members()) {
    auto r = store.GetRecord(ref.source(), ref.record_key(), as_of);
    if (absl::IsNotFound(r.status())) continue;
    if (!r.ok()) return r.status();
    if (!r->deleted()) out.push_back(*std::move(r));
  }
  return out;
}

// The statuses that the members asserted in earlier versions: each version of the entity names
// the record whose change produced it, read as it was then.
absl::StatusOr<std::vector<RegistrationStatus>> EarlierAssertions(const store::EntityStore& store,
                                                                  const store::Entity& entity,
                                                                  std::optional<absl::Time> as_of) {
  std::set<RefKey> members;
  for (const store::RecordRef& ref : entity.members()) members.insert(KeyOf(ref));
  auto versions = store.ListEntityVersions(entity.id(), kMaxVersions);
  if (!versions.ok()) return versions.status();
  std::vector<RegistrationStatus> out;
  std::set<std::pair<RefKey, int64_t>> read;  // (record, record version) already read
  for (const store::Entity& v : *versions) {
    if (as_of.has_value() && absl::FromUnixMicros(v.updated_at_us()) > *as_of) continue;
    if (!members.count(KeyOf(v.cause()))) continue;
    auto r = store.GetRecord(v.cause().source(), v.cause().record_key(),
                             absl::FromUnixMicros(v.updated_at_us()));
    if (absl::IsNotFound(r.status())) continue;
    if (!r.ok()) return r.status();
    if (!read.insert({KeyOf(v.cause()), r->version()}).second) continue;
    if (std::optional<RegistrationStatus> s = RegistrationStatusOf(*r); s.has_value()) {
      out.push_back(*std::move(s));
    }
  }
  return out;
}

// Earlier states from the assertions: those before `current`, in order, one per run of a state.
std::vector<RegistrationStatus> History(std::vector<RegistrationStatus> assertions,
                                        const RegistrationStatus& current) {
  std::sort(assertions.begin(), assertions.end(), AssertedBefore);
  std::vector<RegistrationStatus> out;
  for (RegistrationStatus& s : assertions) {
    if (!AssertedBefore(s, current) || SameAssertion(s, current)) continue;
    if (!out.empty() && out.back().state == s.state) continue;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::optional<RegistrationStatus>> ReadCurrentRegistrationStatus(
    const store::EntityStore& store, const store::Entity& entity) {
  auto members = Members(store, entity, std::nullopt);
  if (!members.ok()) return members.status();
  return CurrentRegistrationStatus(*members);
}

absl::StatusOr<RegistrationReport> ReadRegistrationStatus(const store::EntityStore& store,
                                                          absl::string_view entity_id,
                                                          std::optional<absl::Time> as_of,
                                                          bool include_history) {
  auto entity = store.GetEntity(entity_id, as_of);
  if (!entity.ok()) return entity.status();
  if (entity->kind() != store::LEGAL_ENTITY) {
    return absl::NotFoundError(absl::StrCat("no LEGAL_ENTITY ", entity_id));
  }
  RegistrationReport report;
  report.entity_id = entity->id();
  auto members = Members(store, *entity, as_of);
  if (!members.ok()) return members.status();
  report.current = CurrentRegistrationStatus(*members);
  if (!include_history || !report.current.has_value()) return report;
  auto earlier = EarlierAssertions(store, *entity, as_of);
  if (!earlier.ok()) return earlier.status();
  for (const store::Record& r : *members) {
    if (std::optional<RegistrationStatus> s = RegistrationStatusOf(r); s.has_value()) {
      earlier->push_back(*std::move(s));
    }
  }
  report.history = History(*std::move(earlier), *report.current);
  return report;
}

}  // namespace mdhub::resolver

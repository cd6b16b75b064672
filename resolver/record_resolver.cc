#include "resolver/record_resolver.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "resolver/internal/apply.h"
#include "resolver/record_validation.h"

namespace mdhub::resolver {
absl::Status RecordResolver::Validate(const Mutation& m, absl::string_view prefix) {
  auto field = [prefix](absl::string_view name) {
    return prefix.empty() ? std::string(name) : absl::StrCat(prefix, ".", name);
  };
  if (m.is_delete) {
    if (auto s = ValidateSource(m.record.source(), field("source")); !s.ok()) return s;
    return ValidateRecordKey(m.record.record_key(), field("record_key"));
  }
  if (m.record.kind() == store::KIND_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat(field("kind"), ": is required"));
  }
  return ValidateRecord(m.record, prefix);
}

std::vector<Mutation> RecordResolver::Prepare(const std::vector<Mutation>& mutations,
                                              const std::vector<absl::Status>& invalid) const {
  std::vector<Mutation> out = mutations;
  for (size_t i = 0; i < out.size(); ++i) {
    const MatchProfile* p = profile(out[i].record.kind());
    if (p != nullptr && invalid[i].ok() && !out[i].is_delete) {
      internal::PrepareForMatching(*p, out[i].record);
    }
  }
  return out;
}

absl::StatusOr<MutationOutcome> RecordResolver::Apply(const Mutation& mutation,
                                                      absl::string_view field_prefix,
                                                      store::AuditEntry* audit) {
  auto results = ApplyBatch({mutation}, field_prefix, audit);
  if (!results.ok()) return results.status();
  return std::move((*results)[0]);
}

absl::StatusOr<std::vector<absl::StatusOr<MutationOutcome>>> RecordResolver::ApplyBatch(
    const std::vector<Mutation>& mutations, absl::string_view field_prefix,
    store::AuditEntry* audit) {
  std::vector<absl::Status> invalid;
  invalid.reserve(mutations.size());
  bool any_valid = false;
  for (const Mutation& m : mutations) {
    invalid.push_back(Validate(m, field_prefix));
    any_valid = any_valid || invalid.back().ok();
  }
  std::vector<absl::StatusOr<MutationOutcome>> results;
  auto fill_rejections = [&] {
    results.clear();
    for (const absl::Status& s : invalid) {
      results.emplace_back(s.ok() ? absl::InternalError("not applied") : s);
    }
  };
  fill_rejections();
  if (!any_valid && audit == nullptr) return results;
  const std::vector<Mutation> prepared = Prepare(mutations, invalid);
  const store::AuditEntry audit_base = audit != nullptr ? *audit : store::AuditEntry();
  std::optional<store::EntityStore::AuditedBy> audited;
  if (audit != nullptr && audit_log_ != nullptr) {
    audited.emplace(store::EntityStore::AuditedBy{*audit_log_, *audit});
  }
  auto committed = store_.Write(
      [&](store::EntityWrite& w) -> absl::Status {
        fill_rejections();  // the write may run again after a conflict
        for (size_t i = 0; i < mutations.size(); ++i) {
          if (!invalid[i].ok()) continue;
          auto applied =
              internal::ApplyInWrite(prepared[i], profile(prepared[i].record.kind()), w);
          if (!applied.ok()) return applied.status();
          results[i] = *std::move(applied);
        }
        if (audit != nullptr) {
          *audit = audit_base;
          internal::DescribeForAudit(mutations, results, *audit);
        }
        return absl::OkStatus();
      },
      audited.has_value() ? &*audited : nullptr);
  if (!committed.ok()) return committed.status();
  return results;
}

}  // namespace mdhub::resolver

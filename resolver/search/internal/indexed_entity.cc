#include "resolver/search/internal/indexed_entity.h"

#include "absl/strings/str_cat.h"

namespace mdhub::resolver::internal {

absl::Status CheckPage(int limit, int offset) {
  if (limit <= 0 || offset < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a page needs limit >= 1 and offset >= 0; got limit ", limit, ", offset ", offset));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<store::Entity>> ReadIndexedEntity(
    const store::EntityStore& store, store::Kind kind, const std::string& id,
    absl::flat_hash_set<std::string>& seen) {
  auto e = store.GetEntity(id);
  if (absl::IsNotFound(e.status())) return std::nullopt;
  if (!e.ok()) return e.status();
  if (e->kind() != kind || e->retired() || !seen.insert(e->id()).second) return std::nullopt;
  return *std::move(e);
}

}  // namespace mdhub::resolver::internal

// Key layout of the entity store in the ordered keyspace. Every key starts with a one-byte table
// tag; variable-length parts are NUL-terminated (validated upstream to contain no NUL) and numbers
// are 8-byte big-endian so that byte order is numeric order.
#ifndef MDHUB_STORE_INTERNAL_KEYS_H_
#define MDHUB_STORE_INTERNAL_KEYS_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "store/model.pb.h"

namespace mdhub::store::keys {

// Current version of a record: R source \0 record_key
std::string Record(absl::string_view source, absl::string_view record_key);
// Superseded versions of a record (the current one is under Record):
//   H source \0 record_key \0 be64(version)
std::string RecordVersion(absl::string_view source, absl::string_view record_key, int64_t version);
std::string RecordVersionPrefix(absl::string_view source, absl::string_view record_key);
// Current version of an entity: E id
std::string Entity(absl::string_view id);
// Superseded versions of an entity (the current one is under Entity): V id \0 be64(version)
std::string EntityVersion(absl::string_view id, int64_t version);
std::string EntityVersionPrefix(absl::string_view id);
// Identifier index: I kind type \0 value \0 entity_id -> ""
std::string Identifier(Kind kind, absl::string_view type, absl::string_view value,
                       absl::string_view entity_id);
std::string IdentifierPrefix(Kind kind, absl::string_view type, absl::string_view value);
// Blocking index: B kind key \0 source \0 record_key -> BlockEntry
std::string BlockPrefix(Kind kind, absl::string_view blocking_key);
std::string Block(Kind kind, absl::string_view blocking_key, absl::string_view source,
                  absl::string_view record_key);
// Search index: X kind term \0 entity_id -> ""
std::string SearchTermPrefix(Kind kind, absl::string_view term);
std::string SearchTerm(Kind kind, absl::string_view term, absl::string_view entity_id);
// Steward decisions: D source \0 key \0 other_source \0 other_key -> PairDecision (both orders)
std::string PairDecisionPrefix(absl::string_view source, absl::string_view record_key);
std::string PairDecision(absl::string_view source, absl::string_view record_key,
                         absl::string_view other_source, absl::string_view other_key);
// Review queue: Q left_source \0 left_key \0 right_source \0 right_key -> ReviewItem
std::string ReviewItem(absl::string_view left_source, absl::string_view left_key,
                       absl::string_view right_source, absl::string_view right_key);
// Change log: C be64(sequence)
std::string Change(int64_t sequence);
// Audit log: A be64(sequence)
std::string Audit(uint64_t sequence);
// Layers of the one map: Y layer_id -> Layer; y layer_id -> LayerStats
std::string Layer(absl::string_view layer_id);
std::string LayerStats(absl::string_view layer_id);
// Current version of a feature: F layer_id \0 feature_id -> Feature
std::string Feature(absl::string_view layer_id, absl::string_view feature_id);
std::string FeaturePrefix(absl::string_view layer_id);
// Superseded versions: W layer_id \0 feature_id \0 be64(version) -> Feature
std::string FeatureVersionPrefix(absl::string_view layer_id, absl::string_view feature_id);
std::string FeatureVersion(absl::string_view layer_id, absl::string_view feature_id,
                           int64_t version);
// Feature entity ids: f entity_id -> layer_id \0 feature_id
std::string FeatureEntity(absl::string_view entity_id);
// Spatial index of current features: G layer_id \0 be64(cell) feature_id -> CellEntry bytes
std::string SpatialCellPrefix(absl::string_view layer_id);
std::string SpatialCell(absl::string_view layer_id, uint64_t cell, absl::string_view feature_id);
// Spatial index of superseded versions (for as-of queries):
//   g layer_id \0 be64(cell) feature_id \0 be64(version) -> CellEntry bytes
std::string SpatialHistoryPrefix(absl::string_view layer_id);
std::string SpatialHistory(absl::string_view layer_id, uint64_t cell,
                           absl::string_view feature_id, int64_t version);
// Counters and other metadata: M name
std::string Meta(absl::string_view name);

// The prefix that a scan of one block (blocking index), one identifier (identifier index) or one
// record's decisions reads: through the first separator of a blocking-index key, through the
// second of an identifier-index or decision key. "" for keys of other tables. The RocksDB
// backend keeps prefix filters of it, so that such a scan skips the files without the prefix.
absl::string_view ScanUnit(absl::string_view key);

// The part of a key that writes and planned reads meet on (see EntityStore::PlanningView): the
// whole key of a record or entity; the scanned prefix of a blocking-index, identifier-index or
// steward-decision key. "" for other tables, whose keys planning does not track.
absl::string_view DependencyUnit(absl::string_view key);

// The smallest key greater than every key starting with prefix.
std::string PrefixEnd(absl::string_view prefix);

void AppendBigEndian64(uint64_t v, std::string* out);
uint64_t ReadBigEndian64(absl::string_view bytes);

}  // namespace mdhub::store::keys

#endif  // MDHUB_STORE_INTERNAL_KEYS_H_

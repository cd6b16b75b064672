#include "store/internal/keys.h"

#include "absl/strings/str_cat.h"

namespace mdhub::store::keys {
namespace {

constexpr char kSep = '\0';

std::string Join2(char tag, absl::string_view a, absl::string_view b) {
  std::string k;
  k.reserve(2 + a.size() + b.size());
  k.push_back(tag);
  k.append(a.data(), a.size());
  k.push_back(kSep);
  k.append(b.data(), b.size());
  return k;
}

}  // namespace

void AppendBigEndian64(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint64_t ReadBigEndian64(absl::string_view bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < bytes.size(); ++i) {
    v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  }
  return v;
}

std::string Record(absl::string_view source, absl::string_view record_key) {
  return Join2('R', source, record_key);
}

std::string RecordVersionPrefix(absl::string_view source, absl::string_view record_key) {
  std::string k = Join2('H', source, record_key);
  k.push_back(kSep);
  return k;
}

std::string RecordVersion(absl::string_view source, absl::string_view record_key,
                          int64_t version) {
  std::string k = RecordVersionPrefix(source, record_key);
  AppendBigEndian64(static_cast<uint64_t>(version), &k);
  return k;
}

std::string Entity(absl::string_view id) { return absl::StrCat("E", id); }

std::string EntityVersionPrefix(absl::string_view id) {
  std::string k = absl::StrCat("V", id);
  k.push_back(kSep);
  return k;
}

std::string EntityVersion(absl::string_view id, int64_t version) {
  std::string k = EntityVersionPrefix(id);
  AppendBigEndian64(static_cast<uint64_t>(version), &k);
  return k;
}

std::string IdentifierPrefix(Kind kind, absl::string_view type, absl::string_view value) {
  std::string k = Join2('I', std::string(1, static_cast<char>('0' + kind)) + std::string(type),
                        value);
  k.push_back(kSep);
  return k;
}

std::string Identifier(Kind kind, absl::string_view type, absl::string_view value,
                       absl::string_view entity_id) {
  return absl::StrCat(IdentifierPrefix(kind, type, value), entity_id);
}

namespace {

std::string KindTagged(char tag, Kind kind, absl::string_view term) {
  std::string k;
  k.reserve(3 + term.size());
  k.push_back(tag);
  k.push_back(static_cast<char>('0' + kind));
  k.append(term.data(), term.size());
  k.push_back(kSep);
  return k;
}

std::string Pair(char tag, absl::string_view a_source, absl::string_view a_key,
                 absl::string_view b_source, absl::string_view b_key) {
  std::string k = Join2(tag, a_source, a_key);
  k.push_back(kSep);
  absl::StrAppend(&k, b_source);
  k.push_back(kSep);
  absl::StrAppend(&k, b_key);
  return k;
}

}  // namespace

std::string BlockPrefix(Kind kind, absl::string_view blocking_key) {
  return KindTagged('B', kind, blocking_key);
}

std::string Block(Kind kind, absl::string_view blocking_key, absl::string_view source,
                  absl::string_view record_key) {
  std::string k = BlockPrefix(kind, blocking_key);
  absl::StrAppend(&k, source);
  k.push_back(kSep);
  absl::StrAppend(&k, record_key);
  return k;
}

std::string SearchTermPrefix(Kind kind, absl::string_view term) {
  return KindTagged('X', kind, term);
}

std::string SearchTerm(Kind kind, absl::string_view term, absl::string_view entity_id) {
  return absl::StrCat(SearchTermPrefix(kind, term), entity_id);
}

std::string PairDecisionPrefix(absl::string_view source, absl::string_view record_key) {
  std::string k = Join2('D', source, record_key);
  k.push_back(kSep);
  return k;
}

std::string PairDecision(absl::string_view source, absl::string_view record_key,
                         absl::string_view other_source, absl::string_view other_key) {
  return Pair('D', source, record_key, other_source, other_key);
}

std::string ReviewItem(absl::string_view left_source, absl::string_view left_key,
                       absl::string_view right_source, absl::string_view right_key) {
  return Pair('Q', left_source, left_key, right_source, right_key);
}

std::string Change(int64_t sequence) {
  std::string k = "C";
  AppendBigEndian64(static_cast<uint64_t>(sequence), &k);
  return k;
}

std::string Audit(uint64_t sequence) {
  std::string k = "A";
  AppendBigEndian64(sequence, &k);
  return k;
}

std::string Layer(absl::string_view layer_id) { return absl::StrCat("Y", layer_id); }

std::string LayerStats(absl::string_view layer_id) { return absl::StrCat("y", layer_id); }

std::string Feature(absl::string_view layer_id, absl::string_view feature_id) {
  return Join2('F', layer_id, feature_id);
}

std::string FeaturePrefix(absl::string_view layer_id) { return Join2('F', layer_id, ""); }

std::string FeatureVersionPrefix(absl::string_view layer_id, absl::string_view feature_id) {
  std::string k = Join2('W', layer_id, feature_id);
  k.push_back(kSep);
  return k;
}

std::string FeatureVersion(absl::string_view layer_id, absl::string_view feature_id,
                           int64_t version) {
  std::string k = FeatureVersionPrefix(layer_id, feature_id);
  AppendBigEndian64(static_cast<uint64_t>(version), &k);
  return k;
}

std::string FeatureEntity(absl::string_view entity_id) { return absl::StrCat("f", entity_id); }

std::string SpatialCellPrefix(absl::string_view layer_id) { return Join2('G', layer_id, ""); }

std::string SpatialCell(absl::string_view layer_id, uint64_t cell, absl::string_view feature_id) {
  std::string k = SpatialCellPrefix(layer_id);
  AppendBigEndian64(cell, &k);
  k.append(feature_id.data(), feature_id.size());
  return k;
}

std::string SpatialHistoryPrefix(absl::string_view layer_id) { return Join2('g', layer_id, ""); }

std::string SpatialHistory(absl::string_view layer_id, uint64_t cell,
                           absl::string_view feature_id, int64_t version) {
  std::string k = SpatialHistoryPrefix(layer_id);
  AppendBigEndian64(cell, &k);
  k.append(feature_id.data(), feature_id.size());
  k.push_back(kSep);
  AppendBigEndian64(static_cast<uint64_t>(version), &k);
  return k;
}

std::string Meta(absl::string_view name) { return absl::StrCat("M", name); }

namespace {

// The key up to and including its n-th separator; "" when it has fewer.
absl::string_view ThroughSeparator(absl::string_view key, int n) {
  size_t at = 0;
  for (int i = 0; i < n; ++i) {
    at = key.find(kSep, at);
    if (at == absl::string_view::npos) return {};
    ++at;
  }
  return key.substr(0, at);
}

}  // namespace

absl::string_view ScanUnit(absl::string_view key) {
  if (key.empty()) return {};
  switch (key[0]) {
    case 'B':
      return ThroughSeparator(key, 1);
    case 'I':
    case 'D':
      return ThroughSeparator(key, 2);
    default:
      return {};
  }
}

absl::string_view DependencyUnit(absl::string_view key) {
  if (!key.empty() && (key[0] == 'R' || key[0] == 'E')) return key;
  return ScanUnit(key);
}

std::string PrefixEnd(absl::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    unsigned char last = static_cast<unsigned char>(end.back());
    if (last != 0xff) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();
  }
  return end;  // every key: an empty end means "to the end"
}

}  // namespace mdhub::store::keys

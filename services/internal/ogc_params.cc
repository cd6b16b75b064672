#include "services/internal/ogc_params.h"

#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace mdhub::services::internal {
namespace {

constexpr int kDefaultLimit = 10;
constexpr int kMaxLimit = 10000;
constexpr int kMaxDepth = 100000;  // offset + limit
constexpr int kFixedEpsg[] = {4490, 4326, 3857};

absl::Status Bad(absl::string_view param, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(param, ": ", problem));
}

const std::string* Get(const OgcParams& params, absl::string_view name) {
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

bool IsCrs84(absl::string_view text) {
  return absl::EndsWithIgnoreCase(absl::StripAsciiWhitespace(text), "crs84");
}

}  // namespace

absl::StatusOr<OgcCrsList> OgcCrsList::Create() {
  OgcCrsList list;
  absl::StatusOr<geo::Crs> wgs84 = geo::Crs::Parse(kCrs84Uri);
  if (!wgs84.ok()) return wgs84.status();
  list.fixed_.push_back({*wgs84, kCrs84Uri, false});
  for (int epsg : kFixedEpsg) {
    absl::StatusOr<geo::Crs> crs = geo::Crs::FromEpsg(epsg);
    if (!crs.ok()) return crs.status();
    list.fixed_.push_back(Storage(*crs));
  }
  return list;
}

OgcCrs OgcCrsList::Storage(const geo::Crs& storage) {
  return {storage, storage.uri(), storage.geographic()};
}

std::vector<OgcCrs> OgcCrsList::For(const geo::Crs& storage) const {
  std::vector<OgcCrs> out = fixed_;
  bool listed = false;
  for (size_t i = 1; i < fixed_.size(); ++i) listed = listed || fixed_[i].crs == storage;
  if (!listed) out.push_back(Storage(storage));
  return out;
}

absl::StatusOr<OgcCrs> OgcCrsList::Find(absl::string_view text, const geo::Crs& storage,
                                        absl::string_view param) const {
  std::vector<OgcCrs> offered = For(storage);
  auto refuse = [&](absl::string_view why) {
    std::vector<std::string> uris;
    for (const OgcCrs& c : offered) uris.push_back(c.uri);
    return Bad(param,
               absl::StrCat(why, "; this collection is served in ", absl::StrJoin(uris, ", ")));
  };
  absl::StatusOr<geo::Crs> crs = geo::Crs::Parse(text);
  if (!crs.ok()) return refuse(crs.status().message());
  if (IsCrs84(text)) return crs84();
  for (size_t i = 1; i < offered.size(); ++i) {
    if (offered[i].crs == *crs) return offered[i];
  }
  return refuse(absl::StrCat("\"", text, "\" is not offered"));
}

absl::StatusOr<int> ParseLimit(const OgcParams& params) {
  const std::string* text = Get(params, "limit");
  if (text == nullptr) return kDefaultLimit;
  int64_t limit = 0;
  if (!absl::SimpleAtoi(*text, &limit) || limit < 1) {
    return Bad("limit", absl::StrCat("\"", *text, "\" is not an integer of at least 1"));
  }
  return static_cast<int>(std::min<int64_t>(limit, kMaxLimit));
}

absl::StatusOr<int> ParseOffset(const OgcParams& params, int limit) {
  const std::string* text = Get(params, "offset");
  if (text == nullptr) return 0;
  int64_t offset = 0;
  if (!absl::SimpleAtoi(*text, &offset) || offset < 0) {
    return Bad("offset", absl::StrCat("\"", *text, "\" is not an integer of at least 0"));
  }
  if (offset + limit > kMaxDepth) {
    return Bad("offset", absl::StrCat("offset + limit must not exceed ", kMaxDepth,
                                      ": narrow the query (bbox, property filters) instead"));
  }
  return static_cast<int>(offset);
}

absl::StatusOr<geo::Box> ParseBbox(absl::string_view text, const OgcCrs& crs) {
  std::vector<double> v;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    double d = 0;
    if (!absl::SimpleAtod(absl::StripAsciiWhitespace(part), &d) || !std::isfinite(d)) {
      return Bad("bbox", absl::StrCat("\"", part, "\" is not a number"));
    }
    v.push_back(d);
  }
  if (v.size() == 6) v = {v[0], v[1], v[3], v[4]};
  if (v.size() != 4) {
    return Bad("bbox", "give 4 numbers (minx,miny,maxx,maxy) or 6 (with heights)");
  }
  if (crs.lat_first) v = {v[1], v[0], v[3], v[2]};
  geo::Box box{v[0], v[1], v[2], v[3]};
  if (box.min_x > box.max_x) {
    return Bad("bbox", "the lower corner's x (longitude, easting) is greater than the upper's; "
                       "boxes across the antimeridian are not supported: split the box in two");
  }
  if (box.min_y > box.max_y) {
    return Bad("bbox", "the lower corner's y (latitude, northing) is greater than the upper's");
  }
  return box;
}

absl::StatusOr<absl::Time> ParseDatetime(absl::string_view text) {
  if (absl::StrContains(text, '/')) {
    return Bad("datetime", "intervals are not supported: give one RFC 3339 instant, the "
                           "transaction time to read the collection as of");
  }
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &t, &error)) {
    return Bad("datetime", absl::StrCat("\"", text, "\" is not an RFC 3339 instant such as "
                                        "2026-01-01T08:00:00Z"));
  }
  return t;
}

absl::Status CheckFormat(const OgcParams& params) {
  const std::string* f = Get(params, "f");
  if (f == nullptr || absl::EqualsIgnoreCase(*f, "json") || absl::EqualsIgnoreCase(*f, "geojson")) {
    return absl::OkStatus();
  }
  return Bad("f", absl::StrCat("\"", *f, "\" is not served: only json (GeoJSON for features)"));
}

absl::Status CheckParamNames(const OgcParams& params, const std::vector<absl::string_view>& known,
                             const store::Layer* layer) {
  for (const auto& [name, value] : params) {
    bool ok = false;
    for (absl::string_view k : known) ok = ok || k == name;
    if (ok || (layer != nullptr && geo::FindProperty(*layer, name) != nullptr)) continue;
    return Bad(name, absl::StrCat("unknown query parameter (known here: ",
                                  absl::StrJoin(known, ", "),
                                  layer != nullptr ? " and the collection's property names" : "",
                                  ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<geo::AttributeFilter>> PropertyFilters(const OgcParams& params,
                                                                  const store::Layer& layer) {
  std::vector<geo::AttributeFilter> out;
  for (const store::PropertyDef& def : layer.schema()) {
    const std::string* text = Get(params, def.name());
    if (text == nullptr) continue;
    geo::InputValue value;
    switch (def.type()) {
      case store::PropertyDef::INTEGER:
      case store::PropertyDef::DOUBLE:
        value.kind = geo::InputValue::kNumber;
        if (!absl::SimpleAtod(*text, &value.number_value)) {
          return Bad(def.name(), absl::StrCat("\"", *text, "\" is not a number"));
        }
        break;
      case store::PropertyDef::BOOLEAN:
        value.kind = geo::InputValue::kBool;
        if (!absl::SimpleAtob(*text, &value.bool_value)) {
          return Bad(def.name(), absl::StrCat("\"", *text, "\" is not true or false"));
        }
        break;
      default:
        value.kind = geo::InputValue::kString;
        value.string_value = *text;
        break;
    }
    // The conversion a stored value would get: rejects 1.5 for an INTEGER, a malformed date...
    if (absl::Status s = geo::ToPropertyValue(def, value, def.name()).status(); !s.ok()) return s;
    out.push_back({def.name(), geo::AttributeFilter::kEqual, {std::move(value)}});
  }
  return out;
}

std::string UrlEncode(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string QueryString(const OgcParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    absl::StrAppend(&out, out.empty() ? "?" : "&", UrlEncode(name), "=", UrlEncode(value));
  }
  return out;
}

}  // namespace mdhub::services::internal

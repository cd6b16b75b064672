// The OGC API – Features request vocabulary: query parameters (limit, offset, bbox, datetime,
// property filters), CRSs named by reference (Part 2) with their axis order, and link URLs.
// Parsing only; the resources are in ogc_features.h.
#ifndef MDHUB_SERVICES_INTERNAL_OGC_PARAMS_H_
#define MDHUB_SERVICES_INTERNAL_OGC_PARAMS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "geo/crs.h"
#include "geo/properties.h"
#include "store/model.pb.h"

namespace mdhub::services::internal {

// Query parameters by name; a name given twice is refused by the gateway before they get here.
using OgcParams = std::map<std::string, std::string, std::less<>>;

inline constexpr char kCrs84Uri[] = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

// A CRS as OGC API names it, with the axis order its coordinates are written in: CRS84 is
// longitude/latitude, EPSG's geographic CRSs (4326, 4490) are latitude/longitude (Part 2: the
// CRS's own axis order), projected ones easting/northing.
struct OgcCrs {
  geo::Crs crs;
  std::string uri;
  bool lat_first = false;  // coordinates are (y, x)
};

// The CRSs a collection is offered in: CRS84, EPSG:4490, EPSG:4326, EPSG:3857 and, when it is
// none of them, the storage CRS. Immutable; thread-safe.
class OgcCrsList {
 public:
  // INVALID_ARGUMENT when PROJ lacks one of the fixed CRSs.
  static absl::StatusOr<OgcCrsList> Create();

  // The list for a collection stored in `storage`.
  std::vector<OgcCrs> For(const geo::Crs& storage) const;
  const OgcCrs& crs84() const { return fixed_.front(); }
  // The storage CRS as OGC names it.
  static OgcCrs Storage(const geo::Crs& storage);
  // The entry of For(storage) that `text` names: a URI, "EPSG:n" or a CRS84 spelling.
  // INVALID_ARGUMENT "<param>: ..." listing the offered URIs when it is not one of them.
  absl::StatusOr<OgcCrs> Find(absl::string_view text, const geo::Crs& storage,
                              absl::string_view param) const;

 private:
  std::vector<OgcCrs> fixed_;
};

// limit: 1 or more (default 10); values above 10000 are served as 10000 (Part 1 lets a server
// cap it). INVALID_ARGUMENT "limit: ..." otherwise.
absl::StatusOr<int> ParseLimit(const OgcParams& params);
// offset: 0 or more (default 0); offset + limit at most 100000. INVALID_ARGUMENT "offset: ...".
absl::StatusOr<int> ParseOffset(const OgcParams& params, int limit);
// bbox: "minx,miny,maxx,maxy" or with heights "minx,miny,minz,maxx,maxy,maxz" (heights ignored),
// in the axis order of `crs`; returned as x/y. INVALID_ARGUMENT "bbox: ..." for malformed text,
// min above max (boxes across the antimeridian are not supported), NaN or infinities.
absl::StatusOr<geo::Box> ParseBbox(absl::string_view text, const OgcCrs& crs);
// datetime as the transaction time to read as of: an RFC 3339 instant. INVALID_ARGUMENT
// "datetime: ..." for intervals and malformed text.
absl::StatusOr<absl::Time> ParseDatetime(absl::string_view text);
// f: json or geojson (any case); INVALID_ARGUMENT "f: ..." otherwise.
absl::Status CheckFormat(const OgcParams& params);
// INVALID_ARGUMENT "<name>: unknown query parameter ..." for a parameter that is neither in
// `known` nor, when `layer` is given, a property of its schema.
absl::Status CheckParamNames(const OgcParams& params, const std::vector<absl::string_view>& known,
                             const store::Layer* layer);
// Equality filters for the parameters named after schema properties (OGC Part 1 §7.15.5),
// values converted to the property's type. INVALID_ARGUMENT "<name>: ..." when a value does not
// fit its property.
absl::StatusOr<std::vector<geo::AttributeFilter>> PropertyFilters(const OgcParams& params,
                                                                  const store::Layer& layer);

// Percent-encodes everything but RFC 3986 unreserved characters (for ids in paths, values in
// queries).
std::string UrlEncode(absl::string_view text);
// "?k=v&..." of the parameters (values encoded), "" when there are none.
std::string QueryString(const OgcParams& params);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_OGC_PARAMS_H_

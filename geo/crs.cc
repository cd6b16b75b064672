#include "geo/crs.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <map>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"

namespace mdhub::geo {
namespace {

constexpr char kGcjMessage[] =
    "GCJ-02 is an obfuscated offset of WGS84, not a datum: convert the data to WGS84 (EPSG:4326) "
    "or CGCS2000 (EPSG:4490) before loading";
constexpr char kBdMessage[] =
    "BD-09 is an obfuscated offset of GCJ-02 (itself an offset of WGS84), not a datum: convert "
    "the data to WGS84 (EPSG:4326) or CGCS2000 (EPSG:4490) before loading";

// Silences GDAL's error printing for its lifetime and keeps the messages of this thread's GDAL
// calls, so that they reach Status messages instead of stderr.
class GdalErrors {
 public:
  GdalErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~GdalErrors() { CPLPopErrorHandler(); }
  GdalErrors(const GdalErrors&) = delete;
  GdalErrors& operator=(const GdalErrors&) = delete;

  // ": <GDAL's last message>", or "" when GDAL said nothing.
  std::string Suffix() const {
    const char* message = CPLGetLastErrorMsg();
    return message == nullptr || *message == '\0' ? "" : absl::StrCat(": ", message);
  }
};

struct SrsDeleter {
  void operator()(void* srs) const { OSRDestroySpatialReference(srs); }
};
using SrsPtr = std::unique_ptr<void, SrsDeleter>;

// A new OSR object for an EPSG code with x/y = lon/lat or easting/northing; null if unknown.
SrsPtr NewEpsgSrs(int code) {
  SrsPtr srs(OSRNewSpatialReference(nullptr));
  if (OSRImportFromEPSG(srs.get(), code) != OGRERR_NONE) return nullptr;
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string TakeCplString(char* s) {
  std::string result = s == nullptr ? "" : s;
  CPLFree(s);
  return result;
}

// The EPSG code in an identifier, or 0 when the text is not one of the accepted forms.
int EpsgCodeOf(const std::string& lower) {
  absl::string_view rest = lower;
  if (absl::ConsumePrefix(&rest, "epsg:")) {
  } else if (absl::ConsumePrefix(&rest, "urn:ogc:def:crs:epsg:")) {
    const size_t colon = rest.find(':');  // after an optional version
    if (colon == absl::string_view::npos) return 0;
    rest.remove_prefix(colon + 1);
  } else if (absl::ConsumePrefix(&rest, "http://www.opengis.net/def/crs/epsg/") ||
             absl::ConsumePrefix(&rest, "https://www.opengis.net/def/crs/epsg/")) {
    const size_t slash = rest.find('/');  // after the version, "0"
    if (slash == absl::string_view::npos) return 0;
    rest.remove_prefix(slash + 1);
  } else {
    return 0;
  }
  int code = 0;
  return absl::SimpleAtoi(rest, &code) && code > 0 ? code : 0;
}

bool IsCrs84(const std::string& lower) {
  return lower == "ogc:crs84" || lower == "crs84" || lower == "urn:ogc:def:crs:ogc:1.3:crs84" ||
         lower == "urn:ogc:def:crs:ogc::crs84" ||
         lower == "http://www.opengis.net/def/crs/ogc/1.3/crs84" ||
         lower == "https://www.opengis.net/def/crs/ogc/1.3/crs84";
}

// The projected CRS's area of use in its own coordinates, or Empty() if EPSG gives none.
Box ProjectedBounds(OGRSpatialReferenceH srs) {
  double west, south, east, north;
  const char* area_name = nullptr;
  if (!OSRGetAreaOfUse(srs, &west, &south, &east, &north, &area_name)) return Box::Empty();
  SrsPtr lon_lat = NewEpsgSrs(4326);
  if (lon_lat == nullptr) return Box::Empty();
  OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(lon_lat.get(), srs);
  if (ct == nullptr) return Box::Empty();
  Box box;
  const bool ok = OCTTransformBounds(ct, west, south, east, north, &box.min_x, &box.min_y,
                                     &box.max_x, &box.max_y, 21);
  OCTDestroyCoordinateTransformation(ct);
  return ok && std::isfinite(box.min_x + box.min_y + box.max_x + box.max_y) ? box : Box::Empty();
}

// The EPSG code that fits an OSR object, or 0: its own authority, GDAL's identification, an
// EPSG match of confidence >= 90 (PROJ: equivalent, similar name), else the only EPSG match of
// confidence >= 70 (equivalent, different name: what a PROJ string, which has no names, gets).
int IdentifyEpsg(OGRSpatialReferenceH srs) {
  int code = 0;
  const char* authority = OSRGetAuthorityName(srs, nullptr);
  if ((authority != nullptr && absl::EqualsIgnoreCase(authority, "EPSG")) ||
      OSRAutoIdentifyEPSG(srs) == OGRERR_NONE) {
    const char* text = OSRGetAuthorityCode(srs, nullptr);
    if (text != nullptr && absl::SimpleAtoi(text, &code)) return code;
  }
  int count = 0;
  int* confidences = nullptr;
  OGRSpatialReferenceH* matches = OSRFindMatches(srs, nullptr, &count, &confidences);
  int best = 0, best_confidence = 0, equivalents = 0;
  for (int i = 0; i < count; ++i) {  // sorted by decreasing confidence
    const char* name = OSRGetAuthorityName(matches[i], nullptr);
    const char* text = OSRGetAuthorityCode(matches[i], nullptr);
    if (confidences[i] < 70 || name == nullptr || !absl::EqualsIgnoreCase(name, "EPSG") ||
        text == nullptr || !absl::SimpleAtoi(text, &code)) {
      continue;
    }
    ++equivalents;
    if (best == 0) {
      best = code;
      best_confidence = confidences[i];
    }
  }
  if (matches != nullptr) OSRFreeSRSArray(matches);
  CPLFree(confidences);
  return best_confidence >= 90 || equivalents == 1 ? best : 0;
}

// A transformation between two EPSG CRSs with the OSR objects it refers to.
struct CachedTransform {
  SrsPtr from, to;
  OGRCoordinateTransformationH ct = nullptr;
  ~CachedTransform() {
    if (ct != nullptr) OCTDestroyCoordinateTransformation(ct);
  }
};

// This thread's transformation from one CRS to another, created on first use; nullptr (with
// GDAL's reason in *error) when PROJ has none.
OGRCoordinateTransformationH ThreadTransform(int from, int to, std::string* error) {
  struct Cache {
    // Makes GDAL create its per-thread PROJ context first: thread_local objects die in reverse
    // order of construction, so the context then outlives the transformations that use it
    // (otherwise destroying them at thread exit creates, and leaks, a new context).
    Cache() { NewEpsgSrs(4326); }
    std::map<std::pair<int, int>, std::unique_ptr<CachedTransform>> entries;
  };
  thread_local Cache cache;
  std::unique_ptr<CachedTransform>& entry = cache.entries[{from, to}];
  if (entry == nullptr) {
    GdalErrors errors;
    auto created = std::make_unique<CachedTransform>();
    created->from = NewEpsgSrs(from);
    created->to = NewEpsgSrs(to);
    if (created->from != nullptr && created->to != nullptr) {
      created->ct = OCTNewCoordinateTransformation(created->from.get(), created->to.get());
    }
    if (created->ct == nullptr) {
      *error = errors.Suffix();
      cache.entries.erase({from, to});
      return nullptr;
    }
    entry = std::move(created);
  }
  return entry->ct;
}

// True when (x, y) is in crs's domain: within [-180, 180] x [-90, 90] for a geographic CRS; for
// a projected one within its area of use grown by its own width and height on every side (data
// just beyond the area of use is common; far beyond it a projection yields nonsense, e.g. the
// pole in Web Mercator).
bool InDomain(const Crs& crs, double x, double y) {
  if (!std::isfinite(x) || !std::isfinite(y)) return false;
  Box domain = crs.world_bounds();
  if (crs.geographic()) {  // 1e-9 degrees of rounding (0.1 mm), e.g. from the antimeridian
    domain =
        Box{domain.min_x - 1e-9, domain.min_y - 1e-9, domain.max_x + 1e-9, domain.max_y + 1e-9};
  } else {
    const double w = domain.max_x - domain.min_x, h = domain.max_y - domain.min_y;
    domain = Box{domain.min_x - w, domain.min_y - h, domain.max_x + w, domain.max_y + h};
  }
  return domain.Contains(Box{x, y, x, y});
}

}  // namespace

absl::StatusOr<Crs> Crs::Parse(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (lower.empty()) {
    return absl::InvalidArgumentError("no CRS given: name one such as EPSG:4490 (CGCS2000)");
  }
  const std::string squeezed = absl::StrReplaceAll(lower, {{"-", ""}, {"_", ""}, {" ", ""}});
  if (absl::StrContains(squeezed, "gcj02") || squeezed == "gcj") {
    return absl::InvalidArgumentError(absl::StrCat("CRS \"", text, "\": ", kGcjMessage));
  }
  if (absl::StrContains(squeezed, "bd09")) {
    return absl::InvalidArgumentError(absl::StrCat("CRS \"", text, "\": ", kBdMessage));
  }
  if (IsCrs84(lower)) return FromEpsg(4326);
  const int code = EpsgCodeOf(lower);
  if (code == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("CRS \"", text,
                     "\" is not understood: expected EPSG:<code>, urn:ogc:def:crs:EPSG::<code>, "
                     "http://www.opengis.net/def/crs/EPSG/0/<code> or OGC:CRS84"));
  }
  absl::StatusOr<Crs> crs = FromEpsg(code);
  if (!crs.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("CRS \"", text, "\": ", crs.status().message()));
  }
  return crs;
}

absl::StatusOr<Crs> Crs::FromEpsg(int code) {
  // Building a CRS from the EPSG database takes tens of microseconds, and every write and query
  // naming a CRS asks for one: the definitions never change while the process runs, so each code
  // is built once (a few hundred codes at most are ever named).
  static absl::Mutex mu(absl::kConstInit);
  static auto* const built ABSL_GUARDED_BY(mu) =
      new absl::flat_hash_map<int, absl::StatusOr<Crs>>();  // OK results only
  {
    absl::MutexLock lock(&mu);
    if (auto it = built->find(code); it != built->end()) return it->second;
  }
  absl::StatusOr<Crs> crs = Build(code);
  if (!crs.ok()) return crs;  // unknown codes stay uncached: callers may name any number
  absl::MutexLock lock(&mu);
  if (built->size() < 4096) built->emplace(code, crs);
  return crs;
}

absl::StatusOr<Crs> Crs::Build(int code) {
  GdalErrors errors;
  SrsPtr srs = NewEpsgSrs(code);
  if (srs == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown CRS code EPSG:", code, errors.Suffix()));
  }
  Crs crs;
  crs.epsg_ = code;
  crs.geographic_ = OSRIsGeographic(srs.get()) != 0;
  if (OSRIsCompound(srs.get()) || (!crs.geographic_ && !OSRIsProjected(srs.get()))) {
    return absl::InvalidArgumentError(
        absl::StrCat("EPSG:", code,
                     " is neither a geographic nor a projected 2D CRS (compound, vertical or "
                     "geocentric CRSs cannot hold map features)"));
  }
  const char* title = OSRGetName(srs.get());
  crs.title_ = title == nullptr ? "" : title;
  char* wkt = nullptr;
  if (OSRExportToWkt(srs.get(), &wkt) != OGRERR_NONE) {
    CPLFree(wkt);
    wkt = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
    if (OSRExportToWktEx(srs.get(), &wkt, options) != OGRERR_NONE) {
      CPLFree(wkt);
      return absl::InternalError(
          absl::StrCat("EPSG:", code, " cannot be written as WKT", errors.Suffix()));
    }
  }
  crs.wkt_ = TakeCplString(wkt);
  if (crs.geographic_) {
    crs.world_bounds_ = Box{-180, -90, 180, 90};
  } else {
    crs.world_bounds_ = ProjectedBounds(srs.get());
    if (crs.world_bounds_.empty()) crs.world_bounds_ = Box{-1e8, -1e8, 1e8, 1e8};
  }
  return crs;
}

absl::StatusOr<Crs> Crs::FromDefinition(absl::string_view wkt_or_proj) {
  const std::string text(absl::StripAsciiWhitespace(wkt_or_proj));
  if (text.empty()) return Parse(text);
  const bool is_proj = text[0] == '+' || absl::StartsWith(text, "proj=");
  const bool is_wkt = !is_proj && text.find('[') != std::string::npos;
  if (!is_proj && !is_wkt) return Parse(text);  // an identifier, never a file name
  GdalErrors errors;
  SrsPtr srs(OSRNewSpatialReference(nullptr));
  char* cursor = const_cast<char*>(text.c_str());  // GDAL only advances the pointer
  const OGRErr err =
      is_proj ? OSRImportFromProj4(srs.get(), text.c_str()) : OSRImportFromWkt(srs.get(), &cursor);
  if (err != OGRERR_NONE) {
    return absl::InvalidArgumentError(absl::StrCat("CRS definition \"", text.substr(0, 80),
                                                   "\" does not parse", errors.Suffix()));
  }
  const int code = IdentifyEpsg(srs.get());
  if (code == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("CRS definition \"", text.substr(0, 80),
                     "\" matches no EPSG code: reproject the data to an EPSG CRS such as "
                     "EPSG:4490 (CGCS2000)"));
  }
  return FromEpsg(code);
}

std::string Crs::name() const { return absl::StrCat("EPSG:", epsg_); }

std::string Crs::uri() const {
  return absl::StrCat("http://www.opengis.net/def/crs/EPSG/0/", epsg_);
}

absl::StatusOr<CrsTransform> CrsTransform::Create(const Crs& from, const Crs& to) {
  if (from != to) {
    std::string error;
    if (ThreadTransform(from.epsg(), to.epsg(), &error) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("no transformation from ", from.name(), " to ", to.name(), error));
    }
  }
  return CrsTransform(from, to);
}

absl::Status CrsTransform::ApplyPoint(double& x, double& y) const {
  if (identity()) return absl::OkStatus();
  auto outside = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrFormat("coordinate (%.12g, %.12g) cannot be transformed from %s to %s: %s", x, y,
                        from_.name(), to_.name(), why));
  };
  if (!InDomain(from_, x, y)) return outside(absl::StrCat("outside the domain of ", from_.name()));
  std::string error;
  OGRCoordinateTransformationH ct = ThreadTransform(from_.epsg(), to_.epsg(), &error);
  if (ct == nullptr) return outside(absl::StrCat("no transformation", error));
  double tx = x, ty = y;
  GdalErrors errors;
  if (!OCTTransform(ct, 1, &tx, &ty, nullptr) || !InDomain(to_, tx, ty)) {
    return outside(absl::StrCat("outside the domain of ", to_.name(), errors.Suffix()));
  }
  x = tx;
  y = ty;
  return absl::OkStatus();
}

absl::Status CrsTransform::Apply(Geometry& g) const {
  if (identity()) return absl::OkStatus();
  return g.TransformXY([this](double& x, double& y) { return ApplyPoint(x, y); });
}

absl::Status CrsTransform::ApplyBox(Box& box) const {
  if (identity() || box.empty()) return absl::OkStatus();
  auto outside = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrFormat("box (%.12g, %.12g, %.12g, %.12g) cannot be transformed from %s to %s: %s",
                        box.min_x, box.min_y, box.max_x, box.max_y, from_.name(), to_.name(), why));
  };
  if (!InDomain(from_, box.min_x, box.min_y) || !InDomain(from_, box.max_x, box.max_y)) {
    return outside(absl::StrCat("outside the domain of ", from_.name()));
  }
  std::string error;
  OGRCoordinateTransformationH ct = ThreadTransform(from_.epsg(), to_.epsg(), &error);
  if (ct == nullptr) return outside(absl::StrCat("no transformation", error));
  Box out;
  GdalErrors errors;
  if (!OCTTransformBounds(ct, box.min_x, box.min_y, box.max_x, box.max_y, &out.min_x, &out.min_y,
                          &out.max_x, &out.max_y, 21) ||
      !InDomain(to_, out.min_x, out.min_y) || !InDomain(to_, out.max_x, out.max_y)) {
    return outside(absl::StrCat("outside the domain of ", to_.name(), errors.Suffix()));
  }
  box = out;
  return absl::OkStatus();
}

absl::StatusOr<CrsTransform> TransformFrom(absl::string_view from, const Crs& to) {
  absl::StatusOr<Crs> crs = Crs::Parse(from);
  if (!crs.ok()) return crs.status();
  return CrsTransform::Create(*crs, to);
}

absl::StatusOr<CrsTransform> TransformTo(const Crs& from, absl::string_view to) {
  absl::StatusOr<Crs> crs = Crs::Parse(to);
  if (!crs.ok()) return crs.status();
  return CrsTransform::Create(from, *crs);
}

}  // namespace mdhub::geo

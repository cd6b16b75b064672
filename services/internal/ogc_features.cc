#include "services/internal/ogc_features.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/log.h"
#include "geo/query.h"
#include "nlohmann/json.hpp"

namespace mdhub::services::internal {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kJson[] = "application/json";
constexpr char kGeoJson[] = "application/geo+json";
constexpr char kOpenApi[] = "application/vnd.oai.openapi+json;version=3.0";
constexpr int kQueryPage = 10000;   // geo::RunQuery's largest page
constexpr int kLayersPage = 1000;

std::string Dump(const Json& j) {
  // Invalid UTF-8 in stored text is replaced rather than failing the response.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

OgcResponse Document(const Json& j, const char* type = kJson) { return {type, Dump(j), {}}; }

// A document's only parameter is f (the format).
absl::Status CheckDocumentParams(const OgcParams& params) {
  if (absl::Status s = CheckParamNames(params, {"f"}, nullptr); !s.ok()) return s;
  return CheckFormat(params);
}

// The CRS named by parameter `name` (crs, bbox-crs), CRS84 when absent.
absl::StatusOr<OgcCrs> CrsParam(const OgcCrsList& list, const OgcParams& params, const char* name,
                                const geo::Crs& storage) {
  auto it = params.find(name);
  if (it == params.end()) return list.crs84();
  return list.Find(it->second, storage, name);
}

// The as-of time of the datetime parameter; none when absent.
absl::StatusOr<std::optional<absl::Time>> AsOfParam(const OgcParams& params) {
  auto it = params.find("datetime");
  if (it == params.end()) return std::optional<absl::Time>();
  absl::StatusOr<absl::Time> t = ParseDatetime(it->second);
  if (!t.ok()) return t.status();
  return std::optional<absl::Time>(*t);
}

// The absolute URL of `path` with `params` and the request's link parameters.
std::string Url(const OgcRequest& req, absl::string_view path, OgcParams params = {}) {
  params.insert(req.link_params.begin(), req.link_params.end());
  return absl::StrCat(req.base_url, path, QueryString(params));
}

Json Link(std::string href, const char* rel, const char* type, std::string title = "") {
  Json link = {{"href", std::move(href)}, {"rel", rel}, {"type", type}};
  if (!title.empty()) link["title"] = std::move(title);
  return link;
}

std::string CollectionPath(absl::string_view id) {
  return absl::StrCat("/ogc/collections/", UrlEncode(id));
}

absl::Status NoCollection(absl::string_view id) {
  return absl::NotFoundError(absl::StrCat("collection \"", id, "\" does not exist"));
}

absl::StatusOr<std::shared_ptr<const geo::LayerInfo>> LayerOf(CallScope& call,
                                                               absl::string_view id) {
  auto info = call.backend().one_map.Info(id);
  if (absl::IsNotFound(info.status())) return NoCollection(id);
  if (!info.ok()) return info.status();
  if (absl::Status s = call.AuthorizeLayerRead((*info)->layer); !s.ok()) return s;
  return info;
}

Json PropertyJson(const store::PropertyValue& v) {
  switch (v.value_case()) {
    case store::PropertyValue::kStringValue: return v.string_value();
    case store::PropertyValue::kIntValue: return v.int_value();
    case store::PropertyValue::kDoubleValue: return v.double_value();
    case store::PropertyValue::kBoolValue: return v.bool_value();
    default: return nullptr;
  }
}

// A stored feature as a GeoJSON Feature in `crs`, in that CRS's axis order.
absl::StatusOr<std::string> FeatureJson(const geo::LayerInfo& info, const OgcCrs& crs,
                                        store::Feature& f, const Json& links) {
  geo::OutputOptions out;
  out.crs = crs.crs.name();
  if (absl::Status s = geo::ShapeForOutput(info, out, f); !s.ok()) return s;
  std::string geometry = "null";
  if (!f.wkb().empty()) {
    absl::StatusOr<geo::Geometry> g = geo::Geometry::FromWkb(f.wkb());
    if (!g.ok()) return g.status();
    if (crs.lat_first) {
      absl::Status s = g->TransformXY([](double& x, double& y) {
        std::swap(x, y);
        return absl::OkStatus();
      });
      if (!s.ok()) return s;
    }
    geometry = g->ToGeoJson();
  }
  Json properties = Json::object();
  // In schema order, which is how a client's attribute table shows them.
  for (const store::PropertyDef& def : info.layer.schema()) {
    const store::PropertyValue* v = geo::FindValue(f.properties(), def.name());
    if (v != nullptr) properties[def.name()] = PropertyJson(*v);
  }
  std::string text = absl::StrCat(R"({"type":"Feature","id":)", Dump(f.feature_id()),
                                  R"(,"geometry":)", geometry, R"(,"properties":)",
                                  Dump(properties));
  if (!links.is_null()) absl::StrAppend(&text, R"(,"links":)", Dump(links));
  text.push_back('}');
  return text;
}

// The features of `q` from `offset` on, at most `limit`; *more when others follow. RunQuery
// pages by opaque tokens, so the pages before `offset` are read and skipped.
absl::StatusOr<std::vector<geo::QueryHit>> QueryRange(const geo::OneMap& map, geo::SpatialQuery q,
                                                      int offset, int limit, bool* more) {
  std::vector<geo::QueryHit> out;
  size_t skip = offset, want = limit;
  *more = false;
  for (;;) {
    q.page_size = static_cast<int>(std::min<size_t>(kQueryPage, skip + want));
    absl::StatusOr<geo::QueryResult> page = geo::RunQuery(map, q);
    if (!page.ok()) return page.status();
    const size_t first = std::min(skip, page->hits.size());
    skip -= first;
    for (size_t i = first; i < page->hits.size() && want > 0; ++i, --want) {
      out.push_back(std::move(page->hits[i]));
    }
    if (page->next_page_token.empty()) return out;
    if (want == 0) {
      *more = true;
      return out;
    }
    q.page_token = std::move(page->next_page_token);
  }
}

OgcResponse WithCrs(OgcResponse response, const OgcCrs& crs) {
  response.headers.emplace_back("Content-Crs", absl::StrCat("<", crs.uri, ">"));
  return response;
}

// The collection document of a layer (with its current statistics).
Json CollectionJson(const OgcRequest& req, const store::Layer& layer,
                           const OgcCrsList& crs_list) {
  const std::string path = CollectionPath(layer.id());
  Json j = {{"id", layer.id()},
            {"title", layer.title().empty() ? layer.id() : layer.title()},
            {"description", layer.description()},
            {"itemType", "feature"},
            {"links",
             {Link(Url(req, path), "self", kJson, "This collection"),
              Link(Url(req, path + "/items"), "items", kGeoJson, "The features")}}};
  absl::StatusOr<geo::Crs> storage = geo::Crs::FromEpsg(layer.epsg());
  if (!storage.ok()) {
    Log(LogLevel::kWarning, "layer with an unusable CRS",
        {{"layer", layer.id()}, {"error", storage.status().ToString()}});
    return j;
  }
  if (layer.stats().has_extent()) {
    const store::Box& e = layer.stats().extent();
    geo::Box box{e.min_x(), e.min_y(), e.max_x(), e.max_y()};
    absl::StatusOr<geo::CrsTransform> t = geo::CrsTransform::Create(*storage, crs_list.crs84().crs);
    absl::Status s = t.ok() ? t->ApplyBox(box) : t.status();
    if (s.ok()) {
      Json corners = Json::array({box.min_x, box.min_y, box.max_x, box.max_y});
      j["extent"] = {{"spatial", {{"bbox", Json::array({corners})}, {"crs", kCrs84Uri}}}};
    } else {
      Log(LogLevel::kWarning, "layer extent not shown in CRS84",
          {{"layer", layer.id()}, {"error", s.ToString()}});
    }
  }
  Json crs = Json::array();
  for (const OgcCrs& c : crs_list.For(*storage)) crs.push_back(c.uri);
  j["crs"] = std::move(crs);
  j["storageCrs"] = OgcCrsList::Storage(*storage).uri;
  return j;
}

}  // namespace

absl::StatusOr<OgcFeatures> OgcFeatures::Create() {
  absl::StatusOr<OgcCrsList> list = OgcCrsList::Create();
  if (!list.ok()) return list.status();
  return OgcFeatures(*std::move(list));
}

const std::vector<OgcFeatures::Route>& OgcFeatures::Routes() {
  static const auto* routes = new std::vector<Route>{
      {"/ogc/?", "ListLayers", "GET /ogc", &OgcFeatures::Landing},
      {"/ogc/conformance/?", "ListLayers", "GET /ogc/conformance", &OgcFeatures::Conformance},
      {"/ogc/api/?", "ListLayers", "GET /ogc/api", &OgcFeatures::Api},
      {"/ogc/collections/?", "ListLayers", "GET /ogc/collections", &OgcFeatures::Collections},
      {"/ogc/collections/([^/]+)/?", "GetLayer", "GET /ogc/collections/{collectionId}",
       &OgcFeatures::Collection},
      {"/ogc/collections/([^/]+)/items/?", "QueryFeatures",
       "GET /ogc/collections/{collectionId}/items", &OgcFeatures::Items},
      {"/ogc/collections/([^/]+)/items/(.+)", "GetFeature",
       "GET /ogc/collections/{collectionId}/items/{featureId}", &OgcFeatures::Item},
  };
  return *routes;
}

absl::StatusOr<OgcResponse> OgcFeatures::Landing(CallScope&, const OgcRequest& req) const {
  if (absl::Status s = CheckDocumentParams(req.params); !s.ok()) return s;
  return Document({
      {"title", "mdhub one map"},
      {"description", "The layers of the spatial base registry (OGC API - Features)"},
      {"links",
       {Link(Url(req, "/ogc"), "self", kJson, "This document"),
        Link(Url(req, "/ogc/api"), "service-desc", kOpenApi, "The API definition"),
        Link(Url(req, "/ogc/conformance"), "conformance", kJson, "Conformance classes"),
        Link(Url(req, "/ogc/collections"), "data", kJson, "The layers")}},
  });
}

absl::StatusOr<OgcResponse> OgcFeatures::Conformance(CallScope&, const OgcRequest& req) const {
  if (absl::Status s = CheckDocumentParams(req.params); !s.ok()) return s;
  return Document({
      {"links", Json::array({Link(Url(req, "/ogc/conformance"), "self", kJson)})},
      {"conformsTo",
       {"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"}},
  });
}

absl::StatusOr<OgcResponse> OgcFeatures::Api(CallScope&, const OgcRequest& req) const {
  if (absl::Status s = CheckDocumentParams(req.params); !s.ok()) return s;
  return OgcResponse{kOpenApi, OgcOpenApi(req.base_url), {}};
}

absl::StatusOr<OgcResponse> OgcFeatures::Collections(CallScope& call,
                                                     const OgcRequest& req) const {
  if (absl::Status s = CheckDocumentParams(req.params); !s.ok()) return s;
  Json collections = Json::array();
  std::string after;
  for (;;) {
    auto layers = call.backend().one_map.ListLayers(after, kLayersPage);
    if (!layers.ok()) return layers.status();
    for (const store::Layer& layer : *layers) {
      after = layer.id();
      if (!call.AuthorizeLayerRead(layer).ok()) continue;
      collections.push_back(CollectionJson(req, layer, crs_list_));
    }
    if (static_cast<int>(layers->size()) < kLayersPage) break;
  }
  call.Touch(absl::StrCat(collections.size(), " layers listed"));
  return Document({{"links", Json::array({Link(Url(req, "/ogc/collections"), "self", kJson)})},
                   {"collections", std::move(collections)}});
}

absl::StatusOr<OgcResponse> OgcFeatures::Collection(CallScope& call,
                                                    const OgcRequest& req) const {
  if (absl::Status s = CheckDocumentParams(req.params); !s.ok()) return s;
  absl::StatusOr<store::Layer> layer = call.backend().one_map.GetLayer(req.collection_id);
  if (absl::IsNotFound(layer.status())) return NoCollection(req.collection_id);
  if (!layer.ok()) return layer.status();
  if (absl::Status s = call.AuthorizeLayerRead(*layer); !s.ok()) return s;
  call.Touch(absl::StrCat("layer:", req.collection_id));
  return Document(CollectionJson(req, *layer, crs_list_));
}

absl::StatusOr<OgcResponse> OgcFeatures::Items(CallScope& call, const OgcRequest& req) const {
  auto info = LayerOf(call, req.collection_id);
  if (!info.ok()) return info.status();
  const geo::LayerInfo& layer = **info;
  if (absl::Status s = CheckParamNames(
          req.params, {"bbox", "bbox-crs", "limit", "offset", "crs", "datetime", "f"},
          &layer.layer);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckFormat(req.params); !s.ok()) return s;
  absl::StatusOr<int> limit = ParseLimit(req.params);
  if (!limit.ok()) return limit.status();
  absl::StatusOr<int> offset = ParseOffset(req.params, *limit);
  if (!offset.ok()) return offset.status();
  absl::StatusOr<OgcCrs> found_crs = CrsParam(crs_list_, req.params, "crs", layer.crs);
  if (!found_crs.ok()) return found_crs.status();
  OgcCrs crs = *std::move(found_crs);
  geo::SpatialQuery q;
  q.layer_id = req.collection_id;
  if (auto it = req.params.find("bbox"); it != req.params.end()) {
    absl::StatusOr<OgcCrs> found_bbox_crs = CrsParam(crs_list_, req.params, "bbox-crs", layer.crs);
    if (!found_bbox_crs.ok()) return found_bbox_crs.status();
    const OgcCrs bbox_crs = *std::move(found_bbox_crs);
    absl::StatusOr<geo::Box> box = ParseBbox(it->second, bbox_crs);
    if (!box.ok()) return box.status();
    q.op = geo::SpatialQuery::Op::kBbox;
    q.bbox = *box;
    q.crs = bbox_crs.crs.name();
  }
  absl::StatusOr<std::optional<absl::Time>> as_of = AsOfParam(req.params);
  if (!as_of.ok()) return as_of.status();
  q.as_of = *as_of;
  absl::StatusOr<std::vector<geo::AttributeFilter>> filters =
      PropertyFilters(req.params, layer.layer);
  if (!filters.ok()) return filters.status();
  q.filters = *std::move(filters);

  bool more = false;
  auto hits = QueryRange(call.backend().one_map, std::move(q), *offset, *limit, &more);
  if (!hits.ok()) return hits.status();
  std::string features;
  for (geo::QueryHit& hit : *hits) {
    absl::StatusOr<std::string> f = FeatureJson(layer, crs, *hit.feature, nullptr);
    if (!f.ok()) return f.status();
    absl::StrAppend(&features, features.empty() ? "" : ",", *f);
  }
  const std::string path = CollectionPath(req.collection_id) + "/items";
  Json links = {Link(Url(req, path, req.params), "self", kGeoJson, "This page"),
                Link(Url(req, CollectionPath(req.collection_id)), "collection", kJson,
                     "The collection")};
  OgcParams page = req.params;
  if (more) {
    page["offset"] = absl::StrCat(*offset + *limit);
    links.push_back(Link(Url(req, path, page), "next", kGeoJson, "The next page"));
  }
  if (*offset > 0) {
    page["offset"] = absl::StrCat(std::max(0, *offset - *limit));
    links.push_back(Link(Url(req, path, page), "prev", kGeoJson, "The previous page"));
  }
  call.Touch(absl::StrCat("layer:", req.collection_id, " ", hits->size(), " features"));
  std::string body = absl::StrCat(
      R"({"type":"FeatureCollection","features":[)", features, R"(],"numberReturned":)",
      hits->size(), R"(,"timeStamp":)",
      Dump(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", call.backend().clock.Now(), absl::UTCTimeZone())),
      R"(,"links":)", Dump(links), "}");
  return WithCrs({kGeoJson, std::move(body), {}}, crs);
}

absl::StatusOr<OgcResponse> OgcFeatures::Item(CallScope& call, const OgcRequest& req) const {
  auto info = LayerOf(call, req.collection_id);
  if (!info.ok()) return info.status();
  if (absl::Status s = CheckParamNames(req.params, {"crs", "datetime", "f"}, nullptr); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckFormat(req.params); !s.ok()) return s;
  absl::StatusOr<OgcCrs> found_crs = CrsParam(crs_list_, req.params, "crs", (*info)->crs);
  if (!found_crs.ok()) return found_crs.status();
  OgcCrs crs = *std::move(found_crs);
  absl::StatusOr<std::optional<absl::Time>> as_of = AsOfParam(req.params);
  if (!as_of.ok()) return as_of.status();
  absl::StatusOr<store::Feature> f =
      call.backend().one_map.features().GetFeature(req.collection_id, req.feature_id, *as_of);
  if ((f.ok() && f->deleted()) || absl::IsNotFound(f.status())) {
    return absl::NotFoundError(absl::StrCat("feature \"", req.feature_id,
                                            "\" does not exist in collection \"",
                                            req.collection_id, "\""));
  }
  if (!f.ok()) return f.status();
  const std::string collection = CollectionPath(req.collection_id);
  Json links = {
      Link(Url(req, absl::StrCat(collection, "/items/", UrlEncode(req.feature_id)), req.params),
           "self", kGeoJson, "This feature"),
      Link(Url(req, collection), "collection", kJson, "The collection")};
  absl::StatusOr<std::string> body = FeatureJson(**info, crs, *f, links);
  if (!body.ok()) return body.status();
  call.Touch(absl::StrCat("feature:", req.collection_id, "/", req.feature_id));
  return WithCrs({kGeoJson, *std::move(body), {}}, crs);
}

}  // namespace mdhub::services::internal

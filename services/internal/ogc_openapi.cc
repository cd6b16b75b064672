// The OpenAPI 3.0 definition of the OGC API – Features routes (GET /ogc/api): what clients such
// as GDAL read to learn the parameters and the largest page.
#include "nlohmann/json.hpp"
#include "services/internal/ogc_features.h"

namespace mdhub::services::internal {
namespace {

using Json = nlohmann::ordered_json;

Json Param(const char* name, const char* in, const char* description, Json schema,
           bool required = false) {
  Json p = {{"name", name}, {"in", in}, {"description", description}, {"required", required},
            {"schema", std::move(schema)}};
  if (std::string(in) == "query") {
    p["style"] = "form";
    p["explode"] = false;
  }
  return p;
}

Json Responses(const char* type, const char* what) {
  Json error = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  Json ok = {{"description", what},
             {"content", {{type, {{"schema", {{"type", "object"}}}}}}}};
  Json r = {{"200", std::move(ok)}};
  for (auto [code, description] :
       {std::pair{"400", "A parameter is invalid (the description names it)"},
        {"401", "No agency: present the agency's client certificate"},
        {"403", "The access policy does not grant the agency this resource"},
        {"404", "No such collection or feature"}}) {
    Json e = error;
    e["description"] = description;
    r[code] = std::move(e);
  }
  return r;
}

Json Get(const char* summary, const char* operation_id, const char* type, const char* what,
         Json parameters = Json::array()) {
  return {{"get",
           {{"summary", summary},
            {"operationId", operation_id},
            {"parameters", std::move(parameters)},
            {"responses", Responses(type, what)}}}};
}

}  // namespace

std::string OgcOpenApi(const std::string& base_url) {
  const Json string_schema = {{"type", "string"}};
  const Json collection =
      Param("collectionId", "path", "The layer id", string_schema, /*required=*/true);
  const Json crs = Param("crs", "query", "The CRS of the returned geometries (a collection's crs)",
                         {{"type", "string"}, {"format", "uri"}});
  const Json datetime = Param("datetime", "query",
                              "Read as of this transaction time (an RFC 3339 instant)",
                              string_schema);
  const Json items_params = Json::array({
      collection,
      Param("bbox", "query", "Features intersecting the box minx,miny,maxx,maxy (in bbox-crs)",
            {{"type", "array"}, {"minItems", 4}, {"maxItems", 6}, {"items", {{"type", "number"}}}}),
      Param("bbox-crs", "query", "The CRS of bbox (default CRS84)",
            {{"type", "string"}, {"format", "uri"}}),
      Param("limit", "query", "Features per page",
            {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}, {"default", 10}}),
      Param("offset", "query", "Features to skip (offset + limit <= 100000)",
            {{"type", "integer"}, {"minimum", 0}, {"default", 0}}),
      crs,
      datetime});
  const Json item_params = Json::array({
      collection,
      Param("featureId", "path", "The feature id", string_schema, /*required=*/true), crs,
      datetime});
  const char* json = "application/json";
  const char* geojson = "application/geo+json";
  Json api = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "mdhub one map"},
        {"version", "1.0.0"},
        {"description", "The layers of the spatial base registry as OGC API - Features. "
                        "Other query parameters named after a property filter by equality."}}},
      {"servers", Json::array({Json::object({{"url", base_url + "/ogc"}})})},
      {"paths",
       {{"/", Get("Landing page", "getLandingPage", json, "The landing page")},
        {"/conformance",
         Get("Conformance classes", "getConformanceDeclaration", json, "The classes")},
        {"/api", Get("This definition", "getApi", "application/vnd.oai.openapi+json;version=3.0",
                     "The API definition")},
        {"/collections", Get("The layers", "getCollections", json, "The collections")},
        {"/collections/{collectionId}",
         Get("One layer", "describeCollection", json, "The collection",
             Json::array({collection}))},
        {"/collections/{collectionId}/items",
         Get("Features of a layer", "getFeatures", geojson, "A page of features", items_params)},
        {"/collections/{collectionId}/items/{featureId}",
         Get("One feature", "getFeature", geojson, "The feature", item_params)}}}};
  return api.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace mdhub::services::internal

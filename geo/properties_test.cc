#include "geo/properties.h"

#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

store::PropertyDef Def(const std::string& name, store::PropertyDef::Type type, bool required = false) {
  store::PropertyDef d;
  d.set_name(name);
  d.set_type(type);
  d.set_required(required);
  return d;
}

InputValue Num(double n) { return {InputValue::kNumber, "", n, false}; }
InputValue Str(const std::string& s) { return {InputValue::kString, s, 0, false}; }

TEST(PropertiesTest, ValuesConvertToTheSchemaType) {
  auto i = ToPropertyValue(Def("n", store::PropertyDef::INTEGER), Num(42), "f.n");
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->int_value(), 42);
  auto frac = ToPropertyValue(Def("n", store::PropertyDef::INTEGER), Num(4.5), "f.n");
  EXPECT_EQ(frac.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(frac.status().message().find("f.n: "), std::string::npos);
  auto date = ToPropertyValue(Def("d", store::PropertyDef::DATE), Str("2024-02-30"), "f.d");
  EXPECT_FALSE(date.ok());
  auto good = ToPropertyValue(Def("d", store::PropertyDef::DATE), Str("2024-02-29"), "f.d");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->string_value(), "2024-02-29");
  auto dt = ToPropertyValue(Def("t", store::PropertyDef::DATETIME), Str("2024-05-01T08:00:00+08:00"), "f.t");
  EXPECT_TRUE(dt.ok());
  // Files write local date-times without an offset.
  EXPECT_TRUE(ToPropertyValue(Def("t", store::PropertyDef::DATETIME), Str("2023-01-24T00:00:00"), "f.t").ok());
  EXPECT_FALSE(ToPropertyValue(Def("t", store::PropertyDef::DATETIME), Str("2023-13-24T00:00:00"), "f.t").ok());
  store::PropertyValue text;
  text.set_string_value("17");
  auto coerced = CoerceValue(Def("n", store::PropertyDef::INTEGER), text, "f.n");
  ASSERT_TRUE(coerced.ok());
  EXPECT_EQ(coerced->int_value(), 17);
}

// The stored form of a mutation's properties.
StoredProperties Stored(const Properties& map) {
  StoredProperties out;
  for (const auto& [name, value] : map) {
    store::Property* p = out.Add();
    p->set_name(name);
    *p->mutable_value() = value;
  }
  return out;
}

TEST(PropertiesTest, SchemaChecksNamesAndRequiredProperties) {
  store::Layer layer;
  layer.set_id("land.parcel");
  *layer.add_schema() = Def("code", store::PropertyDef::STRING, true);
  *layer.add_schema() = Def("area", store::PropertyDef::DOUBLE);
  Properties p;
  p["area"].set_double_value(3);
  absl::Status missing = CheckProperties(layer, Stored(p), "feature.properties");
  EXPECT_EQ(missing.message(), "feature.properties.code: required by the layer's schema");
  p["code"].set_string_value("450103001");
  EXPECT_TRUE(CheckProperties(layer, Stored(p), "feature.properties").ok());
  p["colour"].set_string_value("red");
  EXPECT_NE(CheckProperties(layer, Stored(p), "feature.properties").message().find("colour"),
            std::string::npos);
}

TEST(PropertiesTest, FiltersCompareByType) {
  store::Layer layer;
  layer.set_id("l");
  *layer.add_schema() = Def("rank", store::PropertyDef::INTEGER);
  *layer.add_schema() = Def("name", store::PropertyDef::STRING);
  Properties p;
  p["rank"].set_int_value(10);
  p["name"].set_string_value("青秀区");
  auto filter = FeatureFilter::Compile(
      layer,
      {{"rank", AttributeFilter::kGreater, {Num(9)}}, {"name", AttributeFilter::kPrefix, {Str("青")}}},
      "attribute_filters");
  ASSERT_TRUE(filter.ok()) << filter.status();
  EXPECT_TRUE(filter->Matches(Stored(p)));
  p["rank"].set_int_value(9);
  EXPECT_FALSE(filter->Matches(Stored(p)));
  auto nulls = FeatureFilter::Compile(layer, {{"name", AttributeFilter::kIsNull, {}}}, "af");
  ASSERT_TRUE(nulls.ok());
  EXPECT_FALSE(nulls->Matches(Stored(p)));
  p.erase("name");
  EXPECT_TRUE(nulls->Matches(Stored(p)));
  auto unknown = FeatureFilter::Compile(layer, {{"colour", AttributeFilter::kEqual, {Str("x")}}}, "af");
  EXPECT_EQ(unknown.status().message(), "af[0].property: layer l has no property \"colour\"");
  auto any = FeatureFilter::Compile(layer, {{"rank", AttributeFilter::kAnyOf, {Num(1), Num(9)}}}, "af");
  ASSERT_TRUE(any.ok());
  p["rank"].set_int_value(9);
  EXPECT_TRUE(any->Matches(Stored(p)));
}

}  // namespace
}  // namespace mdhub::geo

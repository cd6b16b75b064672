#include "services/internal/spatial_mapping.h"

#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"

namespace mdhub::services::internal {
namespace {

// Feature.properties is declared as a list of fields so that it decodes without a hash map, but a
// client that declares it as google.protobuf.Struct must read and write the same bytes.
TEST(SpatialMappingTest, PropertiesHaveTheWireFormatOfAStruct) {
  store::Feature stored;
  stored.set_layer_id("land.parcel");
  stored.set_feature_id("p1");
  store::Property* owner = stored.add_properties();
  owner->set_name("owner");
  owner->mutable_value()->set_string_value("张伟");
  store::Property* area = stored.add_properties();
  area->set_name("area_m2");
  area->mutable_value()->set_double_value(10240.5);
  v1::Feature api;
  ToApi(stored, "EPSG:4490", &api);

  google::protobuf::Struct as_struct;
  ASSERT_TRUE(as_struct.ParseFromString(api.properties().SerializeAsString()));
  ASSERT_EQ(as_struct.fields_size(), 2);
  EXPECT_EQ(as_struct.fields().at("owner").string_value(), "张伟");
  EXPECT_EQ(as_struct.fields().at("area_m2").number_value(), 10240.5);

  // And a Struct a client wrote is read as the same properties.
  v1::Properties back;
  ASSERT_TRUE(back.ParseFromString(as_struct.SerializeAsString()));
  ASSERT_EQ(back.fields_size(), 2);
  for (const v1::Properties::Field& f : back.fields()) {
    EXPECT_EQ(f.value().SerializeAsString(), as_struct.fields().at(f.key()).SerializeAsString())
        << f.key();
  }
}

// Stored features were written with a map<string, PropertyValue> in field 5; they read unchanged
// as the list of properties that field is now.
TEST(SpatialMappingTest, FeaturesStoredWithAPropertyMapReadUnchanged) {
  // Feature{feature_id: "f1", properties: {"name": {string_value: "x"}, "rank": {int_value: 3}}}
  // as a map field encodes it: field 5 holds {key = 1, value = 2} entries.
  const std::string bytes("\x12\x02" "f1"
                          "\x2a\x0b" "\x0a\x04" "name" "\x12\x03" "\x0a\x01" "x"
                          "\x2a\x0a" "\x0a\x04" "rank" "\x12\x02" "\x10\x03",
                          4 + 13 + 12);
  store::Feature f;
  ASSERT_TRUE(f.ParseFromString(bytes));
  EXPECT_EQ(f.feature_id(), "f1");
  ASSERT_EQ(f.properties_size(), 2);
  EXPECT_EQ(f.properties(0).name(), "name");
  EXPECT_EQ(f.properties(0).value().string_value(), "x");
  EXPECT_EQ(f.properties(1).name(), "rank");
  EXPECT_EQ(f.properties(1).value().int_value(), 3);
}

}  // namespace
}  // namespace mdhub::services::internal

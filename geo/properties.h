// Feature properties against a layer's schema: converting client values (JSON-like) and file
// values (typed by GDAL) to the schema's types, checking a feature's property set, and attribute
// filters.
#ifndef MDHUB_GEO_PROPERTIES_H_
#define MDHUB_GEO_PROPERTIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/map.h"
#include "store/model.pb.h"

namespace mdhub::geo {

// Properties as a client or a file gives them (a mutation's).
using Properties = google::protobuf::Map<std::string, store::PropertyValue>;
// Properties as a stored feature holds them (in schema order).
using StoredProperties = google::protobuf::RepeatedPtrField<store::Property>;

// The value of the named property; null when the feature has none.
const store::PropertyValue* FindValue(const StoredProperties& properties, absl::string_view name);

// A value as a client writes it in JSON.
struct InputValue {
  enum Kind { kNull, kString, kNumber, kBool };
  Kind kind = kNull;
  std::string string_value;
  double number_value = 0;
  bool bool_value = false;
};

// The value as the property's type stores it. INVALID_ARGUMENT naming `field` (e.g.
// "feature.properties.area") when it does not fit: a fraction or a number beyond 2^53 for
// INTEGER, a malformed date, a string for a number...
absl::StatusOr<store::PropertyValue> ToPropertyValue(const store::PropertyDef& def,
                                                     const InputValue& value,
                                                     absl::string_view field);
// The same for a value already typed (from a file): numbers convert between INTEGER and DOUBLE
// when exact, anything converts to STRING, strings parse into the other types.
absl::StatusOr<store::PropertyValue> CoerceValue(const store::PropertyDef& def,
                                                 const store::PropertyValue& value,
                                                 absl::string_view field);

// Checks a feature's properties against the layer's schema: every name known, every required
// property present. `field` prefixes the error's field path.
absl::Status CheckProperties(const store::Layer& layer, const StoredProperties& properties,
                             absl::string_view field);

const store::PropertyDef* FindProperty(const store::Layer& layer, absl::string_view name);

// The JSON-like form of a stored value (for output).
InputValue ToInputValue(const store::PropertyValue& value);

// A condition on one property (see mdhub.v1.AttributeFilter).
struct AttributeFilter {
  enum Op {
    kEqual, kNotEqual, kLess, kLessOrEqual, kGreater, kGreaterOrEqual, kAnyOf, kPrefix, kIsNull,
    kIsNotNull
  };
  std::string property;
  Op op = kEqual;
  std::vector<InputValue> values;
};

// Filters compiled against a layer's schema.
class FeatureFilter {
 public:
  // INVALID_ARGUMENT naming `field`[i] for an unknown property, a wrong number of values, or
  // values that do not fit the property's type.
  static absl::StatusOr<FeatureFilter> Compile(const store::Layer& layer,
                                               const std::vector<AttributeFilter>& filters,
                                               absl::string_view field);
  bool empty() const { return conditions_.empty(); }
  // True when the feature meets every condition.
  bool Matches(const StoredProperties& properties) const;

 private:
  struct Condition {
    std::string property;
    AttributeFilter::Op op;
    std::vector<store::PropertyValue> values;
  };
  std::vector<Condition> conditions_;
  std::vector<store::PropertyDef::Type> types_;  // of each condition's property
};

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_PROPERTIES_H_

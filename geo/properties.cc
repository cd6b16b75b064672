#include "geo/properties.h"

#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace mdhub::geo {
namespace {

using store::PropertyDef;
using store::PropertyValue;

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

absl::Status Bad(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

bool ValidDate(absl::string_view s) {
  absl::CivilDay day;
  return s.size() == 10 && absl::ParseCivilTime(s, &day) && absl::FormatCivilTime(day) == s;
}

// RFC 3339, or ISO 8601 without an offset (local time, as FlatGeobuf and GeoPackage files write
// them; compared as if UTC).
bool ValidDateTime(absl::string_view s, absl::Time* t) {
  std::string err;
  for (const char* format : {absl::RFC3339_full, "%Y-%m-%dT%H:%M:%E*S", "%Y-%m-%d %H:%M:%E*S"}) {
    if (absl::ParseTime(format, s, absl::UTCTimeZone(), t, &err)) return true;
  }
  return false;
}

absl::StatusOr<PropertyValue> FromString(const PropertyDef& def, const std::string& s,
                                         absl::string_view field) {
  PropertyValue v;
  switch (def.type()) {
    case PropertyDef::INTEGER: {
      int64_t i;
      if (!absl::SimpleAtoi(s, &i)) return Bad(field, absl::StrCat("\"", s, "\" is not an integer"));
      v.set_int_value(i);
      return v;
    }
    case PropertyDef::DOUBLE: {
      double d;
      if (!absl::SimpleAtod(s, &d) || !std::isfinite(d)) {
        return Bad(field, absl::StrCat("\"", s, "\" is not a number"));
      }
      v.set_double_value(d);
      return v;
    }
    case PropertyDef::BOOLEAN:
      if (s == "true" || s == "1") v.set_bool_value(true);
      else if (s == "false" || s == "0") v.set_bool_value(false);
      else return Bad(field, absl::StrCat("\"", s, "\" is not true or false"));
      return v;
    case PropertyDef::DATE:
      if (!ValidDate(s)) return Bad(field, absl::StrCat("\"", s, "\" is not a date YYYY-MM-DD"));
      v.set_string_value(s);
      return v;
    case PropertyDef::DATETIME: {
      absl::Time t;
      if (!ValidDateTime(s, &t)) {
        return Bad(field, absl::StrCat("\"", s, "\" is not a date-time (RFC 3339, e.g. 2024-05-01T08:00:00+08:00)"));
      }
      v.set_string_value(s);
      return v;
    }
    default:
      v.set_string_value(s);
      return v;
  }
}

absl::StatusOr<PropertyValue> FromNumber(const PropertyDef& def, double n,
                                         absl::string_view field) {
  PropertyValue v;
  if (!std::isfinite(n)) return Bad(field, "not a finite number");
  switch (def.type()) {
    case PropertyDef::INTEGER:
      if (n != std::floor(n) || std::fabs(n) > kMaxExactInteger) {
        return Bad(field, absl::StrCat(n, " is not an integer (exact up to 2^53)"));
      }
      v.set_int_value(static_cast<int64_t>(n));
      return v;
    case PropertyDef::DOUBLE:
      v.set_double_value(n);
      return v;
    case PropertyDef::STRING:
      v.set_string_value(absl::StrCat(n));
      return v;
    default:
      return Bad(field, absl::StrCat("a number does not fit type ", PropertyDef::Type_Name(def.type())));
  }
}

// -1, 0, 1; for values of one property type (both set).
int Compare(const PropertyDef::Type type, const PropertyValue& a, const PropertyValue& b) {
  switch (type) {
    case PropertyDef::INTEGER:
      return a.int_value() < b.int_value() ? -1 : a.int_value() > b.int_value();
    case PropertyDef::DOUBLE:
      return a.double_value() < b.double_value() ? -1 : a.double_value() > b.double_value();
    case PropertyDef::BOOLEAN:
      return static_cast<int>(a.bool_value()) - static_cast<int>(b.bool_value());
    case PropertyDef::DATETIME: {
      absl::Time ta, tb;
      if (ValidDateTime(a.string_value(), &ta) && ValidDateTime(b.string_value(), &tb)) {
        return ta < tb ? -1 : ta > tb;
      }
      [[fallthrough]];
    }
    default:
      return a.string_value().compare(b.string_value()) < 0 ? -1
             : a.string_value() == b.string_value()         ? 0
                                                            : 1;
  }
}

}  // namespace

absl::StatusOr<PropertyValue> ToPropertyValue(const PropertyDef& def, const InputValue& value,
                                              absl::string_view field) {
  switch (value.kind) {
    case InputValue::kNull:
      return PropertyValue();
    case InputValue::kString:
      return FromString(def, value.string_value, field);
    case InputValue::kNumber:
      return FromNumber(def, value.number_value, field);
    case InputValue::kBool:
      if (def.type() == PropertyDef::BOOLEAN) {
        PropertyValue v;
        v.set_bool_value(value.bool_value);
        return v;
      }
      if (def.type() == PropertyDef::STRING) {
        PropertyValue v;
        v.set_string_value(value.bool_value ? "true" : "false");
        return v;
      }
      return Bad(field, absl::StrCat("a boolean does not fit type ", PropertyDef::Type_Name(def.type())));
  }
  return Bad(field, "unknown value kind");
}

InputValue ToInputValue(const PropertyValue& value) {
  InputValue out;
  switch (value.value_case()) {
    case PropertyValue::kStringValue:
      out.kind = InputValue::kString;
      out.string_value = value.string_value();
      break;
    case PropertyValue::kIntValue:
      out.kind = InputValue::kNumber;
      out.number_value = static_cast<double>(value.int_value());
      break;
    case PropertyValue::kDoubleValue:
      out.kind = InputValue::kNumber;
      out.number_value = value.double_value();
      break;
    case PropertyValue::kBoolValue:
      out.kind = InputValue::kBool;
      out.bool_value = value.bool_value();
      break;
    default:
      break;
  }
  return out;
}

absl::StatusOr<PropertyValue> CoerceValue(const PropertyDef& def, const PropertyValue& value,
                                          absl::string_view field) {
  if (value.value_case() == PropertyValue::kIntValue) {
    if (def.type() == PropertyDef::INTEGER) return value;
    if (def.type() == PropertyDef::STRING) {
      PropertyValue v;
      v.set_string_value(absl::StrCat(value.int_value()));
      return v;
    }
    if (def.type() == PropertyDef::BOOLEAN && (value.int_value() == 0 || value.int_value() == 1)) {
      PropertyValue v;
      v.set_bool_value(value.int_value() == 1);
      return v;
    }
  }
  return ToPropertyValue(def, ToInputValue(value), field);
}

const PropertyDef* FindProperty(const store::Layer& layer, absl::string_view name) {
  for (const PropertyDef& def : layer.schema()) {
    if (def.name() == name) return &def;
  }
  return nullptr;
}

const PropertyValue* FindValue(const StoredProperties& properties, absl::string_view name) {
  for (const store::Property& p : properties) {
    if (p.name() == name) return &p.value();
  }
  return nullptr;
}

absl::Status CheckProperties(const store::Layer& layer, const StoredProperties& properties,
                             absl::string_view field) {
  for (const store::Property& p : properties) {
    if (FindProperty(layer, p.name()) == nullptr) {
      return Bad(absl::StrCat(field, ".", p.name()),
                 absl::StrCat("layer ", layer.id(), " has no such property"));
    }
  }
  for (const PropertyDef& def : layer.schema()) {
    const PropertyValue* v = FindValue(properties, def.name());
    if (def.required() && (v == nullptr || v->value_case() == PropertyValue::VALUE_NOT_SET)) {
      return Bad(absl::StrCat(field, ".", def.name()), "required by the layer's schema");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<FeatureFilter> FeatureFilter::Compile(const store::Layer& layer,
                                                     const std::vector<AttributeFilter>& filters,
                                                     absl::string_view field) {
  FeatureFilter out;
  for (size_t i = 0; i < filters.size(); ++i) {
    const AttributeFilter& f = filters[i];
    const std::string path = absl::StrCat(field, "[", i, "]");
    const PropertyDef* def = FindProperty(layer, f.property);
    if (def == nullptr) {
      return Bad(absl::StrCat(path, ".property"),
                 absl::StrCat("layer ", layer.id(), " has no property \"", f.property, "\""));
    }
    const bool no_values = f.op == AttributeFilter::kIsNull || f.op == AttributeFilter::kIsNotNull;
    const bool many = f.op == AttributeFilter::kAnyOf;
    if (no_values ? !f.values.empty() : (many ? f.values.empty() : f.values.size() != 1)) {
      return Bad(absl::StrCat(path, ".values"),
                 no_values ? "takes no value" : (many ? "needs at least one value" : "needs exactly one value"));
    }
    if (f.op == AttributeFilter::kPrefix && def->type() != PropertyDef::STRING) {
      return Bad(absl::StrCat(path, ".op"), "PREFIX applies to STRING properties only");
    }
    Condition c{f.property, f.op, {}};
    for (size_t j = 0; j < f.values.size(); ++j) {
      absl::StatusOr<PropertyValue> v =
          f.op == AttributeFilter::kPrefix
              ? FromString(*def, f.values[j].string_value, absl::StrCat(path, ".values[", j, "]"))
              : ToPropertyValue(*def, f.values[j], absl::StrCat(path, ".values[", j, "]"));
      if (!v.ok()) return v.status();
      if (v->value_case() == PropertyValue::VALUE_NOT_SET) {
        return Bad(absl::StrCat(path, ".values[", j, "]"), "null: use IS_NULL / IS_NOT_NULL");
      }
      c.values.push_back(*std::move(v));
    }
    out.conditions_.push_back(std::move(c));
  }
  // Remember each condition's type through the values (same type as the property).
  out.types_.clear();
  for (const Condition& c : out.conditions_) out.types_.push_back(FindProperty(layer, c.property)->type());
  return out;
}

bool FeatureFilter::Matches(const StoredProperties& properties) const {
  for (size_t i = 0; i < conditions_.size(); ++i) {
    const Condition& c = conditions_[i];
    const PropertyValue* found = FindValue(properties, c.property);
    const bool present = found != nullptr && found->value_case() != PropertyValue::VALUE_NOT_SET;
    if (c.op == AttributeFilter::kIsNull) {
      if (present) return false;
      continue;
    }
    if (c.op == AttributeFilter::kIsNotNull) {
      if (!present) return false;
      continue;
    }
    if (!present) return false;  // null meets no comparison
    const PropertyValue& v = *found;
    const PropertyDef::Type type = types_[i];
    bool ok = false;
    switch (c.op) {
      case AttributeFilter::kEqual: ok = Compare(type, v, c.values[0]) == 0; break;
      case AttributeFilter::kNotEqual: ok = Compare(type, v, c.values[0]) != 0; break;
      case AttributeFilter::kLess: ok = Compare(type, v, c.values[0]) < 0; break;
      case AttributeFilter::kLessOrEqual: ok = Compare(type, v, c.values[0]) <= 0; break;
      case AttributeFilter::kGreater: ok = Compare(type, v, c.values[0]) > 0; break;
      case AttributeFilter::kGreaterOrEqual: ok = Compare(type, v, c.values[0]) >= 0; break;
      case AttributeFilter::kAnyOf:
        for (const PropertyValue& want : c.values) ok = ok || Compare(type, v, want) == 0;
        break;
      case AttributeFilter::kPrefix: ok = absl::StartsWith(v.string_value(), c.values[0].string_value()); break;
      default: break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace mdhub::geo

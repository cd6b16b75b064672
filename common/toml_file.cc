#include "common/toml_file.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace mdhub {
namespace {

absl::Status WrongType(const toml::table& t, const std::string& key, const std::string& file,
                       const char* expected) {
  const toml::node* node = t.get(key);
  const auto& where = node->source().begin;
  return absl::InvalidArgumentError(absl::StrCat(file, ":", where.line, ":", where.column, ": ",
                                                 key, " must be ", expected));
}

}  // namespace

namespace {

absl::Status ParseError(const toml::parse_error& err, const std::string& path) {
  if (!err.source().begin) {
    return absl::NotFoundError(absl::StrCat(path, ": ", std::string(err.description())));
  }
  return absl::InvalidArgumentError(absl::StrCat(path, ":", err.source().begin.line, ":",
                                                 err.source().begin.column, ": ",
                                                 std::string(err.description())));
}

}  // namespace

absl::StatusOr<toml::table> ParseTomlText(const std::string& text, const std::string& name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    return ParseError(err, name);
  }
}

absl::StatusOr<toml::table> ParseTomlFile(const std::string& path) {
  // Debian's toml++ is built with exceptions; they are caught here and go no further.
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& err) {
    return ParseError(err, path);
  }
}

absl::Status ReadString(const toml::table& t, const std::string& key, const std::string& file,
                        std::string* out) {
  if (!t.contains(key)) return absl::OkStatus();
  auto v = t.get(key)->value<std::string>();
  if (!v) return WrongType(t, key, file, "a string");
  *out = *v;
  return absl::OkStatus();
}

absl::Status ReadBool(const toml::table& t, const std::string& key, const std::string& file,
                      bool* out) {
  if (!t.contains(key)) return absl::OkStatus();
  auto v = t.get(key)->value<bool>();
  if (!v) return WrongType(t, key, file, "true or false");
  *out = *v;
  return absl::OkStatus();
}

absl::Status ReadInt(const toml::table& t, const std::string& key, const std::string& file,
                     int64_t* out) {
  if (!t.contains(key)) return absl::OkStatus();
  auto v = t.get(key)->value<int64_t>();
  if (!v) return WrongType(t, key, file, "an integer");
  *out = *v;
  return absl::OkStatus();
}

absl::Status ReadStringList(const toml::table& t, const std::string& key, const std::string& file,
                            std::vector<std::string>* out) {
  if (!t.contains(key)) return absl::OkStatus();
  const toml::array* arr = t.get(key)->as_array();
  if (arr == nullptr) return WrongType(t, key, file, "a list of strings");
  out->clear();
  for (const toml::node& n : *arr) {
    auto v = n.value<std::string>();
    if (!v) return WrongType(t, key, file, "a list of strings");
    out->push_back(*v);
  }
  return absl::OkStatus();
}

absl::Status RejectUnknownKeys(const toml::table& t, const std::vector<std::string>& known,
                               const std::string& file, const std::string& where) {
  for (const auto& [k, node] : t) {
    const std::string key(k.str());
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      const auto& pos = k.source().begin;
      return absl::InvalidArgumentError(absl::StrCat(
          file, ":", pos.line, ":", pos.column, ": unknown key \"", key, "\"", where,
          " (known: ", absl::StrJoin(known, ", "), ")"));
    }
  }
  return absl::OkStatus();
}

}  // namespace mdhub

// Reading TOML files (the server config and the access policy) with errors that name the file,
// line and column, or the key and what was expected.
#ifndef MDHUB_COMMON_TOML_FILE_H_
#define MDHUB_COMMON_TOML_FILE_H_

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace mdhub {

absl::StatusOr<toml::table> ParseTomlFile(const std::string& path);
// Parses TOML text; errors are reported as "name:line:column: ...".
absl::StatusOr<toml::table> ParseTomlText(const std::string& text, const std::string& name);

// Typed reads: absent keys leave *out unchanged; a value of the wrong type is INVALID_ARGUMENT
// naming "<path>: <key>".
absl::Status ReadString(const toml::table& t, const std::string& key, const std::string& file,
                        std::string* out);
absl::Status ReadBool(const toml::table& t, const std::string& key, const std::string& file,
                      bool* out);
absl::Status ReadInt(const toml::table& t, const std::string& key, const std::string& file,
                     int64_t* out);
absl::Status ReadStringList(const toml::table& t, const std::string& key, const std::string& file,
                            std::vector<std::string>* out);
// INVALID_ARGUMENT for keys of `t` that are not in `known` (catches typos in config files).
absl::Status RejectUnknownKeys(const toml::table& t, const std::vector<std::string>& known,
                               const std::string& file, const std::string& where);

}  // namespace mdhub

#endif  // MDHUB_COMMON_TOML_FILE_H_

// Policy: which agency may call which methods and write which sources. Deny by default. Loaded
// from a TOML file:
//   [agencies.ps]                       # the agency id = client certificate common name
//   methods = ["mdhub.v1.PopulationService/*", "mdhub.v1.AdminService/Ping"]
//   write_sources = ["ps.hukou"]        # "ps.*" grants every source starting with "ps."
//   read_layers = ["admin.*", "land.parcel"]  # optional: only these layers of the one map (and
//                                       # its own); without it, every layer its methods reach
#ifndef MDHUB_SERVICES_POLICY_H_
#define MDHUB_SERVICES_POLICY_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdhub::services {

// Immutable after Load; thread-safe.
class Policy {
 public:
  struct Grant {
    std::vector<std::string> methods;
    std::vector<std::string> write_sources;
    // Layers of the one map the agency may read besides its own; nullopt = every layer.
    std::optional<std::vector<std::string>> read_layers;
  };

  static absl::StatusOr<Policy> Load(const std::string& path);
  static Policy FromGrants(std::map<std::string, Grant> grants);

  // OK, or PERMISSION_DENIED saying what is missing. `method` is "package.Service/Method".
  absl::Status AuthorizeMethod(absl::string_view agency, absl::string_view method) const;
  absl::Status AuthorizeWrite(absl::string_view agency, absl::string_view source) const;
  // Reading a layer (its description, features, changes, export): OK for the layer's owner, for
  // an agency without read_layers, and for one whose read_layers match the layer id;
  // PERMISSION_DENIED naming the layer otherwise.
  absl::Status AuthorizeLayerRead(absl::string_view agency, absl::string_view layer_id,
                                  absl::string_view owner_agency) const;

  // The agency's grant; empty when the policy does not name it.
  Grant GrantOf(absl::string_view agency) const;

 private:
  std::map<std::string, Grant, std::less<>> grants_;
};

// True when `name` equals `pattern`, or `pattern` ends in '*' and `name` starts with the rest.
bool MatchesPattern(absl::string_view pattern, absl::string_view name);

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_POLICY_H_

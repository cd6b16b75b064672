// Policy: which agency may call which methods and write which sources. Deny by default. Loaded
// from a TOML file:
//   [agencies.ps]                       # the agency id = client certificate common name
//   methods = ["mdhub.v1.PopulationService/*", "mdhub.v1.AdminService/Ping"]
//   write_sources = ["ps.hukou"]        # "ps.*" grants every source starting with "ps."
#ifndef MDHUB_SERVICES_POLICY_H_
#define MDHUB_SERVICES_POLICY_H_

#include <map>
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
  };

  static absl::StatusOr<Policy> Load(const std::string& path);
  static Policy FromGrants(std::map<std::string, Grant> grants);

  // OK, or PERMISSION_DENIED saying what is missing. `method` is "package.Service/Method".
  absl::Status AuthorizeMethod(absl::string_view agency, absl::string_view method) const;
  absl::Status AuthorizeWrite(absl::string_view agency, absl::string_view source) const;

  // The agency's grant; empty when the policy does not name it.
  Grant GrantOf(absl::string_view agency) const;

 private:
  std::map<std::string, Grant, std::less<>> grants_;
};

// True when `name` equals `pattern`, or `pattern` ends in '*' and `name` starts with the rest.
bool MatchesPattern(absl::string_view pattern, absl::string_view name);

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_POLICY_H_

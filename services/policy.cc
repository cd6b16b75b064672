#include "services/policy.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/toml_file.h"

namespace mdhub::services {

bool MatchesPattern(absl::string_view pattern, absl::string_view name) {
  if (absl::EndsWith(pattern, "*")) {
    return absl::StartsWith(name, pattern.substr(0, pattern.size() - 1));
  }
  return pattern == name;
}

absl::StatusOr<Policy> Policy::Load(const std::string& path) {
  auto table = ParseTomlFile(path);
  if (!table.ok()) return table.status();
  if (auto s = RejectUnknownKeys(*table, {"agencies"}, path, ""); !s.ok()) return s;
  std::map<std::string, Grant> grants;
  if (const toml::table* agencies = (*table)["agencies"].as_table()) {
    for (const auto& [name, node] : *agencies) {
      const std::string agency(name.str());
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ": agencies.", agency, " must be a table"));
      }
      const std::string where = absl::StrCat(" in [agencies.", agency, "]");
      if (auto s = RejectUnknownKeys(*t, {"methods", "write_sources", "read_layers"}, path, where);
          !s.ok()) {
        return s;
      }
      Grant g;
      if (auto s = ReadStringList(*t, "methods", path, &g.methods); !s.ok()) return s;
      if (auto s = ReadStringList(*t, "write_sources", path, &g.write_sources);
          !s.ok()) {
        return s;
      }
      if (t->contains("read_layers")) {
        std::vector<std::string> layers;
        if (auto s = ReadStringList(*t, "read_layers", path, &layers); !s.ok()) return s;
        g.read_layers = std::move(layers);
      }
      grants[agency] = std::move(g);
    }
  }
  return FromGrants(std::move(grants));
}

Policy Policy::FromGrants(std::map<std::string, Grant> grants) {
  Policy p;
  for (auto& [k, v] : grants) p.grants_.emplace(k, std::move(v));
  return p;
}

Policy::Grant Policy::GrantOf(absl::string_view agency) const {
  auto it = grants_.find(agency);
  return it == grants_.end() ? Grant() : it->second;
}

absl::Status Policy::AuthorizeMethod(absl::string_view agency, absl::string_view method) const {
  auto it = grants_.find(agency);
  if (it == grants_.end()) {
    return absl::PermissionDeniedError(
        absl::StrCat("agency \"", agency, "\" is not in the access policy"));
  }
  for (const std::string& p : it->second.methods) {
    if (MatchesPattern(p, method)) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("agency \"", agency, "\" is not granted method ", method));
}

absl::Status Policy::AuthorizeLayerRead(absl::string_view agency, absl::string_view layer_id,
                                        absl::string_view owner_agency) const {
  auto it = grants_.find(agency);
  if (it == grants_.end()) {
    return absl::PermissionDeniedError(
        absl::StrCat("agency \"", agency, "\" is not in the access policy"));
  }
  if (!it->second.read_layers || agency == owner_agency) return absl::OkStatus();
  for (const std::string& p : *it->second.read_layers) {
    if (MatchesPattern(p, layer_id)) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(absl::StrCat("agency \"", agency, "\" may not read layer ",
                                                  layer_id, " (not in its read_layers)"));
}

absl::Status Policy::AuthorizeWrite(absl::string_view agency, absl::string_view source) const {
  auto it = grants_.find(agency);
  if (it != grants_.end()) {
    for (const std::string& p : it->second.write_sources) {
      if (MatchesPattern(p, source)) return absl::OkStatus();
    }
  }
  return absl::PermissionDeniedError(
      absl::StrCat("agency \"", agency, "\" may not write source \"", source, "\""));
}

}  // namespace mdhub::services

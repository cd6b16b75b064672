#include "services/config.h"

#include <filesystem>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/toml_file.h"

namespace mdhub::services {
namespace {

std::string Resolve(const std::filesystem::path& base, const std::string& p) {
  if (p.empty() || std::filesystem::path(p).is_absolute()) return p;
  return (base / p).lexically_normal().string();
}

}  // namespace

absl::StatusOr<ServerConfig> ServerConfig::Load(const std::string& path) {
  auto table = ParseTomlFile(path);
  if (!table.ok()) return table.status();
  ServerConfig c;
  const toml::table& t = *table;
  if (auto s = RejectUnknownKeys(
          t, {"listen", "metrics_listen", "http_listen", "web_dir", "data_dir", "log_level",
              "policy_file", "sync_writes", "cache_mb", "development_mode", "tls", "resolution"},
          path, "");
      !s.ok()) {
    return s;
  }
  for (auto [key, field] : {std::pair{"listen", &c.listen}, {"metrics_listen", &c.metrics_listen},
                            {"http_listen", &c.http_listen}, {"web_dir", &c.web_dir},
                            {"data_dir", &c.data_dir}, {"log_level", &c.log_level},
                            {"policy_file", &c.policy_file}}) {
    if (auto s = ReadString(t, key, path, field); !s.ok()) return s;
  }
  if (auto s = ReadBool(t, "sync_writes", path, &c.sync_writes); !s.ok()) return s;
  if (auto s = ReadInt(t, "cache_mb", path, &c.cache_mb); !s.ok()) return s;
  if (auto s = ReadBool(t, "development_mode", path, &c.development_mode); !s.ok()) {
    return s;
  }
  if (const toml::table* tls = t["tls"].as_table()) {
    if (auto s = RejectUnknownKeys(*tls, {"cert", "key", "client_ca"}, path, " in [tls]");
        !s.ok()) {
      return s;
    }
    for (auto [key, field] :
         {std::pair{"cert", &c.tls.cert}, {"key", &c.tls.key}, {"client_ca", &c.tls.client_ca}}) {
      if (auto s = ReadString(*tls, key, path, field); !s.ok()) return s;
    }
  }
  if (const toml::table* r = t["resolution"].as_table()) {
    if (auto s = RejectUnknownKeys(*r,
                                   {"person_settings", "person_model", "legal_entity_settings",
                                    "legal_entity_model"},
                                   path, " in [resolution]");
        !s.ok()) {
      return s;
    }
    for (auto [key, field] :
         {std::pair{"person_settings", &c.resolution.person_settings},
          {"person_model", &c.resolution.person_model},
          {"legal_entity_settings", &c.resolution.legal_entity_settings},
          {"legal_entity_model", &c.resolution.legal_entity_model}}) {
      if (auto s = ReadString(*r, key, path, field); !s.ok()) return s;
    }
  }
  const std::filesystem::path base = std::filesystem::absolute(path).parent_path();
  c.resolution.person_settings = Resolve(base, c.resolution.person_settings);
  c.resolution.person_model = Resolve(base, c.resolution.person_model);
  c.resolution.legal_entity_settings = Resolve(base, c.resolution.legal_entity_settings);
  c.resolution.legal_entity_model = Resolve(base, c.resolution.legal_entity_model);
  c.data_dir = Resolve(base, c.data_dir);
  c.web_dir = Resolve(base, c.web_dir);
  c.policy_file = Resolve(base, c.policy_file);
  c.tls.cert = Resolve(base, c.tls.cert);
  c.tls.key = Resolve(base, c.tls.key);
  c.tls.client_ca = Resolve(base, c.tls.client_ca);
  if (auto s = c.Validate(); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", s.message()));
  }
  return c;
}

absl::Status ServerConfig::Validate() const {
  LogLevel level;
  if (!ParseLogLevel(log_level, &level)) {
    return absl::InvalidArgumentError(
        absl::StrCat("log_level \"", log_level, "\" must be debug, info, warning or error"));
  }
  if (listen.empty()) return absl::InvalidArgumentError("listen must not be empty");
  if (data_dir.empty()) return absl::InvalidArgumentError("data_dir must not be empty");
  if (cache_mb < 8 || cache_mb > (int64_t{1} << 20)) {
    return absl::InvalidArgumentError(
        absl::StrCat("cache_mb must be between 8 and 1048576 (MiB), not ", cache_mb));
  }
  if (!web_dir.empty() && http_listen.empty()) {
    return absl::InvalidArgumentError(
        "web_dir needs http_listen: the map page is served by the HTTP gateway");
  }
  if (resolution.person_settings.empty() != resolution.person_model.empty()) {
    return absl::InvalidArgumentError(
        "[resolution] person_settings and person_model go together: give both or neither");
  }
  if (!development_mode) {
    for (auto [name, file] : {std::pair{"tls.cert", &tls.cert}, {"tls.key", &tls.key},
                              {"tls.client_ca", &tls.client_ca}}) {
      if (file->empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            name, " is required unless development_mode = true (mutual TLS identifies agencies)"));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<LoadedProfiles> LoadProfiles(const ResolutionConfig& config) {
  LoadedProfiles out;
  for (auto [settings, model, slot] :
       {std::tuple{&config.person_settings, &config.person_model, &out.person},
        {&config.legal_entity_settings, &config.legal_entity_model, &out.legal_entity}}) {
    if (settings->empty()) continue;
    auto profile = resolver::MatchProfile::Load(*settings, *model);
    if (!profile.ok()) return profile.status();
    *slot = *std::move(profile);
  }
  return out;
}

absl::StatusOr<std::pair<std::string, int>> SplitHostPort(const std::string& address,
                                                          absl::string_view key) {
  auto colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(key, " \"", address, "\" must be host:port"));
  }
  return std::make_pair(address.substr(0, colon), port);
}

}  // namespace mdhub::services

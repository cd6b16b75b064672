// ServerConfig: mdhubd's one configuration file (TOML), read once at start-up. See
// config/mdhubd.toml for the documented example.
#ifndef MDHUB_SERVICES_CONFIG_H_
#define MDHUB_SERVICES_CONFIG_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "resolver/match/profile.h"
#include "resolver/record_resolver.h"
#include "store/rocksdb_kv_store.h"

namespace mdhub::services {

struct TlsConfig {
  // PEM files. All three are required unless the server runs in development mode.
  std::string cert;
  std::string key;
  // CA that signs agency client certificates.
  std::string client_ca;
};

// How records are linked to entities on arrival. Without a profile for a kind, its records link
// only through shared identifiers and stewards' decisions.
struct ResolutionConfig {
  // Matching settings (docs/matching.md) and the model trained for them by
  // `mdhub match --save-model`, for person records.
  std::string person_settings;
  std::string person_model;
  // The same for legal-entity records (docs/examples/orgs).
  std::string legal_entity_settings;
  std::string legal_entity_model;
};

// The matching profiles a ResolutionConfig names, loaded; null for a kind without settings.
struct LoadedProfiles {
  std::unique_ptr<resolver::MatchProfile> person;
  std::unique_ptr<resolver::MatchProfile> legal_entity;
  resolver::ResolverProfiles view() const { return {person.get(), legal_entity.get()}; }
};
absl::StatusOr<LoadedProfiles> LoadProfiles(const ResolutionConfig& config);

// A "host:port" listen address split; port 0 is allowed (any free port). INVALID_ARGUMENT
// naming the config `key` when it is malformed.
absl::StatusOr<std::pair<std::string, int>> SplitHostPort(const std::string& address,
                                                          absl::string_view key);

struct ServerConfig {
  // gRPC listen address; port 0 picks a free port.
  std::string listen = "127.0.0.1:7443";
  // Prometheus metrics over HTTP at /metrics; empty disables.
  std::string metrics_listen = "127.0.0.1:9464";
  // The HTTP gateway for GIS clients (OGC API – Features at /ogc, the map page at /map/): HTTPS
  // with the tls certificates and a required client certificate, plain HTTP in development mode.
  // Port 0 picks a free port; empty disables.
  std::string http_listen = "127.0.0.1:7480";
  // The built map page (web/dist), served at /map/ by the HTTP gateway; empty = no map page.
  std::string web_dir;
  // Store directory: the database lives in <data_dir>/db, online backups in <data_dir>/backups.
  std::string data_dir = "./data";
  // debug, info, warning or error.
  std::string log_level = "info";
  // Access policy file (see config/policy.toml).
  std::string policy_file = "policy.toml";
  // fsync the write-ahead log before acknowledging a write (survives a machine crash too).
  bool sync_writes = true;
  // The store's block cache in MiB (uncompressed blocks). Linking a record reads index entries
  // all over the store: a cache that holds the store's working set saves reading and
  // decompressing blocks again and again.
  int64_t cache_mb = 4096;
  // No TLS: the agency is taken from the x-mdhub-agency request header. For development only.
  bool development_mode = false;
  TlsConfig tls;
  ResolutionConfig resolution;

  std::string db_path() const { return data_dir + "/db"; }
  // How to open the store at db_path().
  store::RocksDbOptions store_options() const {
    return {.path = db_path(),
            .sync_writes = sync_writes,
            .block_cache_bytes = static_cast<size_t>(cache_mb) << 20};
  }
  std::string backup_dir() const { return data_dir + "/backups"; }

  // Reads a config file. Relative paths in it are taken relative to the file's directory.
  // INVALID_ARGUMENT names file, line and column (or key) of a problem.
  static absl::StatusOr<ServerConfig> Load(const std::string& path);
  // Checks the combination of settings (TLS files present unless development mode, ...).
  absl::Status Validate() const;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_CONFIG_H_

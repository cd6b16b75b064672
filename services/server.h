// Server: mdhubd's whole server — store, resolver, policy, audit, the gRPC services (with health
// checking and reflection), the HTTP gateway (OGC API – Features, map page) and the metrics
// endpoint — started from a ServerConfig. Used by
// mdhubd's main and, in-process on port 0, by the end-to-end tests.
#ifndef MDHUB_SERVICES_SERVER_H_
#define MDHUB_SERVICES_SERVER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "services/config.h"

namespace mdhub::services {

class Server {
 public:
  virtual ~Server() = default;

  // Opens the store and starts serving. clock must outlive the server. FAILED_PRECONDITION when
  // the data directory is in use, INVALID_ARGUMENT for unreadable TLS material or policy.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerConfig& config,
                                                       const Clock& clock);

  // The bound gRPC port (useful when the config asked for port 0).
  virtual int port() const = 0;
  // The bound metrics port, or 0 when metrics are off.
  virtual int metrics_port() const = 0;
  // The bound port of the HTTP gateway (OGC API – Features, map page), or 0 when it is off.
  virtual int http_port() const = 0;
  // Stops accepting calls, lets running calls finish for up to `grace`, then cancels the rest,
  // and closes the store. Idempotent.
  virtual void Shutdown(absl::Duration grace) = 0;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_SERVER_H_

// HttpGateway: mdhubd's HTTP listener for clients that do not speak gRPC — the one map as OGC API
// – Features under /ogc (what QGIS, GDAL and web maps read) and, when configured, static files
// (the map page) — under the same authentication, authorisation and audit as the gRPC services:
// the agency is the client certificate's common name (mutual TLS, the server's certificate and
// client CA), every /ogc request is authorised as the SpatialService method it amounts to and
// audited as "ogcapi:GET <path>". In development mode it serves plain HTTP and the agency is named
// by the x-mdhub-agency header or an ?agency= query parameter (for browsers).
#ifndef MDHUB_SERVICES_HTTP_GATEWAY_H_
#define MDHUB_SERVICES_HTTP_GATEWAY_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/backend.h"
#include "services/config.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace mdhub::services {

class HttpGateway {
 public:
  struct Options {
    // "host:port"; port 0 picks a free port.
    std::string listen;
    // Plain HTTP, agency from the x-mdhub-agency header or ?agency=.
    bool development_mode = false;
    // Unless development_mode: the server certificate and key, and the CA whose client
    // certificates are accepted (one is required).
    TlsConfig tls;
  };

  // Binds the listener; requests are served after Start(). `backend` must outlive the gateway.
  // INVALID_ARGUMENT for a malformed address or unusable TLS files (naming the file),
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpGateway>> Create(Backend& backend,
                                                             const Options& options);
  ~HttpGateway();

  // Serves the files under `dir` at `url_prefix` (e.g. "/map/"; "/map" redirects there), without
  // authorisation or audit beyond the TLS handshake: static files hold no registry data.
  // REQUIRES: before Start(). INVALID_ARGUMENT when dir is not a directory.
  absl::Status ServeStatic(const std::string& url_prefix, const std::string& dir);

  // Starts serving on a thread of its own, returning once the listener runs. UNAVAILABLE when
  // it does not start.
  absl::Status Start();
  // Stops accepting requests and waits for the listener thread. Idempotent.
  void Stop();

  // The bound port.
  int port() const { return port_; }

 private:
  explicit HttpGateway(std::unique_ptr<httplib::Server> http);

  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::atomic<bool> done_{false};  // set when the listener thread's loop returned
  int port_ = 0;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_HTTP_GATEWAY_H_

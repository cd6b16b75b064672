// UnimplementedAudit: the server's answer to methods it does not have (a client built from a newer
// API, a typo): UNIMPLEMENTED, audited and counted like any other call, so that every call
// reaches the audit log and the metrics, not only those that a service handles. A generic service
// that gRPC hands only the calls no registered service takes — unlike an interceptor, it costs the
// served calls nothing.
#ifndef MDHUB_SERVICES_UNIMPLEMENTED_AUDIT_H_
#define MDHUB_SERVICES_UNIMPLEMENTED_AUDIT_H_

#include "grpcpp/generic/async_generic_service.h"
#include "services/backend.h"

namespace mdhub::services {

class UnimplementedAudit final : public grpc::CallbackGenericService {
 public:
  // backend must outlive the server.
  explicit UnimplementedAudit(Backend& backend) : backend_(backend) {}

  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override;

 private:
  Backend& backend_;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_UNIMPLEMENTED_AUDIT_H_

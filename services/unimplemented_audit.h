// UnimplementedAudit: a server interceptor that audits and counts the calls that gRPC answers
// UNIMPLEMENTED by itself — methods whose capability belongs to a later release — so that every
// call reaches the audit log and the metrics, not only those that a service handles.
#ifndef MDHUB_SERVICES_UNIMPLEMENTED_AUDIT_H_
#define MDHUB_SERVICES_UNIMPLEMENTED_AUDIT_H_

#include <memory>

#include "grpcpp/support/server_interceptor.h"
#include "services/backend.h"

namespace mdhub::services {

// Creates one interceptor per call. backend must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewUnimplementedAudit(
    Backend& backend);

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_UNIMPLEMENTED_AUDIT_H_

// The one place where absl::Status becomes grpc::Status (their codes are the same numbers).
#ifndef MDHUB_SERVICES_STATUS_CONVERT_H_
#define MDHUB_SERVICES_STATUS_CONVERT_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace mdhub::services {

inline grpc::Status ToGrpcStatus(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

inline absl::Status FromGrpcStatus(const grpc::Status& s) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_STATUS_CONVERT_H_

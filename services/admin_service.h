// AdminService: liveness, caller information, online backup and the audit log over gRPC.
#ifndef MDHUB_SERVICES_ADMIN_SERVICE_H_
#define MDHUB_SERVICES_ADMIN_SERVICE_H_

#include "mdhub/v1/admin.grpc.pb.h"
#include "services/backend.h"

namespace mdhub::services {

class AdminService final : public v1::AdminService::Service {
 public:
  explicit AdminService(Backend& backend) : backend_(backend) {}

  grpc::Status Ping(grpc::ServerContext* ctx, const v1::PingRequest* req,
                    v1::PingResponse* resp) override;
  grpc::Status GetCallerInfo(grpc::ServerContext* ctx, const v1::GetCallerInfoRequest* req,
                             v1::CallerInfo* resp) override;
  grpc::Status CreateBackup(grpc::ServerContext* ctx, const v1::CreateBackupRequest* req,
                            v1::CreateBackupResponse* resp) override;
  grpc::Status VerifyAudit(grpc::ServerContext* ctx, const v1::VerifyAuditRequest* req,
                           v1::VerifyAuditResponse* resp) override;
  grpc::Status ListAuditEntries(grpc::ServerContext* ctx, const v1::ListAuditEntriesRequest* req,
                                v1::ListAuditEntriesResponse* resp) override;

 private:
  Backend& backend_;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_ADMIN_SERVICE_H_

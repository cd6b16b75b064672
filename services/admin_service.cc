#include "services/admin_service.h"

#include "absl/strings/str_cat.h"
#include "services/call_scope.h"
#include "services/internal/mapping.h"

namespace mdhub::services {

#define MDHUB_METHOD(name) "mdhub.v1.AdminService/" #name

grpc::Status AdminService::Ping(grpc::ServerContext* ctx, const v1::PingRequest* req,
                                v1::PingResponse* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(Ping),
                    [](CallScope&) { return absl::OkStatus(); });
}

grpc::Status AdminService::GetCallerInfo(grpc::ServerContext* ctx,
                                         const v1::GetCallerInfoRequest* req,
                                         v1::CallerInfo* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(GetCallerInfo), [&](CallScope& call) {
    resp->set_agency(call.caller().agency);
    resp->set_end_user(call.caller().end_user);
    resp->set_purpose(call.caller().purpose);
    Policy::Grant grant = backend_.policy.GrantOf(call.caller().agency);
    for (const std::string& m : grant.methods) resp->add_granted_methods(m);
    for (const std::string& s : grant.write_sources) resp->add_writable_sources(s);
    resp->set_all_layers_readable(!grant.read_layers.has_value());
    for (const std::string& l : grant.read_layers.value_or(std::vector<std::string>())) {
      resp->add_readable_layers(l);
    }
    resp->set_development_mode(backend_.development_mode);
    return absl::OkStatus();
  });
}

grpc::Status AdminService::CreateBackup(grpc::ServerContext* ctx,
                                        const v1::CreateBackupRequest* req,
                                        v1::CreateBackupResponse* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(CreateBackup), [&](CallScope& call) {
    auto info = backend_.kv.CreateBackup(backend_.backup_dir);
    if (!info.ok()) return info.status();
    resp->set_backup_id(info->id);
    resp->set_backup_dir(backend_.backup_dir);
    resp->set_size_bytes(info->size_bytes);
    call.Touch(absl::StrCat("backup ", info->id));
    return absl::OkStatus();
  });
}

grpc::Status AdminService::VerifyAudit(grpc::ServerContext* ctx,
                                       const v1::VerifyAuditRequest* req,
                                       v1::VerifyAuditResponse* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(VerifyAudit), [&](CallScope&) {
    auto v = backend_.audit.Verify();
    if (!v.ok()) return v.status();
    resp->set_ok(v->ok);
    resp->set_entries(v->entries);
    resp->set_first_bad_sequence(v->first_bad_sequence);
    resp->set_problem(v->problem);
    return absl::OkStatus();
  });
}

grpc::Status AdminService::ListAuditEntries(grpc::ServerContext* ctx,
                                            const v1::ListAuditEntriesRequest* req,
                                            v1::ListAuditEntriesResponse* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(ListAuditEntries), [&](CallScope&) {
    if (req->page_size() < 0) return absl::InvalidArgumentError("page_size: must not be negative");
    const int size = req->page_size() == 0 ? 100 : std::min(req->page_size(), 1000);
    auto entries = backend_.audit.List(req->after_sequence(), size);
    if (!entries.ok()) return entries.status();
    for (const store::AuditEntry& e : *entries) internal::ToApi(e, resp->add_entries());
    return absl::OkStatus();
  });
}

#undef MDHUB_METHOD

}  // namespace mdhub::services

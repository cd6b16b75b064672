#include "services/unimplemented_audit.h"

#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "services/call_scope.h"

namespace mdhub::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

class Interceptor final : public grpc::experimental::Interceptor {
 public:
  Interceptor(Backend& backend, grpc::experimental::ServerRpcInfo* info)
      : backend_(backend), info_(info), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      Audit();
    }
    methods->Proceed();
  }

 private:
  void Audit() {
    absl::string_view method = info_->method();
    if (!method.empty() && method.front() == '/') method.remove_prefix(1);
    store::AuditEntry entry;
    auto caller = IdentifyCaller(*info_->server_context(), backend_.development_mode);
    if (caller.ok()) {
      entry.set_agency(caller->agency);
      entry.set_end_user(caller->end_user);
      entry.set_purpose(caller->purpose);
    }
    entry.set_method(std::string(method));
    entry.set_code(static_cast<int>(grpc::StatusCode::UNIMPLEMENTED));
    entry.set_detail("not available in this release");
    if (auto s = backend_.audit.Append(std::move(entry)); !s.ok()) {
      Log(LogLevel::kError, "audit append failed", {{"error", s.status().ToString()}});
    }
    backend_.metrics.Record(method, static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
                            absl::Now() - start_);
  }

  Backend& backend_;
  grpc::experimental::ServerRpcInfo* const info_;
  const absl::Time start_;
};

class Factory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit Factory(Backend& backend) : backend_(backend) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new Interceptor(backend_, info);  // gRPC takes ownership
  }

 private:
  Backend& backend_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewUnimplementedAudit(
    Backend& backend) {
  return std::make_unique<Factory>(backend);
}

}  // namespace mdhub::services

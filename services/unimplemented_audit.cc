#include "services/unimplemented_audit.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "services/call_scope.h"

namespace mdhub::services {
namespace {

class Refusal final : public grpc::ServerGenericBidiReactor {
 public:
  explicit Refusal(const std::string& method) {
    Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        absl::StrCat("method ", method, " is not served by this mdhubd")));
  }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerGenericBidiReactor* UnimplementedAudit::CreateReactor(
    grpc::GenericCallbackServerContext* ctx) {
  const absl::Time start = absl::Now();
  absl::string_view method = ctx->method();
  if (!method.empty() && method.front() == '/') method.remove_prefix(1);
  store::AuditEntry entry;
  auto caller = IdentifyCaller(*ctx, backend_.development_mode);
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
  // The metrics label is fixed: a client may send any method name.
  backend_.metrics.Record("unknown method", static_cast<int>(grpc::StatusCode::UNIMPLEMENTED),
                          absl::Now() - start);
  return new Refusal(std::string(method));
}

}  // namespace mdhub::services

#include "services/call_scope.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "services/status_convert.h"

namespace mdhub::services {
namespace {

constexpr size_t kMaxHeader = 256;
// Enough for a page of the largest list call (1,000 entities) with its summary.
constexpr size_t kMaxTouched = 1024;

std::string Header(const grpc::ServerContextBase& context, const char* name) {
  const auto& md = context.client_metadata();
  auto it = md.find(name);
  if (it == md.end()) return "";
  std::string value(it->second.data(), std::min(it->second.size(), kMaxHeader));
  return value;
}

absl::StatusOr<std::string> Authenticate(const grpc::ServerContextBase& context, bool dev_mode) {
  if (dev_mode) {
    std::string agency = Header(context, "x-mdhub-agency");
    return agency.empty() ? std::string("dev") : agency;
  }
  auto auth = context.auth_context();
  if (auth != nullptr) {
    auto names = auth->FindPropertyValues("x509_common_name");
    if (!names.empty()) return std::string(names.front().data(), names.front().size());
  }
  return absl::UnauthenticatedError(
      "no client certificate with a common name: connect with the agency's certificate");
}

}  // namespace

Caller MakeCaller(std::string agency, absl::string_view end_user, absl::string_view purpose) {
  return Caller{std::move(agency), std::string(end_user.substr(0, kMaxHeader)),
                std::string(purpose.substr(0, kMaxHeader))};
}

absl::StatusOr<Caller> IdentifyCaller(const grpc::ServerContextBase& context, bool dev_mode) {
  auto agency = Authenticate(context, dev_mode);
  if (!agency.ok()) return agency.status();
  return MakeCaller(*std::move(agency), Header(context, "x-mdhub-user"),
                    Header(context, "x-mdhub-purpose"));
}

CallScope::CallScope(Backend& backend, grpc::ServerContextBase& context, absl::string_view method)
    : CallScope(backend, IdentifyCaller(context, backend.development_mode),
                Names{std::string(method), "", ""}) {}

CallScope::CallScope(Backend& backend, absl::StatusOr<Caller> caller, Names names)
    : backend_(backend),
      method_(std::move(names.method)),
      audited_as_(names.audited_as.empty() ? method_ : std::move(names.audited_as)),
      metric_(names.metric.empty() ? method_ : std::move(names.metric)),
      start_(absl::Now()) {
  if (!caller.ok()) {
    admission_ = caller.status();
    return;
  }
  caller_ = *std::move(caller);
  admission_ = backend.policy.AuthorizeMethod(caller_.agency, method_);
}

void CallScope::Touch(std::string what) {
  if (touched_.size() < kMaxTouched) touched_.push_back(std::move(what));
}

store::AuditEntry CallScope::PendingAuditEntry() const {
  store::AuditEntry entry;
  entry.set_agency(caller_.agency);
  entry.set_end_user(caller_.end_user);
  entry.set_purpose(caller_.purpose);
  entry.set_method(audited_as_);
  for (const std::string& t : touched_) entry.add_touched(t);
  return entry;
}

absl::Status CallScope::AuthorizeKindRead(store::Kind kind) const {
  const absl::string_view method = kind == store::PERSON ? kReadPersons : kReadLegalEntities;
  if (backend_.policy.AuthorizeMethod(caller_.agency, method).ok()) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("agency \"", caller_.agency, "\" may not read ",
                   kind == store::PERSON ? "persons" : "legal entities", ": not granted ", method));
}

absl::Status CallScope::AuthorizeLayerRead(const store::Layer& layer) const {
  return backend_.policy.AuthorizeLayerRead(caller_.agency, layer.id(), layer.owner_agency());
}

absl::Status CallScope::AuthorizeLayerRead(absl::string_view layer_id) const {
  auto info = backend_.one_map.Info(layer_id);
  if (!info.ok()) return info.status();
  return AuthorizeLayerRead((*info)->layer);
}

grpc::Status CallScope::Finish(const absl::Status& status) {
  return ToGrpcStatus(Complete(status));
}

absl::Status CallScope::Complete(const absl::Status& status) {
  backend_.metrics.Record(metric_, static_cast<int>(status.code()), absl::Now() - start_);
  if (audited_) return status;
  store::AuditEntry entry = PendingAuditEntry();
  entry.set_code(static_cast<int>(status.code()));
  if (!status.ok()) entry.set_detail(std::string(status.message()));
  absl::StatusOr<uint64_t> appended = backend_.audit.Append(std::move(entry));
  if (!appended.ok()) {
    // A call that cannot be audited must not succeed.
    Log(LogLevel::kError, "audit append failed",
        {{"method", audited_as_}, {"error", appended.status().ToString()}});
    return absl::UnavailableError("audit log unavailable; the call was not served");
  }
  if (!status.ok() && status.code() != absl::StatusCode::kNotFound) {
    Log(LogLevel::kInfo, "call failed",
        {{"method", audited_as_}, {"agency", caller_.agency}, {"error", status.ToString()}});
  }
  return status;
}

grpc::Status HandleCall(Backend& backend, grpc::ServerContextBase* context,
                        absl::string_view method,
                        absl::FunctionRef<absl::Status(CallScope&)> body,
                        std::optional<absl::Time> received) {
  CallScope call(backend, *context, method);
  if (received) call.ReceivedAt(*received);
  if (!call.admission().ok()) return call.Finish(call.admission());
  return call.Finish(body(call));
}

}  // namespace mdhub::services

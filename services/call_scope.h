// CallScope: what every call — gRPC, or a request to the HTTP gateway — does around its work:
// authenticate the agency (mutual-TLS client certificate, or the x-mdhub-agency header in
// development mode), read end user and purpose from the x-mdhub-user / x-mdhub-purpose headers,
// authorise the method against the policy, and at the end write the audit entry and record
// metrics.
#ifndef MDHUB_SERVICES_CALL_SCOPE_H_
#define MDHUB_SERVICES_CALL_SCOPE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "services/backend.h"

namespace mdhub::services {

struct Caller {
  std::string agency;
  std::string end_user;
  std::string purpose;
};

// A caller from what a transport presented: the authenticated agency, and the end user and purpose
// headers (each cut to 256 bytes, as audit entries keep them).
Caller MakeCaller(std::string agency, absl::string_view end_user, absl::string_view purpose);

// Who is calling: the agency from the client certificate (or, in development mode, the
// x-mdhub-agency header), end user and purpose from the headers. UNAUTHENTICATED without one.
absl::StatusOr<Caller> IdentifyCaller(const grpc::ServerContextBase& context, bool dev_mode);

// One per call; not thread-safe.
class CallScope {
 public:
  // What a call is called where.
  struct Names {
    // Authorised against the policy: "package.Service/Method".
    std::string method;
    // Written in the audit entry; empty = `method`.
    std::string audited_as;
    // The metrics label (a bounded set of names); empty = `method`.
    std::string metric;
  };

  // A gRPC call: the caller from the context. `method` is "package.Service/Method".
  CallScope(Backend& backend, grpc::ServerContextBase& context, absl::string_view method);
  // A call over any transport: `caller` is who it presented, or why it could not be identified
  // (UNAUTHENTICATED), which becomes the admission status.
  CallScope(Backend& backend, absl::StatusOr<Caller> caller, Names names);
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

  // OK when the caller is authenticated and may call the method.
  const absl::Status& admission() const { return admission_; }
  const Caller& caller() const { return caller_; }
  Backend& backend() { return backend_; }

  // Names an entity id or record the call read or wrote, for the audit entry.
  void Touch(std::string what);
  // When the call came, if before the scope was made (its latency counts from then).
  void ReceivedAt(absl::Time t) { start_ = t; }

  // The audit entry of this call as it stands (caller, method, touched so far), for a write that
  // commits it atomically with its data (RecordResolver::ApplyBatch). Call MarkAudited() when
  // that write committed, so that Finish does not audit the call a second time.
  store::AuditEntry PendingAuditEntry() const;
  void MarkAudited() { audited_ = true; }

  // PERMISSION_DENIED unless the caller may read persons (kind PERSON) or legal entities: the
  // grant of kReadPersons or kReadLegalEntities, whichever service else serves such data.
  absl::Status AuthorizeKindRead(store::Kind kind) const;
  static constexpr absl::string_view kReadPersons = "mdhub.v1.PopulationService/GetPerson";
  static constexpr absl::string_view kReadLegalEntities =
      "mdhub.v1.LegalEntityService/GetLegalEntity";

  // PERMISSION_DENIED unless the caller may read the layer (Policy::AuthorizeLayerRead).
  absl::Status AuthorizeLayerRead(const store::Layer& layer) const;
  // The same by id, reading the layer's owner; NOT_FOUND for an unknown layer.
  absl::Status AuthorizeLayerRead(absl::string_view layer_id) const;

  // Audits the call (unless already audited) and records metrics. Returns `status`, or
  // UNAVAILABLE when the audit entry cannot be written (the call must then not be served). Call
  // Complete or Finish exactly once.
  absl::Status Complete(const absl::Status& status);
  // Complete, converted for gRPC.
  grpc::Status Finish(const absl::Status& status);

 private:
  Backend& backend_;
  const std::string method_;
  const std::string audited_as_;
  const std::string metric_;
  absl::Time start_;
  Caller caller_;
  absl::Status admission_;
  std::vector<std::string> touched_;
  bool audited_ = false;
};

// Runs `body` for an admitted call and finishes the scope with its status. The call's latency
// counts from `received` when given (a call that waited for a thread), else from now.
grpc::Status HandleCall(Backend& backend, grpc::ServerContextBase* context,
                        absl::string_view method,
                        absl::FunctionRef<absl::Status(CallScope&)> body,
                        std::optional<absl::Time> received = std::nullopt);

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_CALL_SCOPE_H_

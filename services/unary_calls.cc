#include "services/unary_calls.h"

#include <utility>

#include "absl/time/clock.h"

namespace mdhub::services {

void UnaryCalls::Run(std::function<void()> call, Work work) {
  if (work == Work::kShort) {
    // Counted while it runs, so that a call coming meanwhile goes to the pool.
    if (inline_.fetch_add(1, std::memory_order_acq_rel) == 0) {
      call();
      inline_.fetch_sub(1, std::memory_order_acq_rel);
      return;
    }
    inline_.fetch_sub(1, std::memory_order_acq_rel);
  }
  pool_.Submit(std::move(call));
}

grpc::ServerUnaryReactor* ServeUnary(Backend& backend, grpc::CallbackServerContext* context,
                                     std::string method,
                                     std::function<absl::Status(CallScope&)> body, Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const absl::Time received = absl::Now();
  backend.unary_calls.Run(
      [&backend, context, reactor, received, method = std::move(method), body = std::move(body)] {
        reactor->Finish(HandleCall(
            backend, context, method,
            [&](CallScope& call) -> absl::Status {
              if (context->IsCancelled()) {
                return absl::CancelledError("the client cancelled the call before it ran");
              }
              return body(call);
            },
            received));
      },
      work);
  return reactor;
}

}  // namespace mdhub::services

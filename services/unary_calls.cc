#include "services/unary_calls.h"

#include <utility>

namespace mdhub::services {

void UnaryCalls::Run(std::function<void()> call) {
  if (inline_.fetch_add(1, std::memory_order_acq_rel) == 0) {
    call();
    inline_.fetch_sub(1, std::memory_order_acq_rel);
    return;
  }
  inline_.fetch_sub(1, std::memory_order_acq_rel);
  pool_.Submit(std::move(call));
}

grpc::ServerUnaryReactor* ServeUnary(Backend& backend, grpc::CallbackServerContext* context,
                                     std::string method,
                                     std::function<absl::Status(CallScope&)> body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  backend.unary_calls.Run(
      [&backend, context, reactor, method = std::move(method), body = std::move(body)] {
        reactor->Finish(HandleCall(backend, context, method, body));
      });
  return reactor;
}

}  // namespace mdhub::services

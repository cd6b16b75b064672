// UnaryCalls: where the services' unary callback methods run. gRPC hands such a call to one of
// its few callback threads (two on a machine with up to four cores). Running it right there,
// with no hand-over to a thread of the synchronous server, answers a client that asks one
// question after another fastest (measured on the spatial benchmark: a point -> division call
// 275 -> 160 µs, a k-nearest query 670 -> 440 µs). A call that comes while another one is
// already running on a callback thread goes to a pool instead: slow calls (a large page, a cold
// disk) never hold every callback thread and stall the calls behind them.
#ifndef MDHUB_SERVICES_UNARY_CALLS_H_
#define MDHUB_SERVICES_UNARY_CALLS_H_

#include <atomic>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "common/worker_pool.h"
#include "grpcpp/support/server_callback.h"
#include "services/backend.h"
#include "services/call_scope.h"

namespace mdhub::services {

// Thread-safe.
class UnaryCalls {
 public:
  // Up to `pool_threads` calls run on the pool at once; more wait for a free thread.
  explicit UnaryCalls(int pool_threads) : pool_(pool_threads) {}

  // Runs `call` now, on the calling thread, when no other call runs inline; else queues it on
  // the pool and returns.
  void Run(std::function<void()> call);

 private:
  std::atomic<int> inline_{0};
  WorkerPool pool_;  // last: destroyed (its queued calls run) first
};

// The reactor of a unary callback method whose work is `body`, run through backend.unary_calls
// as HandleCall runs it (admission, audit entry, metrics); its status finishes the call. `body`
// may run after this returns: it captures the request and response by pointer, not reference.
grpc::ServerUnaryReactor* ServeUnary(Backend& backend, grpc::CallbackServerContext* context,
                                     std::string method,
                                     std::function<absl::Status(CallScope&)> body);

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_UNARY_CALLS_H_

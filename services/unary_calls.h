// UnaryCalls: where the services' callback methods run their work. gRPC hands such a call to
// one of its few callback threads; running it right there, with no hand-over to another thread,
// answers a client that asks one question after another fastest (docs/benchmarks.md, session
// 10: thread switches were most of a small call's cost). A call that comes while another one
// already runs on a callback thread goes to a pool instead, and so do calls that may run long:
// a slow call holds up at most one callback thread and the completions queued behind it there.
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

// How a method's work may run.
enum class Work {
  kShort,  // a lookup or a page: inline when possible
  kLong,   // may take long (many points, a scan): always on the pool
};

// Thread-safe.
class UnaryCalls {
 public:
  // Up to `pool_threads` calls run on the pool at once; more wait for a free thread.
  explicit UnaryCalls(int pool_threads) : pool_(pool_threads) {}

  // Runs short work now, on the calling thread, when no other call runs inline; else queues
  // it on the pool and returns.
  void Run(std::function<void()> call, Work work = Work::kShort);

 private:
  std::atomic<int> inline_{0};
  WorkerPool pool_;  // last: destroyed (its queued calls run) first
};

// The reactor of a unary callback method whose work is `body`, run through backend.unary_calls
// as HandleCall runs it (admission, audit entry, metrics); its status finishes the call. A call
// its client cancelled while it waited for a thread is answered CANCELLED without running
// `body`. `body` may run after this returns: it captures the request and response by pointer.
grpc::ServerUnaryReactor* ServeUnary(Backend& backend, grpc::CallbackServerContext* context,
                                     std::string method,
                                     std::function<absl::Status(CallScope&)> body,
                                     Work work = Work::kShort);

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_UNARY_CALLS_H_

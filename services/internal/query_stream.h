// QueryFeaturesStream as a gRPC callback reactor: each query is read, answered and written on
// the thread gRPC delivered it on (or on the call pool, see UnaryCalls), with no thread of the
// synchronous server waiting in between.
#ifndef MDHUB_SERVICES_INTERNAL_QUERY_STREAM_H_
#define MDHUB_SERVICES_INTERNAL_QUERY_STREAM_H_

#include "grpcpp/support/server_callback.h"
#include "mdhub/v1/spatial.pb.h"
#include "services/backend.h"

namespace mdhub::services::internal {

// A new stream, deleted by gRPC when done. It is admitted as QueryFeatures would be and
// audited, when it ends, with the number of queries it answered (CANCELLED when the client went
// away); each query is one QueryFeatures call of its own (grants, audit entry, metrics), and its
// error is its answer, not the stream's end.
grpc::ServerBidiReactor<v1::QueryFeaturesRequest, v1::QueryFeaturesStreamResponse>* NewQueryStream(
    Backend& backend, grpc::CallbackServerContext* context);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_QUERY_STREAM_H_

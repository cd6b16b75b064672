// The streaming file calls of SpatialService: ImportLayer (the client streams a file, which is
// spooled to a temporary file and imported with geo::ImportFile) and ExportLayer (geo::ExportFile
// to a temporary file, streamed back in chunks).
#ifndef MDHUB_SERVICES_INTERNAL_SPATIAL_TRANSFER_H_
#define MDHUB_SERVICES_INTERNAL_SPATIAL_TRANSFER_H_

#include "absl/status/status.h"
#include "grpcpp/support/sync_stream.h"
#include "mdhub/v1/spatial.pb.h"
#include "services/call_scope.h"

namespace mdhub::services::internal {

absl::Status ImportLayer(CallScope& call, grpc::ServerReaderInterface<v1::ImportLayerChunk>* reader,
                         v1::ImportLayerResponse* response);

absl::Status ExportLayer(CallScope& call, const v1::ExportLayerRequest& request,
                         grpc::ServerWriterInterface<v1::FileChunk>* writer);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_SPATIAL_TRANSFER_H_

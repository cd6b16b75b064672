#include "services/internal/query_stream.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/call_scope.h"
#include "services/internal/feature_query.h"
#include "services/internal/stream_queue.h"
#include "services/unary_calls.h"

namespace mdhub::services::internal {
namespace {

constexpr absl::string_view kQuery = "mdhub.v1.SpatialService/QueryFeatures";
constexpr absl::string_view kStream = "mdhub.v1.SpatialService/QueryFeaturesStream";

// Reads a query, answers it, writes the answer, reads the next: one step at a time, so no two
// callbacks of the stream run at once (OnCancel aside, which touches nothing). Nothing may touch
// the reactor after StartWrite or unary_calls.Run: the answer's write may complete, and the
// stream end and be deleted, on another thread before they return.
class QueryStream final
    : public grpc::ServerBidiReactor<v1::QueryFeaturesRequest, v1::QueryFeaturesStreamResponse> {
 public:
  QueryStream(Backend& backend, grpc::CallbackServerContext* context)
      : backend_(backend),
        context_(context),
        scope_(backend, IdentifyCaller(*context, backend.development_mode),
               {std::string(kQuery), std::string(kStream), std::string(kStream)}) {
    if (!scope_.admission().ok()) {
      Finish(scope_.Finish(scope_.admission()));
      return;
    }
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {  // the client has no more queries (or went away)
      End(/*delivered=*/true);
      return;
    }
    backend_.unary_calls.Run([this] {
      response_.Clear();
      {
        CallScope call(backend_, scope_.caller(), {std::string(kQuery), "", ""});
        absl::Status s = call.admission();
        if (s.ok()) s = QueryFeatures(call, request_, response_.mutable_result());
        s = call.Complete(s);
        if (!s.ok()) {
          response_.clear_result();
          SetError(s, response_.mutable_error());
        }
      }
      StartWrite(&response_);
    });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      End(/*delivered=*/false);
      return;
    }
    ++answered_;
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  void End(bool delivered) {
    scope_.Touch(absl::StrCat(answered_, answered_ == 1 ? " query" : " queries"));
    // A client that went away (or whose deadline passed) ended the stream, not its last query.
    if (!delivered || context_->IsCancelled()) {
      Finish(scope_.Finish(absl::CancelledError("the client ended the stream")));
      return;
    }
    Finish(scope_.Finish(absl::OkStatus()));
  }

  Backend& backend_;
  grpc::CallbackServerContext* const context_;
  CallScope scope_;
  v1::QueryFeaturesRequest request_;
  v1::QueryFeaturesStreamResponse response_;
  int64_t answered_ = 0;
};

}  // namespace

grpc::ServerBidiReactor<v1::QueryFeaturesRequest, v1::QueryFeaturesStreamResponse>* NewQueryStream(
    Backend& backend, grpc::CallbackServerContext* context) {
  return new QueryStream(backend, context);
}

}  // namespace mdhub::services::internal

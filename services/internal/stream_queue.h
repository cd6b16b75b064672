// What the streaming write calls share: a bounded queue that a reader thread fills from the client
// while the handler applies earlier messages, and the error form of a rejected stream element.
#ifndef MDHUB_SERVICES_INTERNAL_STREAM_QUEUE_H_
#define MDHUB_SERVICES_INTERNAL_STREAM_QUEUE_H_

#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "mdhub/v1/common.pb.h"

namespace mdhub::services::internal {

template <typename T>
class StreamQueue {
 public:
  explicit StreamQueue(size_t max_queued) : max_queued_(max_queued) {}

  // Blocks while the queue is full.
  void Push(T item) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &StreamQueue::HasRoom));
    items_.push_back(std::move(item));
  }
  // No more items will come.
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }
  // Reads `stream` into the queue on a new thread until the client half-closes (then closes the
  // queue). The caller joins the thread.
  template <typename Stream>
  std::thread ReadAll(Stream* stream) {
    return std::thread([this, stream] {
      T item;
      while (stream->Read(&item)) Push(std::move(item));
      Close();
    });
  }
  // Waits for at least one item (or the end) and takes up to `max`. Empty means the end.
  std::vector<T> TakeBatch(size_t max) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &StreamQueue::ReadyOrClosed));
    std::vector<T> out;
    while (!items_.empty() && out.size() < max) {
      out.push_back(std::move(items_.front()));
      items_.pop_front();
    }
    return out;
  }

 private:
  bool HasRoom() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return items_.size() < max_queued_; }
  bool ReadyOrClosed() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return !items_.empty() || closed_; }

  const size_t max_queued_;
  absl::Mutex mu_;
  std::deque<T> items_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

// The error of a rejected stream element; validation messages start with the field path.
inline void SetError(const absl::Status& s, v1::MutationError* out) {
  out->set_code(static_cast<int>(s.code()));
  out->set_message(std::string(s.message()));
  const std::string msg(s.message());
  const auto colon = msg.find(": ");
  if (s.code() == absl::StatusCode::kInvalidArgument && colon != std::string::npos) {
    out->set_field(msg.substr(0, colon));
  }
}

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_STREAM_QUEUE_H_

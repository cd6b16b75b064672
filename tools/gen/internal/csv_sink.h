// Writing generated CSV: rows go through common/csv_writer.h, and a shuffle buffer releases records in random order within a bounded window so that
// records of one household, or a patient's duplicate records, do not sit next to each other.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_CSV_SINK_H_
#define MDHUB_TOOLS_GEN_INTERNAL_CSV_SINK_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/csv_writer.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// Rows go out through the project's CSV writer.
using CsvSink = ::mdhub::CsvWriter;

// A record waiting for its key: the true person or organisation (its number) and the fields
// after the key column.
struct PendingRecord {
  int64_t entity = 0;
  std::vector<std::string> fields;
};

// Holds up to `capacity` records and releases a random one for each record added beyond that.
// Not thread-safe.
class ShuffleBuffer {
 public:
  ShuffleBuffer(size_t capacity, Rng rng) : capacity_(capacity), rng_(rng) {}

  // Adds a record; when full, first calls emit(record) for a random record it held.
  template <typename Emit>
  void Add(PendingRecord record, Emit emit) {
    if (held_.size() < capacity_) {
      held_.push_back(std::move(record));
      return;
    }
    const size_t i = rng_.Uniform(held_.size());
    emit(held_[i]);
    held_[i] = std::move(record);
  }
  // Releases every record still held, in random order.
  template <typename Emit>
  void Drain(Emit emit) {
    while (!held_.empty()) {
      const size_t i = rng_.Uniform(held_.size());
      std::swap(held_[i], held_.back());
      emit(held_.back());
      held_.pop_back();
    }
  }

 private:
  const size_t capacity_;
  Rng rng_;
  std::vector<PendingRecord> held_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_CSV_SINK_H_

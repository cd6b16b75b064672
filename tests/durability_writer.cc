// durability_writer: the process that durability_test kills. Opens the store the way mdhubd does
// (sync_writes) and applies person upserts one by one, forever; after each acknowledged Apply() it
// prints "KEY SEQUENCE ENTITY_ID" on stdout, so every printed key is a write that must survive.
//   usage: durability_writer DB_PATH FIRST_INDEX
// Key i is "k<i>" in source ps.hukou with citizen id "1101011990" + i as 8 digits.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/clock.h"
#include "resolver/record_resolver.h"
#include "store/entity_store.h"
#include "store/rocksdb_kv_store.h"

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "durability_writer: %s\n", what.c_str());
  return 1;
}

// Writes all of `line` to stdout, unbuffered, so that nothing acknowledged sits in a buffer.
bool WriteLine(const std::string& line) {
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = write(STDOUT_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t index = 0;
  if (argc != 3 || !absl::SimpleAtoi(argv[2], &index) || index < 0) {
    return Fail("usage: durability_writer DB_PATH FIRST_INDEX");
  }
  auto kv = mdhub::store::OpenRocksDb({.path = argv[1], .sync_writes = true});
  if (!kv.ok()) return Fail(kv.status().ToString());
  mdhub::RealClock clock;
  auto entities = mdhub::store::EntityStore::Open(**kv, clock);
  if (!entities.ok()) return Fail(entities.status().ToString());
  mdhub::resolver::RecordResolver resolver(**entities);
  for (;; ++index) {
    mdhub::resolver::Mutation m;
    m.record.set_source("ps.hukou");
    m.record.set_record_key(absl::StrCat("k", index));
    m.record.set_kind(mdhub::store::PERSON);
    (*m.record.mutable_attributes())["name"] = absl::StrCat("person ", index);
    (*m.record.mutable_attributes())["citizen_id"] =
        absl::StrFormat("1101011990%08d", index);
    auto outcome = resolver.Apply(m);
    if (!outcome.ok()) return Fail(outcome.status().ToString());
    if (!WriteLine(absl::StrCat(m.record.record_key(), " ", outcome->change_sequence, " ",
                                outcome->entity_id, "\n"))) {
      return Fail("stdout closed");
    }
  }
}

// mdhub watch: follows the change feed, printing one JSON object per change, and reconnects after
// a lost connection, resuming after the last change it printed.
#include <cstdio>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/registry_client.h"

namespace mdhub::cli {
namespace {

struct WatchArgs {
  ClientOptions client;
  std::string kind;
  int64_t after = 0;
  int64_t count = 0;
  double seconds = 0;
};

int RunWatch(const WatchArgs& a) {
  auto kind = ParseKind(a.kind);
  if (!kind.ok()) return ReportError(kind.status());
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  RegistryClient client(*channel, *kind);
  const auto end = a.seconds > 0 ? std::chrono::system_clock::now() +
                                       std::chrono::milliseconds(int64_t(a.seconds * 1000))
                                 : std::chrono::system_clock::time_point::max();
  int64_t after = a.after;
  int64_t printed = 0;
  absl::Duration backoff = absl::Milliseconds(200);
  google::protobuf::util::JsonPrintOptions json;
  json.preserve_proto_field_names = true;
  for (;;) {
    grpc::ClientContext context;
    PrepareContext(a.client, &context, /*streaming=*/true);
    if (a.seconds > 0) context.set_deadline(end);
    v1::WatchChangesRequest req;
    req.set_after_sequence(after);
    req.add_kinds(*kind);
    auto reader = client.WatchChanges(&context, req);
    v1::ChangeEvent event;
    while (reader->Read(&event)) {
      std::string line;
      (void)google::protobuf::util::MessageToJsonString(event, &line, json);
      std::printf("%s\n", line.c_str());
      std::fflush(stdout);
      after = event.sequence();
      backoff = absl::Milliseconds(200);
      if (a.count > 0 && ++printed >= a.count) {
        context.TryCancel();
        reader->Finish();
        return 0;
      }
    }
    grpc::Status s = reader->Finish();
    if (s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) return 0;
    if (s.error_code() != grpc::StatusCode::UNAVAILABLE) return ReportError(s);
    std::fprintf(stderr, "mdhub: connection lost (%s); reconnecting after sequence %lld\n",
                 s.error_message().c_str(), static_cast<long long>(after));
    std::this_thread::sleep_for(absl::ToChronoMilliseconds(backoff));
    backoff = std::min(backoff * 2, absl::Seconds(10));
    if (std::chrono::system_clock::now() >= end) return 0;
  }
}

}  // namespace

void AddWatchCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<WatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "watch",
      "Follow committed changes, one JSON object per line. Replays from --after, then follows "
      "live; reconnects by itself and resumes where it stopped. Ctrl-C to stop.");
  cmd->add_option("kind", a->kind, "person or legal-entity")
      ->required()
      ->check(CLI::IsMember({"person", "legal-entity"}));
  cmd->add_option("--after", a->after, "start after this change sequence number (0 = all)");
  cmd->add_option("--count", a->count, "stop after this many changes");
  cmd->add_option("--seconds", a->seconds, "stop after this many seconds");
  a->client.AddTo(*cmd);
  cmd->callback([a, exit_code] { *exit_code = RunWatch(*a); });
}

}  // namespace mdhub::cli

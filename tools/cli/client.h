// How the mdhub command-line tool reaches mdhubd: connection options (shared by every client
// subcommand), the channel, per-call metadata, and printing results and errors.
#ifndef MDHUB_TOOLS_CLI_CLIENT_H_
#define MDHUB_TOOLS_CLI_CLIENT_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "mdhub/v1/common.pb.h"

namespace mdhub::cli {

struct ClientOptions {
  std::string server = "localhost:7443";
  std::string ca;
  std::string cert;
  std::string key;
  bool insecure = false;
  std::string agency;  // development mode only
  std::string user;
  std::string purpose;
  double timeout_seconds = 30;

  // Adds --server, --ca, --cert, --cert-key, --insecure, --agency, --user, --purpose, --timeout to a
  // subcommand; defaults come from MDHUB_SERVER, MDHUB_CA, MDHUB_CERT, MDHUB_KEY, MDHUB_INSECURE,
  // MDHUB_AGENCY, MDHUB_USER and MDHUB_PURPOSE.
  void AddTo(CLI::App& command);
};

// A channel to the server: mutual TLS unless insecure. INVALID_ARGUMENT names a missing or
// unreadable certificate file.
absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(const ClientOptions& options);

// Sets the deadline (timeout; none when `streaming`) and the x-mdhub-* metadata.
void PrepareContext(const ClientOptions& options, grpc::ClientContext* context,
                    bool streaming = false);

// A context for one call of a command (PrepareContext), owned by the caller.
std::unique_ptr<grpc::ClientContext> NewContext(const ClientOptions& options);

// The server names request fields in INVALID_ARGUMENT messages ("region_code: ...", "types[0]:
// ..."); the user gave flags, so this names the flag instead, by (field, flag) pairs. Other
// statuses unchanged.
grpc::Status NameFlag(const grpc::Status& status,
                      const std::vector<std::pair<std::string, std::string>>& field_flags);

// Prints a message as indented JSON on stdout.
void PrintJson(const google::protobuf::Message& message);

// Prints "mdhub: CODE: message" and what to do about it on stderr; returns the exit code.
int ReportError(const grpc::Status& status);
int ReportError(const absl::Status& status);

// "person" or "legal-entity" -> the entity kind; INVALID_ARGUMENT otherwise.
absl::StatusOr<v1::EntityKind> ParseKind(const std::string& name);

// Parses a record reference SOURCE/KEY ("ps.hukou/H-1"; the key may hold further '/'), given as
// `argument`. INVALID_ARGUMENT naming the argument when there is no '/' or either side is empty.
absl::StatusOr<v1::RecordRef> ParseRecordRef(absl::string_view text, absl::string_view argument);

// "SOURCE/KEY", as ParseRecordRef reads it.
std::string FormatRecordRef(const v1::RecordRef& ref);

// Parses an RFC 3339 time ("2026-11-27T10:00:00Z") for --as-of.
absl::StatusOr<absl::Time> ParseTime(const std::string& text, const std::string& flag);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_CLIENT_H_

#include "tools/cli/client.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "nlohmann/json.hpp"
#include "services/status_convert.h"

namespace mdhub::cli {
namespace {

std::string Env(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* flag) {
  if (path.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " is required for mutual TLS (or use --insecure against a development server)"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* Hint(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
      return "is mdhubd running at --server, and do --ca/--cert/--cert-key belong to it?";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "ask the operator to grant it in the policy file, or use another agency's certificate";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "connect with an agency client certificate (--cert/--key)";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "fix the field named above and try again";
    case grpc::StatusCode::NOT_FOUND:
      return "check the id, or look it up by identifier";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "the server is slow or busy; try a larger --timeout";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "this capability is not available in this version of mdhubd";
    default:
      return nullptr;
  }
}

}  // namespace

void ClientOptions::AddTo(CLI::App& command) {
  server = Env("MDHUB_SERVER", server);
  ca = Env("MDHUB_CA", ca);
  cert = Env("MDHUB_CERT", cert);
  key = Env("MDHUB_KEY", key);
  insecure = Env("MDHUB_INSECURE", "") == "1";
  agency = Env("MDHUB_AGENCY", agency);
  user = Env("MDHUB_USER", Env("USER", ""));
  purpose = Env("MDHUB_PURPOSE", purpose);
  command.add_option("--server", server, "mdhubd address host:port [env MDHUB_SERVER]")
      ->capture_default_str()
      ->group("Connection");
  command.add_option("--ca", ca, "CA certificate that signed the server's [env MDHUB_CA]")
      ->group("Connection");
  command.add_option("--cert", cert, "agency client certificate (PEM) [env MDHUB_CERT]")
      ->group("Connection");
  command.add_option("--cert-key", key, "agency client private key (PEM) [env MDHUB_KEY]")
      ->group("Connection");
  command.add_flag("--insecure", insecure,
                   "plain-text connection to a development-mode server [env MDHUB_INSECURE=1]")
      ->group("Connection");
  command.add_option("--agency", agency,
                     "agency to act as, development mode only [env MDHUB_AGENCY]")
      ->group("Connection");
  command.add_option("--user", user, "end user, for the audit log [env MDHUB_USER]")
      ->group("Connection");
  command.add_option("--purpose", purpose, "purpose of the call, for the audit log")
      ->group("Connection");
  command.add_option("--timeout", timeout_seconds, "seconds to wait for an answer")
      ->capture_default_str()
      ->group("Connection");
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(const ClientOptions& o) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  if (o.insecure) {
    return grpc::CreateCustomChannel(o.server, grpc::InsecureChannelCredentials(), args);
  }
  grpc::SslCredentialsOptions ssl;
  auto ca = ReadPem(o.ca, "--ca");
  if (!ca.ok()) return ca.status();
  auto cert = ReadPem(o.cert, "--cert");
  if (!cert.ok()) return cert.status();
  auto key = ReadPem(o.key, "--cert-key");
  if (!key.ok()) return key.status();
  ssl.pem_root_certs = *ca;
  ssl.pem_cert_chain = *cert;
  ssl.pem_private_key = *key;
  return grpc::CreateCustomChannel(o.server, grpc::SslCredentials(ssl), args);
}

void PrepareContext(const ClientOptions& o, grpc::ClientContext* context, bool streaming) {
  if (!streaming) {
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::milliseconds(static_cast<int64_t>(o.timeout_seconds * 1000)));
  }
  if (!o.agency.empty()) context->AddMetadata("x-mdhub-agency", o.agency);
  if (!o.user.empty()) context->AddMetadata("x-mdhub-user", o.user);
  if (!o.purpose.empty()) context->AddMetadata("x-mdhub-purpose", o.purpose);
}

std::unique_ptr<grpc::ClientContext> NewContext(const ClientOptions& options) {
  auto context = std::make_unique<grpc::ClientContext>();
  PrepareContext(options, context.get());
  return context;
}

grpc::Status NameFlag(const grpc::Status& status,
                      const std::vector<std::pair<std::string, std::string>>& field_flags) {
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) return status;
  for (const auto& [field, flag] : field_flags) {
    if (absl::StartsWith(status.error_message(), field + ":") ||
        absl::StartsWith(status.error_message(), field + "[")) {
      return grpc::Status(status.error_code(), flag + status.error_message().substr(field.size()));
    }
  }
  return status;
}

namespace {

// Feature properties travel as a list of {key, value} fields (the wire format of a
// google.protobuf.Struct); JSON shows them as the object a Struct prints as. Returns whether
// anything was rewritten.
bool PropertiesAsObjects(nlohmann::json& j) {
  bool changed = false;
  if (j.is_array()) {
    for (nlohmann::json& e : j) changed |= PropertiesAsObjects(e);
    return changed;
  }
  if (!j.is_object()) return false;
  for (auto& [key, value] : j.items()) {
    if (key == "properties" && value.is_object() && value.size() == 1 &&
        value.contains("fields") && value["fields"].is_array()) {
      nlohmann::json object = nlohmann::json::object();
      for (const nlohmann::json& field : value["fields"]) {
        object[field.value("key", "")] = field.contains("value") ? field["value"] : nullptr;
      }
      value = std::move(object);
      changed = true;
    } else {
      changed |= PropertiesAsObjects(value);
    }
  }
  return changed;
}

}  // namespace

void PrintJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  opts.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &out, opts);
  if (out.find("\"properties\"") != std::string::npos) {
    nlohmann::json j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded() && PropertiesAsObjects(j)) out = j.dump(1);
  }
  std::fputs(out.c_str(), stdout);
  if (out.empty() || out.back() != '\n') std::fputc('\n', stdout);
}

int ReportError(const grpc::Status& status) {
  static const char* kNames[] = {"OK",
                                 "CANCELLED",
                                 "UNKNOWN",
                                 "INVALID_ARGUMENT",
                                 "DEADLINE_EXCEEDED",
                                 "NOT_FOUND",
                                 "ALREADY_EXISTS",
                                 "PERMISSION_DENIED",
                                 "RESOURCE_EXHAUSTED",
                                 "FAILED_PRECONDITION",
                                 "ABORTED",
                                 "OUT_OF_RANGE",
                                 "UNIMPLEMENTED",
                                 "INTERNAL",
                                 "UNAVAILABLE",
                                 "DATA_LOSS",
                                 "UNAUTHENTICATED"};
  const int code = status.error_code();
  const char* name = code >= 0 && code <= 16 ? kNames[code] : "ERROR";
  std::fprintf(stderr, "mdhub: %s: %s\n", name, status.error_message().c_str());
  if (const char* hint = Hint(status.error_code())) std::fprintf(stderr, "  hint: %s\n", hint);
  return code == grpc::StatusCode::NOT_FOUND ? 3 : 1;
}

int ReportError(const absl::Status& status) {
  return ReportError(services::ToGrpcStatus(status));
}

absl::StatusOr<v1::EntityKind> ParseKind(const std::string& name) {
  if (name == "person") return v1::PERSON;
  if (name == "legal-entity") return v1::LEGAL_ENTITY;
  return absl::InvalidArgumentError(
      absl::StrCat("kind \"", name, "\" must be person or legal-entity"));
}

absl::StatusOr<v1::RecordRef> ParseRecordRef(absl::string_view text, absl::string_view argument) {
  // Sources hold no '/' (SourceRecord.source), so the first one ends the source.
  const size_t slash = text.find('/');
  if (slash == absl::string_view::npos || slash == 0 || slash + 1 == text.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(argument, ": \"", text,
                     "\" is not a record reference SOURCE/KEY, e.g. ps.hukou/H-1"));
  }
  v1::RecordRef ref;
  ref.set_source(std::string(text.substr(0, slash)));
  ref.set_record_key(std::string(text.substr(slash + 1)));
  return ref;
}

std::string FormatRecordRef(const v1::RecordRef& ref) {
  return absl::StrCat(ref.source(), "/", ref.record_key());
}

absl::StatusOr<absl::Time> ParseTime(const std::string& text, const std::string& flag) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": \"", text, "\" is not an RFC 3339 time like 2026-11-27T10:00:00Z"));
  }
  return t;
}

}  // namespace mdhub::cli

// mdhub submit / delete / get / lookup / record / history.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/registry_client.h"

namespace mdhub::cli {
namespace {

struct RecordArgs {
  ClientOptions client;
  std::string kind;
  std::string source;
  std::string key;
  std::vector<std::string> attributes;  // name=value
  std::string id;
  std::string as_of;
  bool members = false;
  int page_size = 0;
};

// Runs `body` with a connected client, reporting connection and argument errors.
template <typename Body>
int WithClient(const RecordArgs& a, Body body) {
  auto kind = ParseKind(a.kind);
  if (!kind.ok()) return ReportError(kind.status());
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  RegistryClient client(*channel, *kind);
  grpc::ClientContext context;
  PrepareContext(a.client, &context);
  return body(client, context);
}

void AddKind(CLI::App& cmd, RecordArgs& a) {
  cmd.add_option("kind", a.kind, "person or legal-entity")
      ->required()
      ->check(CLI::IsMember({"person", "legal-entity"}));
}

}  // namespace

void AddRecordCommands(CLI::App& app, int* exit_code) {
  {
    auto a = std::make_shared<RecordArgs>();
    CLI::App* cmd = app.add_subcommand(
        "submit", "Upsert one source record, e.g.\n"
                  "  mdhub submit person --source ps.hukou --key H-1 name=韦小宝 "
                  "citizen_id=450102199003071238");
    AddKind(*cmd, *a);
    cmd->add_option("--source", a->source, "source system, e.g. ps.hukou")->required();
    cmd->add_option("--key", a->key, "the record's key in its source")->required();
    cmd->add_option("attributes", a->attributes, "attributes as name=value")->required();
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      v1::SubmitRecordRequest req;
      v1::SourceRecord* r = req.mutable_record();
      r->set_source(a->source);
      r->set_record_key(a->key);
      for (const std::string& kv : a->attributes) {
        auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
          *exit_code = ReportError(absl::InvalidArgumentError(
              absl::StrCat("attribute \"", kv, "\" must be name=value")));
          return;
        }
        (*r->mutable_attributes())[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
      *exit_code = WithClient(*a, [&](RegistryClient& c, grpc::ClientContext& ctx) {
        v1::SubmitResult out;
        grpc::Status s = c.SubmitRecord(&ctx, req, &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<RecordArgs>();
    CLI::App* cmd = app.add_subcommand("delete", "Delete one source record (kept in history)");
    AddKind(*cmd, *a);
    cmd->add_option("--source", a->source, "source system")->required();
    cmd->add_option("--key", a->key, "the record's key in its source")->required();
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithClient(*a, [&](RegistryClient& c, grpc::ClientContext& ctx) {
        v1::DeleteRecordRequest req;
        req.set_source(a->source);
        req.set_record_key(a->key);
        v1::SubmitResult out;
        grpc::Status s = c.DeleteRecord(&ctx, req, &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<RecordArgs>();
    CLI::App* cmd = app.add_subcommand(
        "get", "Read an entity by id: golden record, identifiers, optionally member records");
    AddKind(*cmd, *a);
    cmd->add_option("id", a->id, "entity id, e.g. P0000000001")->required();
    cmd->add_flag("--members", a->members, "include the member source records");
    cmd->add_option("--as-of", a->as_of, "as mdhub knew it at this time (RFC 3339)");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      v1::GetEntityRequest req;
      req.set_entity_id(a->id);
      req.set_include_members(a->members);
      if (!a->as_of.empty()) {
        auto t = ParseTime(a->as_of, "--as-of");
        if (!t.ok()) {
          *exit_code = ReportError(t.status());
          return;
        }
        req.mutable_as_of()->set_seconds(absl::ToUnixSeconds(*t));
      }
      *exit_code = WithClient(*a, [&](RegistryClient& c, grpc::ClientContext& ctx) {
        v1::Entity out;
        grpc::Status s = c.GetEntity(&ctx, req, &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<RecordArgs>();
    CLI::App* cmd = app.add_subcommand(
        "lookup", "Find the entity holding an identifier: a citizen id (person) or a unified "
                  "social credit code (legal-entity)");
    AddKind(*cmd, *a);
    cmd->add_option("identifier", a->id, "the identifier")->required();
    cmd->add_flag("--members", a->members, "include the member source records");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithClient(*a, [&](RegistryClient& c, grpc::ClientContext& ctx) {
        v1::Entity out;
        grpc::Status s = c.Lookup(&ctx, a->id, a->members, &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<RecordArgs>();
    CLI::App* cmd = app.add_subcommand("record", "Read one source record");
    AddKind(*cmd, *a);
    cmd->add_option("--source", a->source, "source system")->required();
    cmd->add_option("--key", a->key, "the record's key in its source")->required();
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithClient(*a, [&](RegistryClient& c, grpc::ClientContext& ctx) {
        v1::GetRecordRequest req;
        req.set_source(a->source);
        req.set_record_key(a->key);
        v1::SourceRecord out;
        grpc::Status s = c.GetRecord(&ctx, req, &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<RecordArgs>();
    CLI::App* cmd = app.add_subcommand("history", "List the versions of an entity, newest first");
    AddKind(*cmd, *a);
    cmd->add_option("id", a->id, "entity id")->required();
    cmd->add_option("--page-size", a->page_size, "versions to show (default 50)");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithClient(*a, [&](RegistryClient& c, grpc::ClientContext& ctx) {
        v1::ListHistoryRequest req;
        req.set_entity_id(a->id);
        req.set_page_size(a->page_size);
        v1::ListHistoryResponse out;
        grpc::Status s = c.ListHistory(&ctx, req, &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
}

}  // namespace mdhub::cli

// mdhub ping / whoami / backup / restore / audit verify / audit list.
#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "mdhub/v1/admin.grpc.pb.h"
#include "store/rocksdb_kv_store.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"

namespace mdhub::cli {
namespace {

struct AdminArgs {
  ClientOptions client;
  std::string data_dir;
  std::string from;
  uint64_t after = 0;
  int page_size = 100;
};

// Connects and runs `call(stub, context)`, printing errors.
template <typename Call>
int WithAdmin(const AdminArgs& a, Call call) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::AdminService::NewStub(*channel);
  grpc::ClientContext context;
  PrepareContext(a.client, &context);
  return call(*stub, context);
}

}  // namespace

void AddAdminCommands(CLI::App& app, int* exit_code) {
  {
    auto a = std::make_shared<AdminArgs>();
    CLI::App* cmd = app.add_subcommand("ping", "Check that mdhubd answers and admits you");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithAdmin(*a, [](v1::AdminService::Stub& stub, grpc::ClientContext& ctx) {
        v1::PingResponse out;
        grpc::Status s = stub.Ping(&ctx, v1::PingRequest(), &out);
        if (!s.ok()) return ReportError(s);
        std::printf("ok\n");
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<AdminArgs>();
    CLI::App* cmd = app.add_subcommand(
        "whoami", "Show the agency the server sees and what the policy grants it");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithAdmin(*a, [](v1::AdminService::Stub& stub, grpc::ClientContext& ctx) {
        v1::CallerInfo out;
        grpc::Status s = stub.GetCallerInfo(&ctx, v1::GetCallerInfoRequest(), &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<AdminArgs>();
    CLI::App* cmd = app.add_subcommand(
        "backup", "Take a consistent online backup into the server's <data_dir>/backups");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithAdmin(*a, [](v1::AdminService::Stub& stub, grpc::ClientContext& ctx) {
        v1::CreateBackupResponse out;
        grpc::Status s = stub.CreateBackup(&ctx, v1::CreateBackupRequest(), &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
  {
    auto a = std::make_shared<AdminArgs>();
    CLI::App* cmd = app.add_subcommand(
        "restore",
        "Restore the newest backup into a data directory. Stop mdhubd first: the database in "
        "<data-dir>/db is replaced.");
    cmd->add_option("--data-dir", a->data_dir, "the server's data_dir")->required();
    cmd->add_option("--from", a->from, "backup directory (default <data-dir>/backups)");
    cmd->callback([a, exit_code] {
      const std::string from = a->from.empty() ? a->data_dir + "/backups" : a->from;
      absl::Status s = store::RestoreRocksDbBackup(from, a->data_dir + "/db");
      if (!s.ok()) {
        *exit_code = ReportError(s);
        return;
      }
      std::printf("restored the newest backup from %s into %s/db\n", from.c_str(),
                  a->data_dir.c_str());
      *exit_code = 0;
    });
  }
  CLI::App* audit = app.add_subcommand("audit", "Check and read the hash-chained audit log");
  audit->require_subcommand(1);
  {
    auto a = std::make_shared<AdminArgs>();
    CLI::App* cmd = audit->add_subcommand(
        "verify", "Recompute the audit hash chain; exit 4 and name the first tampered entry");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithAdmin(*a, [](v1::AdminService::Stub& stub, grpc::ClientContext& ctx) {
        v1::VerifyAuditResponse out;
        grpc::Status s = stub.VerifyAudit(&ctx, v1::VerifyAuditRequest(), &out);
        if (!s.ok()) return ReportError(s);
        if (out.ok()) {
          std::printf("audit chain intact: %llu entries\n",
                      static_cast<unsigned long long>(out.entries()));
          return 0;
        }
        std::printf("AUDIT CHAIN BROKEN at entry %llu: %s (%llu entries before it verified)\n",
                    static_cast<unsigned long long>(out.first_bad_sequence()),
                    out.problem().c_str(), static_cast<unsigned long long>(out.entries()));
        return 4;
      });
    });
  }
  {
    auto a = std::make_shared<AdminArgs>();
    CLI::App* cmd = audit->add_subcommand("list", "Print audit entries in order");
    cmd->add_option("--after", a->after, "start after this sequence number");
    cmd->add_option("--page-size", a->page_size, "entries to print (max 1000)");
    a->client.AddTo(*cmd);
    cmd->callback([a, exit_code] {
      *exit_code = WithAdmin(*a, [&](v1::AdminService::Stub& stub, grpc::ClientContext& ctx) {
        v1::ListAuditEntriesRequest req;
        req.set_after_sequence(a->after);
        req.set_page_size(a->page_size);
        v1::ListAuditEntriesResponse out;
        grpc::Status s = stub.ListAuditEntries(&ctx, req, &out);
        if (!s.ok()) return ReportError(s);
        PrintJson(out);
        return 0;
      });
    });
  }
}

}  // namespace mdhub::cli

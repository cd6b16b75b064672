#include "tools/bench/org_bench.h"

#include <cstdio>
#include <iterator>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "mdhub/v1/legal_entity.grpc.pb.h"
#include "resolver/standardize/org_name.h"
#include "services/config.h"
#include "services/server.h"
#include "tools/bench/phases.h"
#include "tools/cli/record_file.h"

namespace mdhub::bench {
namespace {

// What the queries ask for, from one business-registration record.
struct OrgQuery {
  std::string credit_code;
  std::string registration_number;
  std::string name;
  std::string core;  // the name without place, legal form and branch: a fuzzy query
};

absl::StatusOr<std::vector<OrgQuery>> ReadQueries(const std::string& dir, int sample) {
  auto mapping = cli::RecordMapping::Load(dir + "/aic.toml");
  if (!mapping.ok()) return mapping.status();
  auto reader = cli::RecordFileReader::Open(dir + "/aic.csv", *mapping);
  if (!reader.ok()) return reader.status();
  std::vector<OrgQuery> out;
  v1::SourceRecord record;
  while (static_cast<int>(out.size()) < sample) {
    auto more = (*reader)->Next(&record);
    if (!more.ok()) return more.status();
    if (!*more) break;
    const auto& a = record.attributes();
    auto get = [&a](const char* key) {
      auto it = a.find(key);
      return it == a.end() ? std::string() : it->second;
    };
    OrgQuery q{get("credit_code"), get("registration_number"), get("name"), ""};
    q.core = resolver::ParseOrgName(q.name).core;
    if (!q.credit_code.empty() && !q.name.empty()) out.push_back(std::move(q));
  }
  if (out.empty()) return absl::InvalidArgumentError(dir + "/aic.csv holds no records to query");
  return out;
}

}  // namespace

int OrgQps(const OrgQpsOptions& o) {
  auto queries = ReadQueries(o.orgs_dir, o.sample);
  if (!queries.ok()) return Fail(queries.status());
  auto config = services::ServerConfig::Load(o.server_config);
  if (!config.ok()) return Fail(config.status());
  // The store and profiles of the config, served in-process on a free port in plain text.
  config->listen = "127.0.0.1:0";
  config->metrics_listen = "";
  config->http_listen = "";
  config->development_mode = true;
  config->log_level = "warning";
  RealClock clock;
  auto server = services::Server::Start(*config, clock);
  if (!server.ok()) return Fail(server.status());
  const std::string target = absl::StrCat("localhost:", (*server)->port());
  std::vector<std::unique_ptr<v1::LegalEntityService::Stub>> stubs;
  for (int t = 0; t < o.threads; ++t) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection per thread
    stubs.push_back(v1::LegalEntityService::NewStub(
        grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args)));
  }
  const std::vector<OrgQuery>& q = *queries;
  auto context = [](grpc::ClientContext& ctx) { ctx.AddMetadata("x-mdhub-agency", "aic"); };
  auto by_code = [&](int t, std::mt19937_64& rng) {
    grpc::ClientContext ctx;
    context(ctx);
    v1::LookupByCreditCodeRequest req;
    req.set_credit_code(q[rng() % q.size()].credit_code);
    v1::Entity out;
    return stubs[t]->LookupByCreditCode(&ctx, req, &out).ok();
  };
  auto by_number = [&](int t, std::mt19937_64& rng) {
    const OrgQuery* x = &q[rng() % q.size()];
    while (x->registration_number.empty()) x = &q[rng() % q.size()];
    grpc::ClientContext ctx;
    context(ctx);
    v1::LookupByLegacyCodeRequest req;
    req.set_code(x->registration_number);
    v1::Entity out;
    return stubs[t]->LookupByLegacyCode(&ctx, req, &out).ok();
  };
  auto search = [&](bool core) {
    return [&, core](int t, std::mt19937_64& rng) {
      const OrgQuery& x = q[rng() % q.size()];
      grpc::ClientContext ctx;
      context(ctx);
      v1::SearchLegalEntitiesRequest req;
      req.set_name(core ? x.core : x.name);
      v1::SearchLegalEntitiesResponse out;
      // The organisation searched for exists: no hit is an error.
      return stubs[t]->SearchLegalEntities(&ctx, req, &out).ok() && out.hits_size() > 0;
    };
  };
  struct Phase {
    const char* label;
    std::function<bool(int, std::mt19937_64&)> call;
  };
  const Phase phases[] = {{"LookupByCreditCode", by_code},
                          {"LookupByLegacyCode (reg. number)", by_number},
                          {"SearchLegalEntities full name", search(false)},
                          {"SearchLegalEntities name core", search(true)}};
  std::vector<std::vector<PhaseResult>> results(std::size(phases));
  for (const Phase& p : phases) RunPhase(o.threads, 1, p.call);  // warm-up
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < std::size(phases); ++i) {
      results[i].push_back(RunPhase(o.threads, o.seconds, phases[i].call));
    }
  }
  (*server)->Shutdown(absl::Seconds(5));
  std::printf("store of %s, %zu query organisations, threads=%d seconds=%.0f (best of 2 rounds)\n",
              config->data_dir.c_str(), q.size(), o.threads, o.seconds);
  std::printf("%-34s %10s %10s %10s %8s\n", "call", "QPS", "p50 us", "p99 us", "errors");
  int64_t errors = 0;
  for (size_t i = 0; i < std::size(phases); ++i) {
    const PhaseResult r = Best(results[i]);
    PrintRow(phases[i].label, r);
    errors += r.errors;
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace mdhub::bench

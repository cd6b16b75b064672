// mdhub_bench: benchmarks of the foundation, run from the repository root.
//   mdhub_bench gen-persons --count N --out persons.csv   synthetic CSV (+ persons.toml mapping)
//   mdhub_bench get-qps --entities 1000000 ...            GetPerson vs an empty call over gRPC
//   mdhub_bench search-qps --entities 1000000 ...         SearchPersons by name, birth date, pinyin
//   mdhub_bench resolve --server-config C --mapping M F   incremental resolution into a store
//   mdhub_bench org-qps --server-config C --orgs DIR      legal-entity lookups and searches
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "mdhub/v1/admin.grpc.pb.h"
#include "mdhub/v1/population.grpc.pb.h"
#include "resolver/record_resolver.h"
#include "resolver/standardize/name.h"
#include "services/server.h"
#include "store/rocksdb_kv_store.h"
#include "tools/bench/org_bench.h"
#include "tools/bench/phases.h"
#include "tools/bench/resolve_bench.h"
#include "tools/bench/synthetic_persons.h"

namespace mdhub::bench {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int GenPersons(uint64_t count, const std::string& out) {
  std::ofstream csv(out);
  csv << "key,name,citizen_id,birth_date,gender\n";
  for (uint64_t i = 0; i < count; ++i) {
    SyntheticPerson p = MakePerson(i);
    csv << p.key << ',' << p.name << ',' << p.citizen_id << ',' << p.birth_date << ','
        << p.gender << '\n';
  }
  std::string mapping = out.substr(0, out.rfind('.')) + ".toml";
  std::ofstream(mapping) << "source = \"bench.persons\"\nkind = \"person\"\nkey = \"key\"\n"
                            "[attributes]\nname = \"name\"\ncitizen_id = \"citizen_id\"\n"
                            "birth_date = \"birth_date\"\ngender = \"gender\"\n";
  std::fprintf(stderr, "wrote %llu persons to %s, mapping %s\n",
               static_cast<unsigned long long>(count), out.c_str(), mapping.c_str());
  return 0;
}

// Loads `count` persons into the store at data_dir unless it already holds them.
absl::Status Populate(const std::string& data_dir, uint64_t count) {
  RealClock clock;
  auto kv = store::OpenRocksDb({.path = data_dir + "/db", .sync_writes = false});
  if (!kv.ok()) return kv.status();
  auto entities = store::EntityStore::Open(**kv, clock);
  if (!entities.ok()) return entities.status();
  uint64_t have = static_cast<uint64_t>((*entities)->LastSequence());
  if (have >= count) {
    std::fprintf(stderr, "store already holds %llu changes; reusing it\n",
                 static_cast<unsigned long long>(have));
    return absl::OkStatus();
  }
  resolver::RecordResolver resolver(**entities);
  const absl::Time start = absl::Now();
  std::vector<resolver::Mutation> batch;
  for (uint64_t i = have; i < count; ++i) {
    SyntheticPerson p = MakePerson(i);
    resolver::Mutation m;
    m.record.set_source("bench.persons");
    m.record.set_record_key(p.key);
    m.record.set_kind(store::PERSON);
    auto& attrs = *m.record.mutable_attributes();
    attrs["name"] = p.name;
    attrs["citizen_id"] = p.citizen_id;
    attrs["birth_date"] = p.birth_date;
    attrs["gender"] = p.gender;
    batch.push_back(std::move(m));
    if (batch.size() == 1000 || i + 1 == count) {
      auto r = resolver.ApplyBatch(batch);
      if (!r.ok()) return r.status();
      batch.clear();
      if ((i + 1) % 100000 == 0 || i + 1 == count) {
        std::fprintf(stderr, "populated %llu / %llu persons (%.0f/s)\n",
                     static_cast<unsigned long long>(i + 1), static_cast<unsigned long long>(count),
                     (i + 1 - have) / absl::ToDoubleSeconds(absl::Now() - start));
      }
    }
  }
  return absl::OkStatus();
}

// The in-process server over a populated store, and one client connection per thread.
struct BenchServer {
  RealClock clock;
  std::unique_ptr<services::Server> server;
  std::vector<std::unique_ptr<v1::AdminService::Stub>> admin;
  std::vector<std::unique_ptr<v1::PopulationService::Stub>> population;
};

absl::Status StartServer(uint64_t entities, int threads, std::string data_dir, bool tls,
                         BenchServer& bench) {
  if (data_dir.empty()) data_dir = absl::StrCat("/tmp/mdhub-bench-", entities);
  std::filesystem::create_directories(data_dir);
  if (auto s = Populate(data_dir, entities); !s.ok()) return s;
  const std::string certs = data_dir + "/certs";
  if (tls && std::system(absl::StrCat("scripts/gen-dev-certs.sh ", certs, " bench >/dev/null")
                             .c_str()) != 0) {
    return absl::FailedPreconditionError(
        "cannot make certificates (run from the repository root)");
  }
  std::ofstream(data_dir + "/policy.toml") << "[agencies.bench]\nmethods = [\"*\"]\n";
  services::ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.metrics_listen = "";
  config.http_listen = "";
  config.data_dir = data_dir;
  config.policy_file = data_dir + "/policy.toml";
  config.log_level = "warning";
  config.development_mode = !tls;
  config.tls = {certs + "/server.crt", certs + "/server.key", certs + "/ca.crt"};
  auto server = services::Server::Start(config, bench.clock);
  if (!server.ok()) return server.status();
  bench.server = *std::move(server);
  const std::string target = absl::StrCat("localhost:", bench.server->port());
  for (int t = 0; t < threads; ++t) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection per thread
    std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
    if (tls) {
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = Slurp(certs + "/ca.crt");
      ssl.pem_cert_chain = Slurp(certs + "/bench.crt");
      ssl.pem_private_key = Slurp(certs + "/bench.key");
      creds = grpc::SslCredentials(ssl);
    }
    auto channel = grpc::CreateCustomChannel(target, creds, args);
    bench.admin.push_back(v1::AdminService::NewStub(channel));
    bench.population.push_back(v1::PopulationService::NewStub(channel));
  }
  return absl::OkStatus();
}

void PrintHeader(uint64_t entities, int threads, double seconds, bool tls) {
  std::printf("entities=%llu threads=%d seconds=%.0f tls=%s (best of 2 alternating rounds)\n",
              static_cast<unsigned long long>(entities), threads, seconds, tls ? "mutual" : "off");
  std::printf("%-34s %10s %10s %10s %8s\n", "call", "QPS", "p50 us", "p99 us", "errors");
}

int GetQps(uint64_t entities, int threads, double seconds, std::string data_dir, bool tls) {
  BenchServer bench;
  if (auto s = StartServer(entities, threads, data_dir, tls, bench); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  auto ping = [&](int t, std::mt19937_64&) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-mdhub-agency", "bench");
    v1::PingResponse out;
    return bench.admin[t]->Ping(&ctx, v1::PingRequest(), &out).ok();
  };
  auto get = [&](int t, std::mt19937_64& rng) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-mdhub-agency", "bench");
    v1::GetEntityRequest req;
    // Entity ids are P + ten base-32 digits of the creation counter.
    uint64_t n = rng() % entities + 1;
    std::string id(10, '0');
    for (int i = 9; i >= 0; --i, n >>= 5) id[i] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[n & 31];
    req.set_entity_id("P" + id);
    v1::Entity out;
    return bench.population[t]->GetPerson(&ctx, req, &out).ok();
  };
  RunPhase(threads, 1, ping);  // warm-up: connections, caches
  RunPhase(threads, 1, get);
  std::vector<PhaseResult> pings, gets;
  for (int round = 0; round < 2; ++round) {
    pings.push_back(RunPhase(threads, seconds, ping));
    gets.push_back(RunPhase(threads, seconds, get));
  }
  bench.server->Shutdown(absl::Seconds(5));
  PhaseResult p = Best(pings), g = Best(gets);
  PrintHeader(entities, threads, seconds, tls);
  PrintRow("AdminService/Ping", p);
  PrintRow("PopulationService/GetPerson", g);
  std::printf("GetPerson / Ping QPS ratio: %.2f\n", p.qps > 0 ? g.qps / p.qps : 0);
  return p.errors + g.errors > 0 ? 1 : 0;
}

// SearchPersons for a random stored person by: exact name with full birth date (the common
// agency query), exact name alone, pinyin alone, and birth date alone.
int SearchQps(uint64_t entities, int threads, double seconds, std::string data_dir, bool tls) {
  BenchServer bench;
  if (auto s = StartServer(entities, threads, data_dir, tls, bench); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  struct Kind {
    const char* label;
    bool name, pinyin, birth;
  };
  const Kind kinds[] = {{"SearchPersons name+birth_date", true, false, true},
                        {"SearchPersons name", true, false, false},
                        {"SearchPersons pinyin", false, true, false},
                        {"SearchPersons birth_date", false, false, true}};
  std::atomic<int64_t> truncated{0};
  auto search = [&](const Kind& k) {
    return [&, k](int t, std::mt19937_64& rng) {
      const SyntheticPerson p = MakePerson(rng() % entities);
      grpc::ClientContext ctx;
      ctx.AddMetadata("x-mdhub-agency", "bench");
      v1::SearchPersonsRequest req;
      if (k.name) req.set_name(p.name);
      if (k.pinyin) req.set_name(resolver::NamePinyin(p.name));
      if (k.birth) req.set_birth_date(p.birth_date);
      v1::SearchPersonsResponse out;
      const bool ok = bench.population[t]->SearchPersons(&ctx, req, &out).ok();
      if (out.truncated()) truncated.fetch_add(1);
      return ok && out.hits_size() > 0;  // the person searched for exists: no hit is an error
    };
  };
  std::vector<std::vector<PhaseResult>> results(std::size(kinds));
  for (size_t i = 0; i < std::size(kinds); ++i) RunPhase(threads, 1, search(kinds[i]));
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < std::size(kinds); ++i) {
      results[i].push_back(RunPhase(threads, seconds, search(kinds[i])));
    }
  }
  bench.server->Shutdown(absl::Seconds(5));
  PrintHeader(entities, threads, seconds, tls);
  int64_t errors = 0;
  for (size_t i = 0; i < std::size(kinds); ++i) {
    PhaseResult r = Best(results[i]);
    PrintRow(kinds[i].label, r);
    errors += r.errors;
  }
  std::printf("responses marked truncated (over 5000 candidates): %lld\n",
              static_cast<long long>(truncated.load()));
  if (errors > 0) {
    std::fprintf(stderr, "searches without hits: a store populated before search terms existed "
                         "must be deleted and populated again\n");
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace
}  // namespace mdhub::bench

int main(int argc, char** argv) {
  CLI::App app("mdhub_bench — benchmarks of mdhub (run from the repository root)", "mdhub_bench");
  app.require_subcommand(1);
  int code = 0;
  uint64_t count = 100000;
  std::string out = "persons.csv";
  CLI::App* gen = app.add_subcommand("gen-persons", "Write a synthetic person CSV and its mapping");
  gen->add_option("--count", count, "persons")->capture_default_str();
  gen->add_option("--out", out, "CSV file")->capture_default_str();
  gen->callback([&] { code = mdhub::bench::GenPersons(count, out); });

  uint64_t entities = 1000000;
  int threads = 4;
  double seconds = 10;
  std::string data_dir;
  bool tls = true;
  CLI::App* qps = app.add_subcommand(
      "get-qps",
      "Populate a store with N persons (reused across runs), start mdhubd in-process and measure "
      "GetPerson by random id against AdminService/Ping (the empty-call ceiling) over gRPC");
  qps->add_option("--entities", entities, "persons in the store")->capture_default_str();
  qps->add_option("--threads", threads, "client threads, one connection each")
      ->capture_default_str();
  qps->add_option("--seconds", seconds, "length of each measured phase")->capture_default_str();
  qps->add_option("--data-dir", data_dir, "store directory (default /tmp/mdhub-bench-N)");
  qps->add_flag("--tls,!--no-tls", tls, "mutual TLS (default) or plain text")
      ->capture_default_str();
  qps->callback([&] {
    code = mdhub::bench::GetQps(entities, threads, seconds, data_dir, tls);
  });
  CLI::App* search = app.add_subcommand(
      "search-qps",
      "Like get-qps, for SearchPersons by name + birth date, name, pinyin and birth date of random "
      "stored persons");
  search->add_option("--entities", entities, "persons in the store")->capture_default_str();
  search->add_option("--threads", threads, "client threads, one connection each")
      ->capture_default_str();
  search->add_option("--seconds", seconds, "length of each measured phase")->capture_default_str();
  search->add_option("--data-dir", data_dir, "store directory (default /tmp/mdhub-bench-N)");
  search->add_flag("--tls,!--no-tls", tls, "mutual TLS (default) or plain text")
      ->capture_default_str();
  search->callback([&] {
    code = mdhub::bench::SearchQps(entities, threads, seconds, data_dir, tls);
  });
  mdhub::bench::ResolveBenchOptions resolve_options;
  CLI::App* resolve = app.add_subcommand(
      "resolve",
      "Resolve records from FILE into the store of a (stopped) mdhubd configured by "
      "--server-config, with its matching profile and audit log: first one record per "
      "transaction from several threads (records/s, p50/p99 per record), then batches");
  resolve->add_option("--server-config", resolve_options.server_config, "mdhubd config file")
      ->required()
      ->check(CLI::ExistingFile);
  resolve->add_option("--mapping", resolve_options.mapping, "import mapping of FILE")
      ->required()
      ->check(CLI::ExistingFile);
  resolve->add_option("file", resolve_options.file, "records (CSV or JSON Lines)")
      ->required()
      ->check(CLI::ExistingFile);
  resolve->add_option("--records", resolve_options.records, "records per phase")
      ->capture_default_str();
  resolve->add_option("--skip", resolve_options.skip,
                      "records of FILE to pass over first (resolved by an earlier run)")
      ->capture_default_str();
  resolve->add_option("--threads", resolve_options.threads, "threads of the first phase (0: skip it)")
      ->capture_default_str();
  resolve->add_option("--batch", resolve_options.batch, "records per batch in the second phase")
      ->capture_default_str();
  resolve->add_option("--streams", resolve_options.streams,
                      "concurrent submitters of batches in the second phase (as several "
                      "agencies' SubmitRecords streams)")
      ->check(CLI::PositiveNumber);
  resolve->add_flag("!--no-compact", resolve_options.compact,
                    "do not compact the store first (it is compacted already)");
  resolve->add_flag("--warm", resolve_options.warm,
                    "read the whole store once before measuring, so that the block cache holds "
                    "what a server that has been running would (up to cache_mb)");
  resolve->callback([&] { code = mdhub::bench::ResolveBench(resolve_options); });
  mdhub::bench::OrgQpsOptions org_options;
  CLI::App* org = app.add_subcommand(
      "org-qps",
      "Start mdhubd in-process over the store of --server-config, into which the `mdhub gen "
      "orgs` extracts in --orgs were imported, and measure LookupByCreditCode, LookupByLegacyCode "
      "and SearchLegalEntities (full name, name core) for organisations of its aic.csv over gRPC");
  org->add_option("--server-config", org_options.server_config, "mdhubd config file")
      ->required()
      ->check(CLI::ExistingFile);
  org->add_option("--orgs", org_options.orgs_dir, "output directory of `mdhub gen orgs`")
      ->required()
      ->check(CLI::ExistingDirectory);
  org->add_option("--threads", org_options.threads, "client threads, one connection each")
      ->capture_default_str();
  org->add_option("--seconds", org_options.seconds, "length of each measured phase")
      ->capture_default_str();
  org->add_option("--sample", org_options.sample, "organisations the queries are drawn from")
      ->capture_default_str();
  org->callback([&] { code = mdhub::bench::OrgQps(org_options); });
  CLI11_PARSE(app, argc, argv);
  return code;
}

// mdhub gen persons: synthetic person extracts of three agencies with truth and import mappings,
// for tests and benchmarks of matching (the generator is tools/gen/person_generator.h).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/gen/person_generator.h"

namespace mdhub::cli {
namespace {

struct GenPersonsArgs {
  int64_t count = 0;
  std::string out;
  uint64_t seed = 1;
  bool quiet = false;
};

absl::Status WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat("cannot write ", path.string()));
  return absl::OkStatus();
}

double Percent(int64_t part, int64_t whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

int RunGenPersons(const GenPersonsArgs& a) {
  const absl::Time start = absl::Now();
  const std::filesystem::path dir(a.out);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return ReportError(
        absl::InvalidArgumentError(absl::StrCat("cannot create ", a.out, ": ", error.message())));
  }
  for (gen::Extract e : {gen::Extract::kHukou, gen::Extract::kHealth, gen::Extract::kHrss}) {
    absl::Status s =
        WriteFile(dir / absl::StrCat(gen::ExtractFileStem(e), ".toml"), gen::ImportMapping(e));
    if (!s.ok()) return ReportError(s);
  }
  const char* const kFiles[] = {"hukou.csv", "health.csv", "hrss.csv", "truth.csv"};
  std::ofstream files[4];
  for (int i = 0; i < 4; ++i) {
    files[i].open(dir / kFiles[i], std::ios::binary | std::ios::trunc);
    if (!files[i]) {
      return ReportError(
          absl::InvalidArgumentError(absl::StrCat("cannot write ", (dir / kFiles[i]).string())));
    }
  }
  gen::PersonExtractStreams streams{files[0], files[1], files[2], files[3]};
  gen::PersonGeneratorOptions options;
  options.persons = a.count;
  options.seed = a.seed;
  absl::Time last = start;
  options.progress = [&](int64_t done) {
    const absl::Time now = absl::Now();
    if (a.quiet || now - last < absl::Seconds(1)) return;
    last = now;
    std::fprintf(stderr, "… %lld of %lld persons (%.0f/s)\n", static_cast<long long>(done),
                 static_cast<long long>(a.count), done / absl::ToDoubleSeconds(now - start));
  };
  auto summary = gen::GeneratePersonExtracts(options, streams);
  if (!summary.ok()) return ReportError(summary.status());
  for (int i = 0; i < 4; ++i) {
    files[i].close();
    if (!files[i]) {
      return ReportError(
          absl::DataLossError(absl::StrCat("cannot write ", (dir / kFiles[i]).string())));
    }
  }
  const gen::PersonGenerationSummary& s = *summary;
  std::printf(
      "%lld persons in %lld households (%lld twin pairs, %lld name changes) -> %s: hukou.csv "
      "%lld records (%lld legacy ids), health.csv %lld (%lld duplicates, %.1f%% no id, %.1f%% "
      "wrong id, %.1f%% name variants), hrss.csv %lld (%lld pinyin names), truth.csv %lld; "
      "seed %llu, %.1f s\n",
      static_cast<long long>(s.persons), static_cast<long long>(s.households),
      static_cast<long long>(s.twin_pairs), static_cast<long long>(s.name_changes), a.out.c_str(),
      static_cast<long long>(s.hukou_records), static_cast<long long>(s.hukou_legacy_ids),
      static_cast<long long>(s.health_records), static_cast<long long>(s.health_duplicates),
      Percent(s.health_missing_ids, s.health_records),
      Percent(s.health_wrong_ids, s.health_records),
      Percent(s.health_name_variants, s.health_records), static_cast<long long>(s.hrss_records),
      static_cast<long long>(s.hrss_pinyin_names),
      static_cast<long long>(s.hukou_records + s.health_records + s.hrss_records),
      static_cast<unsigned long long>(a.seed), absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}

}  // namespace

void AddGenCommands(CLI::App& app, int* exit_code) {
  CLI::App* gen = app.add_subcommand(
      "gen", "Generate synthetic data for tests and benchmarks (no server needed).");
  gen->require_subcommand(1);
  auto a = std::make_shared<GenPersonsArgs>();
  CLI::App* persons = gen->add_subcommand(
      "persons",
      "Write Guangxi-like person extracts of public security (hukou.csv), health (health.csv) "
      "and social security (hrss.csv) with their errors, truth.csv (source,record_id,person_id) "
      "and a mapping for `mdhub import` of each extract (*.toml) into --out.");
  persons->add_option("--count", a->count, "number of true persons")
      ->required()
      ->check(CLI::Range(int64_t{1}, int64_t{1000000000}));
  persons->add_option("--out", a->out, "output directory (created if missing)")->required();
  persons->add_option("--seed", a->seed, "random seed: the same seed gives the same files")
      ->capture_default_str();
  persons->add_flag("--quiet", a->quiet, "no progress on stderr");
  persons->callback([a, exit_code] { *exit_code = RunGenPersons(*a); });
}

}  // namespace mdhub::cli

// mdhub gen persons / gen orgs: synthetic person and legal-entity extracts of three agencies each,
// with truth and import mappings, for tests and benchmarks of matching; mdhub gen parcels: a
// cadastral parcel layer whose owners can be those persons and organisations (the generators
// are tools/gen/person_generator.h, org_generator.h and parcel_generator.h).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/gen/org_generator.h"
#include "tools/gen/parcel_generator.h"
#include "tools/gen/person_generator.h"

namespace mdhub::cli {
namespace {

struct GenPersonsArgs {
  int64_t count = 0;
  std::string out;
  uint64_t seed = 1;
  bool quiet = false;
};

struct GenOrgsArgs {
  int64_t count = 0;
  std::string out;
  uint64_t seed = 1;
  std::string persons;
  bool quiet = false;
};

struct GenParcelsArgs {
  int64_t count = 0;
  std::string out;
  std::string format;  // empty: from the extension of out, else fgb
  uint64_t seed = 1;
  std::string persons;
  std::string orgs;
  std::string bbox;
  bool quiet = false;
};

absl::Status WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat("cannot write ", path.string()));
  return absl::OkStatus();
}

// The output directory (created) with `mappings` (file name, text) written into it and `files`
// opened for the extracts.
absl::Status PrepareOutput(const std::string& out,
                           const std::vector<std::pair<std::string, std::string>>& mappings,
                           const std::vector<std::string>& names, std::vector<std::ofstream>* files) {
  const std::filesystem::path dir(out);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::InvalidArgumentError(absl::StrCat("cannot create ", out, ": ", error.message()));
  }
  for (const auto& [name, text] : mappings) {
    if (absl::Status s = WriteFile(dir / name, text); !s.ok()) return s;
  }
  files->resize(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    (*files)[i].open(dir / names[i], std::ios::binary | std::ios::trunc);
    if (!(*files)[i]) {
      return absl::InvalidArgumentError(absl::StrCat("cannot write ", (dir / names[i]).string()));
    }
  }
  return absl::OkStatus();
}

absl::Status CloseOutput(const std::string& out, const std::vector<std::string>& names,
                         std::vector<std::ofstream>& files) {
  for (size_t i = 0; i < files.size(); ++i) {
    files[i].close();
    if (!files[i]) {
      return absl::DataLossError(
          absl::StrCat("cannot write ", (std::filesystem::path(out) / names[i]).string()));
    }
  }
  return absl::OkStatus();
}

// Progress on stderr at most once a second: "… 30000 of 100000 persons (12345/s)".
std::function<void(int64_t)> Progress(bool quiet, int64_t total, const char* what,
                                      absl::Time start) {
  auto last = std::make_shared<absl::Time>(start);
  return [=](int64_t done) {
    const absl::Time now = absl::Now();
    if (quiet || now - *last < absl::Seconds(1)) return;
    *last = now;
    std::fprintf(stderr, "… %lld of %lld %s (%.0f/s)\n", static_cast<long long>(done),
                 static_cast<long long>(total), what, done / absl::ToDoubleSeconds(now - start));
  };
}

double Percent(int64_t part, int64_t whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

int RunGenPersons(const GenPersonsArgs& a) {
  const absl::Time start = absl::Now();
  std::vector<std::pair<std::string, std::string>> mappings;
  for (gen::Extract e : {gen::Extract::kHukou, gen::Extract::kHealth, gen::Extract::kHrss}) {
    mappings.emplace_back(absl::StrCat(gen::ExtractFileStem(e), ".toml"), gen::ImportMapping(e));
  }
  const std::vector<std::string> names = {"hukou.csv", "health.csv", "hrss.csv", "truth.csv"};
  std::vector<std::ofstream> files;
  if (absl::Status s = PrepareOutput(a.out, mappings, names, &files); !s.ok()) {
    return ReportError(s);
  }
  gen::PersonExtractStreams streams{files[0], files[1], files[2], files[3]};
  gen::PersonGeneratorOptions options;
  options.persons = a.count;
  options.seed = a.seed;
  options.progress = Progress(a.quiet, a.count, "persons", start);
  auto summary = gen::GeneratePersonExtracts(options, streams);
  if (!summary.ok()) return ReportError(summary.status());
  if (absl::Status s = CloseOutput(a.out, names, files); !s.ok()) return ReportError(s);
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

int RunGenOrgs(const GenOrgsArgs& a) {
  const absl::Time start = absl::Now();
  std::ifstream hukou;
  if (!a.persons.empty()) {
    const std::filesystem::path path = std::filesystem::path(a.persons) / "hukou.csv";
    hukou.open(path, std::ios::binary);
    if (!hukou) {
      return ReportError(absl::NotFoundError(absl::StrCat(
          "--persons: cannot read ", path.string(), " (give the --out of `mdhub gen persons`)")));
    }
  }
  std::vector<std::pair<std::string, std::string>> mappings;
  for (gen::OrgExtract e : {gen::OrgExtract::kAic, gen::OrgExtract::kMca,
                            gen::OrgExtract::kScopsr}) {
    mappings.emplace_back(absl::StrCat(gen::ExtractFileStem(e), ".toml"), gen::ImportMapping(e));
  }
  const std::vector<std::string> names = {"aic.csv", "mca.csv", "scopsr.csv", "truth.csv"};
  std::vector<std::ofstream> files;
  if (absl::Status s = PrepareOutput(a.out, mappings, names, &files); !s.ok()) {
    return ReportError(s);
  }
  gen::OrgExtractStreams streams{files[0], files[1], files[2], files[3]};
  gen::OrgGeneratorOptions options;
  options.organizations = a.count;
  options.seed = a.seed;
  options.persons_hukou = a.persons.empty() ? nullptr : &hukou;
  options.progress = Progress(a.quiet, a.count, "organisations", start);
  auto summary = gen::GenerateOrgExtracts(options, streams);
  if (!summary.ok()) return ReportError(summary.status());
  if (absl::Status s = CloseOutput(a.out, names, files); !s.ok()) return ReportError(s);
  const gen::OrgGenerationSummary& s = *summary;
  auto n = [](int64_t v) { return static_cast<long long>(v); };
  std::printf(
      "%lld organisations (%lld companies with %lld branches, %lld individual businesses, %lld "
      "cooperatives, %lld social groups, %lld non-enterprise units, %lld foundations, %lld "
      "institutions, %lld organs; %lld employers of the persons) -> %s: aic.csv %lld records, "
      "mca.csv %lld, scopsr.csv %lld, truth.csv %lld. Records: %lld legacy, %lld duplicates, "
      "%lld cross-registry; %lld missing and %lld wrong credit codes, %lld name variants, %lld "
      "old names (%lld renamed), %lld old representatives (%lld changed), %lld old addresses "
      "(%lld moved), %lld wrong establishment dates; %lld closed (%lld before credit codes); "
      "seed %llu, %.1f s\n",
      n(s.organizations), n(s.companies), n(s.branches), n(s.individual_businesses),
      n(s.cooperatives), n(s.social_groups), n(s.non_enterprise_units), n(s.foundations),
      n(s.institutions), n(s.organs), n(s.employers), a.out.c_str(), n(s.aic_records),
      n(s.mca_records), n(s.scopsr_records), n(s.aic_records + s.mca_records + s.scopsr_records),
      n(s.legacy_records), n(s.duplicates), n(s.cross_registry_records),
      n(s.missing_credit_codes), n(s.wrong_credit_codes), n(s.name_variants), n(s.old_names),
      n(s.renamed), n(s.old_representatives), n(s.representative_changes), n(s.old_addresses),
      n(s.moved), n(s.wrong_established), n(s.closed), n(s.closed_before_codes),
      static_cast<unsigned long long>(a.seed), absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}

// "minx,miny,maxx,maxy" in degrees.
absl::StatusOr<geo::Box> ParseBbox(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, ',');
  double v[4];
  if (parts.size() != 4 || !absl::SimpleAtod(parts[0], &v[0]) ||
      !absl::SimpleAtod(parts[1], &v[1]) || !absl::SimpleAtod(parts[2], &v[2]) ||
      !absl::SimpleAtod(parts[3], &v[3])) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--bbox: expected minx,miny,maxx,maxy in degrees (e.g. 108.2,22.7,108.5,22.95), got \"",
        text, "\""));
  }
  return geo::Box{v[0], v[1], v[2], v[3]};
}

int RunGenParcels(const GenParcelsArgs& a) {
  const absl::Time start = absl::Now();
  gen::ParcelGeneratorOptions options;
  options.parcels = a.count;
  options.seed = a.seed;
  options.out_path = a.out;
  options.persons_path = a.persons;
  options.orgs_path = a.orgs;
  absl::StatusOr<geo::FileFormat> format =
      a.format.empty() ? geo::FileFormatOfPath(a.out) : geo::ParseFileFormat(a.format);
  if (!format.ok() && a.format.empty()) format = geo::FileFormat::kFlatGeobuf;
  if (!format.ok()) return ReportError(format.status());
  options.format = *format;
  if (!a.bbox.empty()) {
    absl::StatusOr<geo::Box> box = ParseBbox(a.bbox);
    if (!box.ok()) return ReportError(box.status());
    options.region = *box;
  }
  options.progress = Progress(a.quiet, a.count, "parcels", start);
  auto summary = gen::GenerateParcels(options);
  if (!summary.ok()) return ReportError(summary.status());
  const gen::ParcelGenerationSummary& s = *summary;
  auto n = [](int64_t v) { return static_cast<long long>(v); };
  std::string uses;
  for (const auto& [use, count] : s.land_uses) {
    absl::StrAppend(&uses, uses.empty() ? "" : ", ", use, " ", count);
  }
  std::printf(
      "%lld parcels in %lld blocks of %.4f,%.4f,%.4f,%.4f (EPSG:4490, %.1f km^2 of parcels) -> "
      "%s: owners %lld persons, %lld organisations, %lld state (drawn from %lld people %s and "
      "%lld organisations %s); land use: %s; seed %llu, %.1f s\n",
      n(s.parcels), n(s.blocks), s.region.min_x, s.region.min_y, s.region.max_x, s.region.max_y,
      s.area_m2 / 1e6, a.out.c_str(), n(s.person_owned), n(s.organisation_owned), n(s.state_owned),
      n(s.owner_pool_persons), a.persons.empty() ? "generated" : "of --persons",
      n(s.owner_pool_organizations), a.orgs.empty() ? "generated" : "of --orgs", uses.c_str(),
      static_cast<unsigned long long>(a.seed), absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}

void AddGenPersons(CLI::App& gen, int* exit_code) {
  auto a = std::make_shared<GenPersonsArgs>();
  CLI::App* persons = gen.add_subcommand(
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

void AddGenOrgs(CLI::App& gen, int* exit_code) {
  auto a = std::make_shared<GenOrgsArgs>();
  CLI::App* orgs = gen.add_subcommand(
      "orgs",
      "Write Guangxi-like legal-entity extracts into --out: business registration (aic.csv: "
      "companies and their branches, individual businesses, cooperatives), civil affairs "
      "(mca.csv: social groups, private non-enterprise units, foundations) and the establishment "
      "office (scopsr.csv: public institutions, government organs), each in its own schema; "
      "truth.csv (source,record_id,org_id); and a mapping for `mdhub import` of each extract "
      "(*.toml, kind legal-entity). Organisations have several records with the errors real "
      "registers have: pre-2015 records with registration number or organisation code and no "
      "credit code, county copies with name variants, missing or mistyped credit codes, old "
      "names, representatives and addresses; branches and namesakes in other counties are "
      "different organisations.");
  orgs->add_option("--count", a->count, "number of true organisations, branches included")
      ->required()
      ->check(CLI::Range(int64_t{1}, int64_t{5000000}));
  orgs->add_option("--out", a->out, "output directory (created if missing)")->required();
  orgs->add_option("--seed", a->seed, "random seed: the same seed gives the same files")
      ->capture_default_str();
  orgs->add_option("--persons", a->persons,
                   "output directory of `mdhub gen persons`: legal representatives are adults of "
                   "its hukou.csv, and every employer its hrss.csv names is an organisation "
                   "(then --count must cover them; the error says how many)");
  orgs->add_flag("--quiet", a->quiet, "no progress on stderr");
  orgs->callback([a, exit_code] { *exit_code = RunGenOrgs(*a); });
}

void AddGenParcels(CLI::App& gen, int* exit_code) {
  auto a = std::make_shared<GenParcelsArgs>();
  CLI::App* parcels = gen.add_subcommand(
      "parcels",
      "Write a cadastral parcel layer (polygons, EPSG:4490) to --out: street blocks around "
      "Nanning tessellated into parcels that share edges and never overlap, with parcel_code "
      "(GB/T 13923, 19 characters), land_use (GB/T 21010), area_m2 (on the ellipsoid), "
      "owner_type/owner_id/owner_name, right_type, registered_on, county_code/county_name "
      "(six Nanning districts as longitude bands) and township. Owners are people of --persons "
      "and organisations of --orgs when given (so that links can be tested), else generated.");
  parcels->add_option("--count", a->count, "number of parcels (exactly)")
      ->required()
      ->check(CLI::Range(int64_t{1}, gen::kMaxParcels));
  parcels->add_option("--out", a->out, "output file (replaced if it exists)")->required();
  parcels->add_option("--format", a->format,
                      "fgb, gpkg, geojson, shapefile (zipped) or csv (WKT); default: from the "
                      "extension of --out, else fgb");
  parcels->add_option("--seed", a->seed, "random seed: the same seed gives the same parcels")
      ->capture_default_str();
  parcels->add_option("--persons", a->persons,
                      "hukou.csv of `mdhub gen persons` or its output directory: person owners "
                      "are adults of it");
  parcels->add_option("--orgs", a->orgs,
                      "aic.csv, mca.csv or scopsr.csv of `mdhub gen orgs` or its output "
                      "directory (all three): organisation owners are organisations of it with "
                      "a valid credit code that are not closed");
  parcels->add_option("--bbox", a->bbox,
                      "region to fill, minx,miny,maxx,maxy in degrees (default: centred on "
                      "Nanning, 2,500 m^2 per parcel with streets, e.g. 108.2,22.7,108.5,22.95 "
                      "at about 340,000 parcels)");
  parcels->add_flag("--quiet", a->quiet, "no progress on stderr");
  parcels->callback([a, exit_code] { *exit_code = RunGenParcels(*a); });
}

}  // namespace

void AddGenCommands(CLI::App& app, int* exit_code) {
  CLI::App* gen = app.add_subcommand(
      "gen", "Generate synthetic data for tests and benchmarks (no server needed).");
  gen->require_subcommand(1);
  AddGenPersons(*gen, exit_code);
  AddGenOrgs(*gen, exit_code);
  AddGenParcels(*gen, exit_code);
}

}  // namespace mdhub::cli

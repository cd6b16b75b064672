// mdhub match / mdhub eval: batch matching of CSV extracts for analysts, and its evaluation
// against truth.
#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/csv_reader.h"
#include "common/csv_writer.h"
#include "resolver/match/batch_matcher.h"
#include "resolver/match/evaluation.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/record_file.h"

namespace mdhub::cli {
namespace {

struct MatchArgs {
  std::string settings;
  std::vector<std::string> files;
  std::string out;
  std::string pairs;
  std::string model;
  std::string save_model;
  std::vector<std::string> explain;
  int threads = 2;
  bool quiet = false;
};

std::string PairKey(absl::string_view source_a, absl::string_view id_a, absl::string_view source_b,
                    absl::string_view id_b) {
  std::string a = absl::StrCat(source_a, "\x1f", id_a), b = absl::StrCat(source_b, "\x1f", id_b);
  return a < b ? absl::StrCat(a, "\x1e", b) : absl::StrCat(b, "\x1e", a);
}

// Prints, for each --explain ID_A,ID_B, the field-by-field weights of that pair.
absl::Status Explain(const MatchArgs& a, const resolver::MatchDataset& data,
                     const resolver::MatchSettings& settings, const resolver::MatchResult& result) {
  if (a.explain.empty()) return absl::OkStatus();
  resolver::MatchModel model(settings, data);
  if (auto s = model.LoadText(result.model, "trained model"); !s.ok()) return s;
  auto find = [&](const std::string& id) -> absl::StatusOr<uint32_t> {
    for (uint32_t i = 0; i < data.size(); ++i) {
      if (data.id(i) == id) return i;
    }
    return absl::NotFoundError(absl::StrCat("--explain: no record with id \"", id, "\""));
  };
  for (const std::string& pair : a.explain) {
    const auto comma = pair.find(',');
    if (comma == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat("--explain \"", pair, "\" must be ID_A,ID_B"));
    }
    auto left = find(pair.substr(0, comma));
    if (!left.ok()) return left.status();
    auto right = find(pair.substr(comma + 1));
    if (!right.ok()) return right.status();
    resolver::MatchModel::Explanation e = model.Explain(*left, *right);
    std::printf("%s (%s) vs %s (%s): same entity: %s\n", data.id(*left).c_str(),
                data.source_name(*left).c_str(), data.id(*right).c_str(),
                data.source_name(*right).c_str(),
                result.cluster[*left] == result.cluster[*right] ? "yes" : "no");
    std::printf("  %-16s %+7.2f\n", "prior", e.prior_weight);
    for (const auto& f : e.fields) {
      std::printf("  %-16s %+7.2f  level %d  \"%s\" / \"%s\"\n", f.field.c_str(), f.weight,
                  f.level, f.left.c_str(), f.right.c_str());
    }
    std::printf("  %-16s %+7.2f  match probability %.6f\n", "total", e.weight, e.probability);
  }
  return absl::OkStatus();
}

int RunMatch(const MatchArgs& a) {
  const absl::Time start = absl::Now();
  auto settings = resolver::MatchSettings::Load(a.settings);
  if (!settings.ok()) return ReportError(settings.status());
  // FILE or FILE:MAPPING, where MAPPING is the column mapping used by `mdhub import`: the file's
  // columns are then read under their mdhub attribute names, and its key column is the record id.
  std::vector<resolver::MatchInput> inputs;
  for (const std::string& arg : a.files) {
    resolver::MatchInput input;
    const auto colon = arg.rfind(':');
    input.path = colon == std::string::npos ? arg : arg.substr(0, colon);
    if (colon != std::string::npos) {
      auto mapping = RecordMapping::Load(arg.substr(colon + 1));
      if (!mapping.ok()) return ReportError(mapping.status());
      input.source = mapping->source;
      input.columns[settings->record_id] = mapping->key_column;
      for (const auto& [attribute, column] : mapping->attributes) input.columns[attribute] = column;
    }
    inputs.push_back(std::move(input));
  }
  auto data = resolver::MatchDataset::Load(inputs, *settings);
  if (!data.ok()) return ReportError(data.status());
  for (const std::string& note : data->notes()) std::fprintf(stderr, "note: %s\n", note.c_str());
  resolver::BatchOptions options;
  options.threads = a.threads;
  options.progress = [&](const std::string& stage) {
    if (!a.quiet) {
      std::fprintf(stderr, "[%6.1f s] %s\n", absl::ToDoubleSeconds(absl::Now() - start),
                   stage.c_str());
    }
  };
  options.model_path = a.model;
  auto matched = resolver::MatchBatch(*data, *settings, options);
  if (!matched.ok()) return ReportError(matched.status());
  const resolver::MatchResult& result = *matched;
  if (!a.save_model.empty()) {
    std::ofstream(a.save_model) << result.model;
    if (!std::ifstream(a.save_model)) {
      return ReportError(absl::InvalidArgumentError(absl::StrCat("cannot write ", a.save_model)));
    }
  }
  std::ofstream out_file(a.out);
  CsvWriter out(out_file, a.out);
  out.Row({"source", "record_id", "entity_id"});
  for (uint32_t i = 0; i < data->size(); ++i) {
    out.Row({data->source_name(i), data->id(i), result.cluster[i]});
  }
  if (auto s = out.Flush(); !s.ok()) return ReportError(s);
  if (!a.pairs.empty()) {
    std::ofstream pairs_file(a.pairs);
    CsvWriter pairs(pairs_file, a.pairs);
    pairs.Row({"source_a", "record_id_a", "source_b", "record_id_b", "match_weight",
               "match_probability"});
    for (const resolver::ScoredPair& p : result.pairs) {
      const std::string weight = absl::StrCat(p.weight), probability = absl::StrCat(p.probability);
      pairs.Row({data->source_name(p.a), data->id(p.a), data->source_name(p.b), data->id(p.b),
                 weight, probability});
    }
    if (auto s = pairs.Flush(); !s.ok()) return ReportError(s);
  }
  if (auto s = Explain(a, *data, *settings, result); !s.ok()) return ReportError(s);
  int64_t clusters = 0;
  for (uint32_t i = 0; i < data->size(); ++i) {
    clusters += result.cluster[i] == absl::StrCat("E:", data->id(i));
  }
  std::fprintf(stderr,
               "%u records -> %lld entities in %.1f s: %lld pairs compared, %lld linked, %lld for "
               "review, %lld links refused by constraints; EM %d iterations; %lld oversized "
               "blocks skipped (%lld records)\n%s",
               data->size(), static_cast<long long>(clusters),
               absl::ToDoubleSeconds(absl::Now() - start),
               static_cast<long long>(result.pairs_compared),
               static_cast<long long>(result.pairs_linked),
               static_cast<long long>(result.pairs_for_review),
               static_cast<long long>(result.links_refused), result.em_iterations,
               static_cast<long long>(result.blocks_skipped),
               static_cast<long long>(result.records_in_skipped_blocks),
               a.quiet ? "" : result.model_description.c_str());
  return 0;
}

struct EvalArgs {
  std::string clusters;
  std::string truth_regex;
  std::string truth;
  std::string pairs;
};

// Rows of a CSV with a header, as maps from column to value.
template <typename Row>
absl::Status ReadCsv(const std::string& path, Row row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  CsvReader reader(in, path, {});
  std::vector<std::string> header, fields;
  auto more = reader.Next(&header);
  if (!more.ok()) return more.status();
  for (;;) {
    more = reader.Next(&fields);
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    if (fields.size() != header.size()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", reader.row_line(), ": expected ",
                                                     header.size(), " fields"));
    }
    if (auto s = row(header, fields, reader.row_line()); !s.ok()) return s;
  }
}

int RunEval(const EvalArgs& a) {
  if (a.truth_regex.empty() == a.truth.empty()) {
    return ReportError(absl::InvalidArgumentError("give exactly one of --truth-regex and --truth"));
  }
  // Truth from a file: source,record_id,cluster (or record_id,cluster).
  absl::flat_hash_map<std::string, std::string> truth_of;
  if (!a.truth.empty()) {
    absl::Status s = ReadCsv(a.truth, [&](const std::vector<std::string>& h,
                                          const std::vector<std::string>& f, int) {
      const bool with_source = h.size() >= 3;
      truth_of[with_source ? absl::StrCat(f[0], "\x1f", f[1]) : f[0]] = f.back();
      return absl::OkStatus();
    });
    if (!s.ok()) return ReportError(s);
  }
  std::regex pattern;
  try {
    if (!a.truth_regex.empty()) pattern = std::regex(a.truth_regex);
  } catch (const std::regex_error& e) {
    return ReportError(absl::InvalidArgumentError(absl::StrCat("--truth-regex: ", e.what())));
  }
  std::vector<std::string> predicted, truth, keys;
  absl::Status s = ReadCsv(a.clusters, [&](const std::vector<std::string>& h,
                                           const std::vector<std::string>& f, int line) {
    if (h.size() < 3) {
      return absl::InvalidArgumentError(
          absl::StrCat(a.clusters, ":1: expected source,record_id,entity_id"));
    }
    std::string label;
    if (!a.truth_regex.empty()) {
      std::smatch m;
      if (!std::regex_search(f[1], m, pattern)) {
        return absl::InvalidArgumentError(absl::StrCat(a.clusters, ":", line, ": record id \"",
                                                       f[1], "\" does not match --truth-regex"));
      }
      label = m.size() > 1 ? m[1].str() : m[0].str();
    } else {
      auto it = truth_of.find(absl::StrCat(f[0], "\x1f", f[1]));
      if (it == truth_of.end()) it = truth_of.find(f[1]);
      if (it == truth_of.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat(a.clusters, ":", line, ": no truth for record ", f[1]));
      }
      label = it->second;
    }
    keys.push_back(absl::StrCat(f[0], "\x1f", f[1]));
    predicted.push_back(f[2]);
    truth.push_back(std::move(label));
    return absl::OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  resolver::PairwiseMetrics pw = resolver::EvaluatePairwise(predicted, truth);
  resolver::BCubedMetrics bc = resolver::EvaluateBCubed(predicted, truth);
  std::printf("records            %zu\n", predicted.size());
  std::printf("pairwise           precision %.4f  recall %.4f  F1 %.4f  (TP %lld, FP %lld, FN %lld)\n",
              pw.precision, pw.recall, pw.f1, static_cast<long long>(pw.true_positives),
              static_cast<long long>(pw.false_positives),
              static_cast<long long>(pw.false_negatives));
  std::printf("B-cubed            precision %.4f  recall %.4f  F1 %.4f\n", bc.precision, bc.recall,
              bc.f1);
  if (!a.pairs.empty()) {
    absl::flat_hash_set<std::string> compared;
    s = ReadCsv(a.pairs, [&](const std::vector<std::string>&, const std::vector<std::string>& f,
                             int) {
      compared.insert(PairKey(f[0], f[1], f[2], f[3]));
      return absl::OkStatus();
    });
    if (!s.ok()) return ReportError(s);
    absl::flat_hash_map<std::string, std::vector<size_t>> by_truth;
    for (size_t i = 0; i < truth.size(); ++i) by_truth[truth[i]].push_back(i);
    int64_t true_pairs = 0, missed = 0;
    for (const auto& [label, members] : by_truth) {
      for (size_t x = 0; x < members.size(); ++x) {
        for (size_t y = x + 1; y < members.size(); ++y) {
          ++true_pairs;
          const std::string& ka = keys[members[x]];
          const std::string& kb = keys[members[y]];
          auto sep_a = ka.find('\x1f'), sep_b = kb.find('\x1f');
          if (!compared.contains(PairKey(ka.substr(0, sep_a), ka.substr(sep_a + 1),
                                         kb.substr(0, sep_b), kb.substr(sep_b + 1)))) {
            ++missed;
          }
        }
      }
    }
    std::printf("blocking           %lld of %lld true pairs never compared (blocking recall %.4f)\n",
                static_cast<long long>(missed), static_cast<long long>(true_pairs),
                true_pairs ? 1.0 - static_cast<double>(missed) / true_pairs : 1.0);
  }
  return 0;
}

}  // namespace

void AddMatchCommands(CLI::App& app, int* exit_code) {
  {
    auto a = std::make_shared<MatchArgs>();
    CLI::App* cmd = app.add_subcommand(
        "match",
        "Deduplicate one CSV file or link several, unsupervised (Fellegi-Sunter, EM), with a "
        "settings file (see docs/matching.md). Writes source,record_id,entity_id per record.");
    cmd->add_option("--settings", a->settings, "matching settings (TOML)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("files", a->files,
                    "CSV files with a header row, each optionally as FILE:MAPPING with the column "
                    "mapping of `mdhub import` (agencies' files with different schemas)")
        ->required();
    cmd->add_option("--out", a->out, "output CSV: source,record_id,entity_id")->required();
    cmd->add_option("--pairs", a->pairs, "also write every compared pair with its score");
    cmd->add_option("--threads", a->threads, "worker threads")->capture_default_str();
    cmd->add_option("--save-model", a->save_model,
                    "write the trained parameters (prior, m and u) to reuse with --model");
    cmd->add_option("--model", a->model, "use saved parameters instead of training")
        ->check(CLI::ExistingFile);
    cmd->add_option("--explain", a->explain,
                    "print field-by-field weights for the pair of records ID_A,ID_B (repeatable; "
                    "level 0 = missing, 1 = exact, last = disagreement)")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_flag("--quiet", a->quiet, "no progress or model report");
    cmd->callback([a, exit_code] { *exit_code = RunMatch(*a); });
  }
  {
    auto a = std::make_shared<EvalArgs>();
    CLI::App* cmd = app.add_subcommand(
        "eval",
        "Evaluate mdhub match output against truth: pairwise precision/recall/F1, B-cubed, and "
        "(with --pairs) the true pairs that blocking never compared.");
    cmd->add_option("--clusters", a->clusters, "output of mdhub match")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--truth-regex", a->truth_regex,
                    "derive the true entity from the record id, e.g. 'rec-([0-9]+)' for FEBRL");
    cmd->add_option("--truth", a->truth, "CSV of [source,]record_id,true_entity")
        ->check(CLI::ExistingFile);
    cmd->add_option("--pairs", a->pairs, "the --pairs file of mdhub match")
        ->check(CLI::ExistingFile);
    cmd->callback([a, exit_code] { *exit_code = RunEval(*a); });
  }
}

}  // namespace mdhub::cli

#include "resolver/match/batch_matcher.h"

#include <algorithm>
#include <numeric>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "resolver/match/columns.h"

namespace mdhub::resolver {
namespace {

// The first of a's keys (kKeySeparator-joined) that b has too; "" when none.
absl::string_view FirstSharedKey(absl::string_view a, absl::string_view b) {
  if (a.empty() || b.empty()) return "";
  if (a.find(kKeySeparator) == absl::string_view::npos &&
      b.find(kKeySeparator) == absl::string_view::npos) {
    return a == b ? a : "";
  }
  const std::vector<absl::string_view> theirs = absl::StrSplit(b, kKeySeparator);
  for (absl::string_view key : absl::StrSplit(a, kKeySeparator)) {
    if (std::find(theirs.begin(), theirs.end(), key) != theirs.end()) return key;
  }
  return "";
}

// Candidate pairs from every blocking rule, each pair once (a pair is kept by the first rule
// that produces it); rules_of[i] has bit r set for every rule r that pair i satisfies.
std::vector<std::pair<uint32_t, uint32_t>> Block(const MatchDataset& data,
                                                 const MatchSettings& settings,
                                                 MatchResult& result,
                                                 std::vector<uint32_t>& rules_of) {
  const size_t rules = settings.blocking.size();
  // keys[r][record]
  std::vector<std::vector<std::string>> keys(rules, std::vector<std::string>(data.size()));
  for (size_t r = 0; r < rules; ++r) {
    for (uint32_t i = 0; i < data.size(); ++i) keys[r][i] = data.BlockingKey(i, static_cast<int>(r));
  }
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t r = 0; r < rules; ++r) {
    absl::flat_hash_map<absl::string_view, std::vector<uint32_t>> blocks;
    bool several_keys = false;  // some record has more than one key under this rule
    for (uint32_t i = 0; i < data.size(); ++i) {
      if (keys[r][i].empty()) continue;
      several_keys = several_keys || keys[r][i].find(kKeySeparator) != std::string::npos;
      // A record with several values of a key part has a key for each.
      for (absl::string_view key : absl::StrSplit(keys[r][i], kKeySeparator)) {
        std::vector<uint32_t>& block = blocks[key];
        if (block.empty() || block.back() != i) block.push_back(i);
      }
    }
    for (const auto& [key, members] : blocks) {
      if (static_cast<int>(members.size()) > settings.max_block_size) {
        ++result.blocks_skipped;
        result.records_in_skipped_blocks += members.size();
        continue;
      }
      for (size_t x = 0; x < members.size(); ++x) {
        for (size_t y = x + 1; y < members.size(); ++y) {
          const uint32_t a = members[x], b = members[y];
          if (settings.link_only && data.source(a) == data.source(b)) continue;
          // Paired under an earlier rule, or under an earlier key of this one.
          bool earlier = several_keys && FirstSharedKey(keys[r][a], keys[r][b]) != key;
          for (size_t q = 0; q < r && !earlier; ++q) {
            earlier = !FirstSharedKey(keys[q][a], keys[q][b]).empty();
          }
          if (!earlier) {
            pairs.emplace_back(a, b);
            uint32_t mask = 1u << r;
            for (size_t q = r + 1; q < rules; ++q) {
              if (!FirstSharedKey(keys[q][a], keys[q][b]).empty()) mask |= 1u << q;
            }
            rules_of.push_back(mask);
          }
        }
      }
    }
  }
  return pairs;
}

// Runs fn(begin, end) over [0, n) split across `threads` threads.
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn fn) {
  threads = std::max(1, threads);
  std::vector<std::thread> workers;
  const size_t chunk = (n + threads - 1) / threads;
  for (int t = 0; t < threads; ++t) {
    const size_t begin = t * chunk, end = std::min(n, begin + chunk);
    if (begin >= end) break;
    workers.emplace_back([=] { fn(begin, end); });
  }
  for (auto& w : workers) w.join();
}

uint32_t Find(std::vector<uint32_t>& parent, uint32_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

// Per record, the values of the distinct fields that bind (present; valid for citizen ids).
std::vector<std::vector<std::string>> BindingValues(const MatchDataset& data,
                                                    const MatchSettings& settings) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& name : settings.distinct_fields) {
    int f = 0;
    while (settings.fields[f].name != name) ++f;
    std::vector<std::string> values(data.size());
    for (uint32_t r = 0; r < data.size(); ++r) {
      absl::string_view v = data.value(r, f);
      if (IsBindingValue(settings.fields[f], v)) values[r] = std::string(v);
    }
    out.push_back(std::move(values));
  }
  return out;
}

// u from random pairs, then m and the prior by EM.
void Estimate(const MatchSettings& settings, const BatchOptions& options,
              const std::vector<uint8_t>& levels, const std::vector<uint32_t>& rules_of,
              MatchModel& model, MatchResult& result,
              const std::function<void(const std::string&)>& progress) {
  const int fields = model.fields();
  progress(absl::StrCat("estimating u from ", settings.random_pairs, " random pairs"));
  model.EstimateU(settings.random_pairs, options.seed);
  progress("estimating m and the prior by expectation maximisation");
  // A rule's own fields agree inside its blocks because of how the pairs were found, not because
  // they match: EM learns each field's m from the rules that do not key on it (as Splink does).
  std::vector<std::vector<bool>> blocked(settings.blocking.size(), std::vector<bool>(fields));
  for (size_t r = 0; r < settings.blocking.size(); ++r) {
    for (const std::string& key : settings.blocking[r].keys) {
      const std::string name = key.substr(0, key.rfind(':') == std::string::npos ? key.size()
                                                                                 : key.rfind(':'));
      // The column the key reads: a field's column, or the key itself for another column.
      std::string column = name;
      for (const FieldSettings& fs : settings.fields) {
        if (fs.name == name) column = fs.column;
      }
      // Every field read from that column (name_pinyin blocks the name too).
      for (int f = 0; f < fields; ++f) {
        const FieldSettings& fs = settings.fields[f];
        if (fs.name == name || fs.column == column) blocked[r][f] = true;
      }
    }
  }
  result.em_iterations = model.EstimateM(levels, rules_of, blocked, settings.em_iterations);
}

}  // namespace

absl::StatusOr<MatchResult> MatchBatch(const MatchDataset& data, const MatchSettings& settings,
                                       const BatchOptions& options) {
  auto progress = [&](const std::string& s) {
    if (options.progress) options.progress(s);
  };
  MatchResult result;
  progress(absl::StrCat("blocking ", data.size(), " records with ", settings.blocking.size(),
                        " rules"));
  std::vector<uint32_t> rules_of;
  std::vector<std::pair<uint32_t, uint32_t>> pairs = Block(data, settings, result, rules_of);
  result.pairs_compared = static_cast<int64_t>(pairs.size());

  MatchModel model(settings, data);
  const int fields = model.fields();
  progress(absl::StrCat("comparing ", pairs.size(), " candidate pairs"));
  std::vector<uint8_t> levels(pairs.size() * fields);
  ParallelFor(pairs.size(), options.threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      model.Compare(pairs[i].first, pairs[i].second, &levels[i * fields]);
    }
  });

  if (!options.model_path.empty()) {
    progress(absl::StrCat("using the saved model ", options.model_path));
    if (absl::Status s = model.Load(options.model_path); !s.ok()) return s;
  } else {
    Estimate(settings, options, levels, rules_of, model, result, progress);
  }
  result.model_description = model.Describe();
  result.model = model.Save();


  progress("scoring and clustering");
  result.pairs.resize(pairs.size());
  ParallelFor(pairs.size(), options.threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const double w = model.Weight(pairs[i].first, pairs[i].second, &levels[i * fields]);
      result.pairs[i] = {pairs[i].first, pairs[i].second, static_cast<float>(w),
                         static_cast<float>(MatchModel::Probability(w))};
    }
  });
  // Strongest links first; a merge that would join two different binding values is refused.
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < result.pairs.size(); ++i) {
    const float p = result.pairs[i].probability;
    if (p >= settings.link_threshold) {
      order.push_back(i);
    } else if (p >= settings.review_threshold) {
      ++result.pairs_for_review;
    }
  }
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return result.pairs[x].probability > result.pairs[y].probability;
  });
  std::vector<std::vector<std::string>> binding = BindingValues(data, settings);
  std::vector<uint32_t> parent(data.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (uint32_t i : order) {
    uint32_t ra = Find(parent, result.pairs[i].a), rb = Find(parent, result.pairs[i].b);
    if (ra == rb) {
      ++result.pairs_linked;
      continue;
    }
    bool conflict = false;
    for (const auto& values : binding) {
      conflict = conflict ||
                 (!values[ra].empty() && !values[rb].empty() && values[ra] != values[rb]);
    }
    if (conflict) {
      ++result.links_refused;
      continue;
    }
    ++result.pairs_linked;
    const uint32_t root = std::min(ra, rb), child = std::max(ra, rb);
    parent[child] = root;
    for (auto& values : binding) {
      if (values[root].empty()) values[root] = values[child];
    }
  }
  result.cluster.resize(data.size());
  for (uint32_t i = 0; i < data.size(); ++i) {
    result.cluster[i] = absl::StrCat("E:", data.id(Find(parent, i)));
  }
  return result;
}

}  // namespace mdhub::resolver

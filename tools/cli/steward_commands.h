// The data stewards' subcommands, written once for `mdhub person` and `mdhub org`: explain,
// explain-pair, merge, split, decide and review, over the kind's service (RegistryClient).
#ifndef MDHUB_TOOLS_CLI_STEWARD_COMMANDS_H_
#define MDHUB_TOOLS_CLI_STEWARD_COMMANDS_H_

#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "mdhub/v1/common.pb.h"
#include "tools/cli/entity_output.h"

namespace mdhub::cli {

// What the commands need to know about the kind they serve.
struct StewardKind {
  v1::EntityKind kind;
  KindWords words;
  // One table row per entity, each after a label that says what it is to the command
  // ("surviving", "remaining", "split off", ...).
  std::string (*format_entities)(const std::vector<std::pair<std::string, v1::Entity>>&);
  // For the help texts: an entity id and two records of the kind (SOURCE/KEY).
  const char* example_id;
  const char* example_left;
  const char* example_right;
};

// Adds the subcommands to `parent` (the kind's command). When one runs, it stores its exit code
// in *exit_code. `kind` is copied.
void AddStewardCommands(CLI::App& parent, const StewardKind& kind, int* exit_code);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_STEWARD_COMMANDS_H_

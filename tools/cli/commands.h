// The subcommands of the mdhub command-line tool. Each Add*Commands registers its subcommands on
// the application; when one runs, it stores its process exit code in *exit_code.
#ifndef MDHUB_TOOLS_CLI_COMMANDS_H_
#define MDHUB_TOOLS_CLI_COMMANDS_H_

#include "CLI/CLI.hpp"

namespace mdhub::cli {

// submit, delete, get, lookup, record, history
void AddRecordCommands(CLI::App& app, int* exit_code);
// person search, household, explain, explain-pair, merge, split, decide, review
void AddPersonCommands(CLI::App& app, int* exit_code);
// org lookup, get, search, status, relations, represented-by, insured, explain, explain-pair,
// merge, split, decide, review
void AddOrgCommands(CLI::App& app, int* exit_code);
// layer create, list, show, import, export, query, locate, locate-csv
void AddLayerCommands(CLI::App& app, int* exit_code);
// place of, place in, place division
void AddPlaceCommands(CLI::App& app, int* exit_code);
// watch
void AddWatchCommand(CLI::App& app, int* exit_code);
// import
void AddImportCommand(CLI::App& app, int* exit_code);
// match, eval
void AddMatchCommands(CLI::App& app, int* exit_code);
// gen persons, gen orgs, gen parcels
void AddGenCommands(CLI::App& app, int* exit_code);
// ping, whoami, backup, restore, audit verify, audit list
void AddAdminCommands(CLI::App& app, int* exit_code);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_COMMANDS_H_

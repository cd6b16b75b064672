// mdhub layer locate-csv: the division chains of a CSV file's points, through LocatePoints.
#ifndef MDHUB_TOOLS_CLI_LOCATE_CSV_COMMAND_H_
#define MDHUB_TOOLS_CLI_LOCATE_CSV_COMMAND_H_

#include "CLI/CLI.hpp"

namespace mdhub::cli {

// Registers `locate-csv` under `layer`; when it runs, it stores its exit code in *exit_code.
void AddLocateCsvCommand(CLI::App& layer, int* exit_code);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_LOCATE_CSV_COMMAND_H_

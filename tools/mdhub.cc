// mdhub: the command-line tool for agencies, analysts and operators of an mdhub server.
#include "CLI/CLI.hpp"
#include "tools/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app(
      "mdhub — command-line client of the mdhub master-data hub.\n"
      "Connects to mdhubd with the agency's client certificate (--ca/--cert/--cert-key, or the\n"
      "MDHUB_* environment variables); see `mdhub COMMAND --help` for each command.",
      "mdhub");
  app.require_subcommand(1);
  app.fallthrough();
  int exit_code = 0;
  mdhub::cli::AddRecordCommands(app, &exit_code);
  mdhub::cli::AddPersonCommands(app, &exit_code);
  mdhub::cli::AddOrgCommands(app, &exit_code);
  mdhub::cli::AddLayerCommands(app, &exit_code);
  mdhub::cli::AddPlaceCommands(app, &exit_code);
  mdhub::cli::AddWatchCommand(app, &exit_code);
  mdhub::cli::AddImportCommand(app, &exit_code);
  mdhub::cli::AddMatchCommands(app, &exit_code);
  mdhub::cli::AddGenCommands(app, &exit_code);
  mdhub::cli::AddAdminCommands(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}

// Running the mdhub command-line binary (MDHUB_CLI) as a child process in tests, collecting its
// exit code, stdout and stderr.
#ifndef MDHUB_TESTS_CLI_RUNNER_H_
#define MDHUB_TESTS_CLI_RUNNER_H_

#include <string>
#include <vector>

namespace mdhub::tests {

// What one run of mdhub did.
struct CliRun {
  int exit_code = -1;  // -1 when it did not exit by itself
  std::string out;
  std::string err;
};

// "exit code N" with both outputs, for failure messages.
std::string Describe(const CliRun& r);

// Runs `mdhub args...` with stdin from /dev/null and without MDHUB_* environment variables.
// Kills it and fails the test when it takes longer than 20 s.
CliRun RunMdhub(const std::vector<std::string>& args);

}  // namespace mdhub::tests

#endif  // MDHUB_TESTS_CLI_RUNNER_H_

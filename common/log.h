// Structured logging: one JSON object per line on stderr, e.g.
//   {"ts":"2026-11-27T21:30:00.123Z","level":"info","msg":"listening","address":"127.0.0.1:7443"}
// Thread-safe. The level threshold is process-wide configuration set once at start-up.
#ifndef MDHUB_COMMON_LOG_H_
#define MDHUB_COMMON_LOG_H_

#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace mdhub {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// Parses "debug", "info", "warning" or "error"; false for anything else.
bool ParseLogLevel(absl::string_view name, LogLevel* level);
void SetLogLevel(LogLevel level);

using LogField = std::pair<absl::string_view, std::string>;

// Writes one line when `level` is at or above the threshold.
void Log(LogLevel level, absl::string_view message, std::initializer_list<LogField> fields = {});

// JSON string escaping (without the surrounding quotes).
std::string JsonEscape(absl::string_view s);

}  // namespace mdhub

#endif  // MDHUB_COMMON_LOG_H_

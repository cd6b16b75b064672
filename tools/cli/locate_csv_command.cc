#include "tools/cli/locate_csv_command.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/csv_reader.h"
#include "common/csv_writer.h"
#include "mdhub/v1/spatial.grpc.pb.h"
#include "services/status_convert.h"
#include "tools/cli/client.h"
#include "tools/cli/layer_args.h"

namespace mdhub::cli {
namespace {

// Points sent per LocatePoints call.
constexpr int kBatch = 10000;
constexpr std::array<const char*, 4> kLevels = {"province", "city", "county", "township"};

struct LocateCsvArgs {
  ClientOptions client;
  std::string in, out, x_column = "x", y_column = "y", crs, as_of;
  bool quiet = false;
};

// One input row waiting for its point's divisions (a row without coordinates has no point).
struct Pending {
  std::vector<std::string> fields;
  int line = 0;
  bool has_point = false;
};

absl::StatusOr<int> ColumnIndex(const std::vector<std::string>& header, const std::string& name,
                                const std::string& flag, const std::string& file) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (absl::StripAsciiWhitespace(header[i]) == name) return static_cast<int>(i);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      flag, ": ", file, " has no column \"", name, "\" in its header; name the column with ", flag));
}

class Locator {
 public:
  Locator(const LocateCsvArgs& a, const google::protobuf::Timestamp* as_of,
          v1::SpatialService::Stub& stub, CsvWriter& out)
      : a_(a), as_of_(as_of), stub_(stub), out_(out) {}

  void Add(Pending row, double x, double y) {
    if (row.has_point) {
      request_.add_x(x);
      request_.add_y(y);
    }
    rows_.push_back(std::move(row));
  }
  bool full() const { return request_.x_size() >= kBatch; }

  // Locates the points held, writes their rows with the divisions appended.
  absl::Status Flush() {
    v1::LocatePointsResponse resp;
    if (request_.x_size() > 0) {
      request_.set_crs(a_.crs);
      if (as_of_ != nullptr) *request_.mutable_as_of() = *as_of_;
      auto ctx = NewContext(a_.client);
      grpc::Status s = stub_.LocatePoints(ctx.get(), request_, &resp);
      if (!s.ok()) return Explain(NameFlag(s, {{"crs", "--crs"}, {"as_of", "--as-of"}}));
      if (resp.locations_size() != request_.x_size()) {
        return absl::InternalError("the server answered for another number of points");
      }
    }
    int point = 0;
    for (Pending& row : rows_) {
      std::array<std::string, 2 * kLevels.size()> columns;
      if (row.has_point) {
        const auto& chain = resp.locations(point++).divisions();
        for (int d : chain) {
          if (d < 0 || d >= resp.divisions_size()) {
            return absl::InternalError("the server answered with a division it did not list");
          }
          const v1::LocateDivisionsResponse::Division& division = resp.divisions(d);
          const int level = static_cast<int>(division.level()) - 1;
          if (level < 0 || level >= static_cast<int>(kLevels.size())) continue;
          columns[2 * level] = division.code();
          columns[2 * level + 1] = division.name();
        }
        located_ += !chain.empty();
      }
      std::vector<absl::string_view> fields(row.fields.begin(), row.fields.end());
      fields.insert(fields.end(), columns.begin(), columns.end());
      out_.Row(fields);
    }
    rows_written_ += static_cast<int64_t>(rows_.size());
    rows_.clear();
    request_.Clear();
    return out_.Flush();
  }

  int64_t rows_written() const { return rows_written_; }
  int64_t located() const { return located_; }

 private:
  // The line of the i-th point of the call: rows without coordinates send none.
  int LineOfPoint(size_t i) const {
    for (const Pending& row : rows_) {
      if (row.has_point && i-- == 0) return row.line;
    }
    return 0;
  }

  // The server names a point by its index in the call ("x[17], y[17]: ..."): this names its
  // line in the file instead.
  absl::Status Explain(const grpc::Status& s) const {
    absl::Status status = services::FromGrpcStatus(s);
    absl::string_view message = status.message();
    size_t i = 0;
    if (absl::ConsumePrefix(&message, "x[")) {
      const size_t close = message.find(']');
      if (close != absl::string_view::npos && absl::SimpleAtoi(message.substr(0, close), &i) &&
          i < static_cast<size_t>(request_.x_size())) {
        const size_t colon = message.find(": ");
        if (colon != absl::string_view::npos) message.remove_prefix(colon + 2);
        return absl::Status(status.code(),
                            absl::StrCat(a_.in, ":", LineOfPoint(i), ": ", message));
      }
    }
    return status;
  }

  const LocateCsvArgs& a_;
  const google::protobuf::Timestamp* as_of_;
  v1::SpatialService::Stub& stub_;
  CsvWriter& out_;
  v1::LocatePointsRequest request_;
  std::vector<Pending> rows_;
  int64_t rows_written_ = 0, located_ = 0;
};

// The point of a row: false when both coordinates are empty; an error naming file, line and
// column when one is missing or not a number.
absl::StatusOr<bool> ReadPoint(const LocateCsvArgs& a, const Pending& row, const int at[2],
                               double xy[2]) {
  int blank = 0;
  for (int c = 0; c < 2; ++c) {
    const absl::string_view value = absl::StripAsciiWhitespace(row.fields[at[c]]);
    if (value.empty()) {
      ++blank;
    } else if (!absl::SimpleAtod(value, &xy[c]) || !std::isfinite(xy[c])) {
      return absl::InvalidArgumentError(absl::StrCat(
          a.in, ":", row.line, ": column ", at[c] + 1, " (\"", c == 0 ? a.x_column : a.y_column,
          "\"): \"", value, "\" is not a number"));
    }
  }
  if (blank == 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        a.in, ":", row.line, ": one coordinate given without the other (leave both empty to pass the row through)"));
  }
  return blank == 0;
}

int Run(const LocateCsvArgs& a) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(a.out) && fs::equivalent(a.in, a.out, ec)) {
    return ReportError(absl::InvalidArgumentError(
        absl::StrCat("output: ", a.out, " is the input file; write to another file")));
  }
  google::protobuf::Timestamp as_of;
  if (!a.as_of.empty()) {
    if (absl::Status s = SetTime(a.as_of, "--as-of", &as_of); !s.ok()) return ReportError(s);
  }
  std::ifstream in(a.in, std::ios::binary);
  if (!in) return ReportError(absl::NotFoundError(absl::StrCat(a.in, ": cannot open")));
  CsvReader reader(in, a.in, {});
  std::vector<std::string> header;
  absl::StatusOr<bool> got = reader.Next(&header);
  if (!got.ok()) return ReportError(got.status());
  if (!*got) return ReportError(absl::InvalidArgumentError(absl::StrCat(a.in, ":1: empty, a header row is required")));
  auto x_at = ColumnIndex(header, a.x_column, "--x", a.in);
  if (!x_at.ok()) return ReportError(x_at.status());
  auto y_at = ColumnIndex(header, a.y_column, "--y", a.in);
  if (!y_at.ok()) return ReportError(y_at.status());
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::SpatialService::NewStub(*channel);

  // Written next to the output and renamed over it once complete: a failed run leaves no
  // half-written output.
  const std::string tmp = a.out + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return ReportError(absl::PermissionDeniedError(absl::StrCat(a.out, ": cannot write")));
  auto fail = [&](const absl::Status& s) {
    out.close();
    fs::remove(tmp, ec);
    return ReportError(s);
  };
  CsvWriter writer(out, a.out);
  std::vector<absl::string_view> head(header.begin(), header.end());
  std::vector<std::string> added;
  for (const char* level : kLevels) {
    added.push_back(absl::StrCat(level, "_code"));
    added.push_back(absl::StrCat(level, "_name"));
  }
  head.insert(head.end(), added.begin(), added.end());
  writer.Row(head);

  Locator locator(a, a.as_of.empty() ? nullptr : &as_of, *stub, writer);
  const absl::Time start = absl::Now();
  absl::Time shown = start;
  int64_t without = 0;
  const int at[2] = {*x_at, *y_at};
  for (;;) {
    Pending row;
    got = reader.Next(&row.fields);
    if (!got.ok()) return fail(got.status());
    if (!*got) break;
    row.line = reader.row_line();
    if (row.fields.size() == 1 && row.fields[0].empty() && header.size() > 1) continue;  // blank
    if (row.fields.size() != header.size()) {
      return fail(absl::InvalidArgumentError(absl::StrCat(a.in, ":", row.line, ": expected ",
                                                          header.size(), " fields as in the header, found ",
                                                          row.fields.size())));
    }
    double xy[2] = {0, 0};
    absl::StatusOr<bool> point = ReadPoint(a, row, at, xy);
    if (!point.ok()) return fail(point.status());
    row.has_point = *point;
    without += !row.has_point;
    locator.Add(std::move(row), xy[0], xy[1]);
    if (locator.full()) {
      if (absl::Status s = locator.Flush(); !s.ok()) return fail(s);
      if (!a.quiet && absl::Now() - shown > absl::Seconds(1)) {
        shown = absl::Now();
        std::fprintf(stderr, "\r%lld rows located ...", static_cast<long long>(locator.rows_written()));
      }
    }
  }
  if (absl::Status s = locator.Flush(); !s.ok()) return fail(s);
  out.close();
  if (!out) return fail(absl::DataLossError(absl::StrCat(a.out, ": write failed")));
  fs::rename(tmp, a.out, ec);
  if (ec) return fail(absl::PermissionDeniedError(absl::StrCat(a.out, ": ", ec.message())));
  if (!a.quiet) std::fprintf(stderr, "\r");
  std::fprintf(stderr, "wrote %s: %lld rows, %lld inside a province, %lld without coordinates (%.1f s)\n",
               a.out.c_str(), static_cast<long long>(locator.rows_written()),
               static_cast<long long>(locator.located()), static_cast<long long>(without),
               absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}

}  // namespace

void AddLocateCsvCommand(CLI::App& layer, int* exit_code) {
  auto a = std::make_shared<LocateCsvArgs>();
  CLI::App* cmd = layer.add_subcommand(
      "locate-csv",
      "The administrative divisions of every point of a CSV file: writes the rows again with "
      "province/city/county/township code and name columns appended (empty where no division "
      "layer covers the point; rows without coordinates pass through). Points go to the server "
      "10,000 at a time.\n"
      "  mdhub layer locate-csv sites.csv sites-located.csv --x lon --y lat");
  cmd->add_option("input", a->in, "CSV file with a header row")->required();
  cmd->add_option("output", a->out, "CSV file to write")->required();
  cmd->add_option("--x", a->x_column, "column of the longitudes (or eastings)")->capture_default_str();
  cmd->add_option("--y", a->y_column, "column of the latitudes (or northings)")->capture_default_str();
  cmd->add_option("--crs", a->crs, "CRS of the coordinates (default EPSG:4490)");
  cmd->add_option("--as-of", a->as_of, "as the divisions were at this time, RFC 3339");
  cmd->add_flag("--quiet", a->quiet, "no progress lines");
  a->client.AddTo(*cmd);
  cmd->callback([a, exit_code] { *exit_code = Run(*a); });
}

}  // namespace mdhub::cli

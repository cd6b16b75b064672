#include "tools/cli/locate_csv_command.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/csv_reader.h"
#include "common/csv_writer.h"
#include "mdhub/v1/spatial.grpc.pb.h"
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
  Locator(const LocateCsvArgs& a, v1::SpatialService::Stub& stub, CsvWriter& out)
      : a_(a), stub_(stub), out_(out) {}

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
      if (!a_.crs.empty()) request_.set_crs(a_.crs);
      if (!a_.as_of.empty()) {
        if (absl::Status s = SetTime(a_.as_of, "--as-of", request_.mutable_as_of()); !s.ok()) return s;
      }
      auto ctx = NewContext(a_.client);
      grpc::Status s = stub_.LocatePoints(ctx.get(), request_, &resp);
      if (!s.ok()) {
        return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                            absl::StrCat("rows up to line ", last_line_, ": ", s.error_message()));
      }
    }
    int point = 0;
    for (Pending& row : rows_) {
      std::array<std::string, 2 * kLevels.size()> columns;
      if (row.has_point) {
        for (int d : resp.locations(point++).divisions()) {
          const v1::LocateDivisionsResponse::Division& division = resp.divisions(d);
          const int level = static_cast<int>(division.level()) - 1;
          if (level < 0 || level >= static_cast<int>(kLevels.size())) continue;
          columns[2 * level] = division.code();
          columns[2 * level + 1] = division.name();
        }
        located_ += !resp.locations(point - 1).divisions().empty();
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

  void set_last_line(int line) { last_line_ = line; }
  int64_t rows_written() const { return rows_written_; }
  int64_t located() const { return located_; }

 private:
  const LocateCsvArgs& a_;
  v1::SpatialService::Stub& stub_;
  CsvWriter& out_;
  v1::LocatePointsRequest request_;
  std::vector<Pending> rows_;
  int last_line_ = 0;
  int64_t rows_written_ = 0, located_ = 0;
};

int Run(const LocateCsvArgs& a) {
  std::ifstream in(a.in, std::ios::binary);
  if (!in) return ReportError(absl::NotFoundError(absl::StrCat(a.in, ": cannot open")));
  std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
  if (!out) return ReportError(absl::PermissionDeniedError(absl::StrCat(a.out, ": cannot write")));
  CsvReader reader(in, a.in, {});
  CsvWriter writer(out, a.out);
  std::vector<std::string> header;
  absl::StatusOr<bool> got = reader.Next(&header);
  if (!got.ok()) return ReportError(got.status());
  if (!*got) return ReportError(absl::InvalidArgumentError(absl::StrCat(a.in, ": empty, a header row is required")));
  auto x_at = ColumnIndex(header, a.x_column, "--x", a.in);
  if (!x_at.ok()) return ReportError(x_at.status());
  auto y_at = ColumnIndex(header, a.y_column, "--y", a.in);
  if (!y_at.ok()) return ReportError(y_at.status());
  std::vector<absl::string_view> head(header.begin(), header.end());
  std::vector<std::string> added;
  for (const char* level : kLevels) {
    added.push_back(absl::StrCat(level, "_code"));
    added.push_back(absl::StrCat(level, "_name"));
  }
  head.insert(head.end(), added.begin(), added.end());
  writer.Row(head);

  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::SpatialService::NewStub(*channel);
  Locator locator(a, *stub, writer);
  const absl::Time start = absl::Now();
  absl::Time shown = start;
  int64_t without = 0;
  for (;;) {
    Pending row;
    got = reader.Next(&row.fields);
    if (!got.ok()) return ReportError(got.status());
    if (!*got) break;
    const int line = reader.row_line();
    double xy[2] = {0, 0};
    const int at[2] = {*x_at, *y_at};
    int blank = 0;
    for (int c = 0; c < 2; ++c) {
      const std::string value = at[c] < static_cast<int>(row.fields.size())
                                    ? std::string(absl::StripAsciiWhitespace(row.fields[at[c]]))
                                    : "";
      if (value.empty()) {
        ++blank;
      } else if (!absl::SimpleAtod(value, &xy[c]) || !std::isfinite(xy[c])) {
        return ReportError(absl::InvalidArgumentError(
            absl::StrCat(a.in, ":", line, ":", at[c] + 1, ": column \"", c == 0 ? a.x_column : a.y_column,
                         "\": \"", value, "\" is not a number")));
      }
    }
    if (blank == 1) {
      return ReportError(absl::InvalidArgumentError(absl::StrCat(
          a.in, ":", line, ": one coordinate given without the other (leave both empty to skip the row)")));
    }
    row.has_point = blank == 0;
    without += !row.has_point;
    locator.Add(std::move(row), xy[0], xy[1]);
    locator.set_last_line(line);
    if (locator.full()) {
      if (absl::Status s = locator.Flush(); !s.ok()) return ReportError(s);
      if (!a.quiet && absl::Now() - shown > absl::Seconds(1)) {
        shown = absl::Now();
        std::fprintf(stderr, "\r%lld rows located ...", static_cast<long long>(locator.rows_written()));
      }
    }
  }
  if (absl::Status s = locator.Flush(); !s.ok()) return ReportError(s);
  out.close();
  if (!out) return ReportError(absl::DataLossError(absl::StrCat(a.out, ": write failed")));
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

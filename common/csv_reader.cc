#include "common/csv_reader.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace mdhub {

CsvReader::CsvReader(std::istream& in, std::string name, Options options)
    : in_(in), name_(std::move(name)), options_(options) {}

absl::StatusOr<bool> CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  row_line_ = line_;
  int c = in_.get();
  if (c == EOF) return false;
  if (!started_) {
    // A UTF-8 byte-order mark before the first row (as Excel saves CSV) is not data.
    started_ = true;
    if (c == 0xEF && in_.peek() == 0xBB) {
      in_.get();
      if (in_.peek() == 0xBF) {
        in_.get();
        c = in_.get();
        if (c == EOF) return false;
      } else {
        in_.unget();  // EF BB starts a character of its own
      }
    }
  }
  std::string field;
  int column = 1;
  bool at_field_start = true;
  auto error = [&](int err_line, int err_col, absl::string_view problem) {
    // Skip the rest of the physical line so that the caller can continue with the next row.
    while (c != EOF && c != '\n') c = in_.get();
    if (c == '\n') ++line_;
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ":", err_line, ":", err_col, ": ", problem));
  };
  for (;;) {
    if (at_field_start && options_.skip_initial_space) {
      while (c == ' ') {
        c = in_.get();
        ++column;
      }
    }
    if (at_field_start && c == '"') {
      const int quote_line = line_, quote_col = column;
      // Where the line after the opening quote starts: an unclosed quote swallows the rest of the
      // input, so reading goes on from there (when the stream can seek) rather than ending.
      std::streampos resume = -1;
      int resume_line = 0;
      for (;;) {
        c = in_.get();
        ++column;
        if (c == EOF) {
          if (resume != std::streampos(-1)) {
            in_.clear();
            in_.seekg(resume);
            line_ = resume_line;
          }
          return error(quote_line, quote_col, "quoted field is not closed");
        }
        if (c == '"') {
          if (in_.peek() == '"') {
            in_.get();
            ++column;
            field.push_back('"');
            continue;
          }
          c = in_.get();
          ++column;
          break;
        }
        if (c == '\n') {
          ++line_;
          column = 0;
          if (resume_line == 0) {
            resume = in_.tellg();
            resume_line = line_;
          }
        }
        field.push_back(static_cast<char>(c));
      }
      if (c != options_.delimiter && c != '\n' && c != '\r' && c != EOF) {
        return error(line_, column, "unexpected character after closing quote");
      }
    }
    at_field_start = false;
    if (c == options_.delimiter) {
      fields->push_back(std::move(field));
      field.clear();
      at_field_start = true;
      c = in_.get();
      ++column;
      continue;
    }
    if (c == '\r' && in_.peek() == '\n') c = in_.get();
    if (c == '\n' || c == EOF) {
      fields->push_back(std::move(field));
      if (c == '\n') ++line_;
      return true;
    }
    if (c == '"') return error(line_, column, "quote inside an unquoted field");
    field.push_back(static_cast<char>(c));
    c = in_.get();
    ++column;
  }
}

}  // namespace mdhub

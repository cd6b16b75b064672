// Chinese addresses read against the division hierarchy: province, prefecture, county (GB/T 2260),
// township and village (statistics codes), then the rest ("detail": road, number, building).
// Names may be full or short (广西壮族自治区 / 广西, 南宁市 / 南宁, 民生街道 / 民生), levels may be
// left out (兴宁区民生街道 gives Guangxi and Nanning too), and the text may be full-width or in
// traditional characters.
#ifndef MDHUB_RESOLVER_STANDARDIZE_ADDRESS_H_
#define MDHUB_RESOLVER_STANDARDIZE_ADDRESS_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/local_divisions.h"

namespace mdhub::resolver {

namespace internal {
class PlaceNames;
}  // namespace internal

struct ParsedAddress {
  // The divisions the address lies in, "" where unknown: province (2 digits), prefecture (4),
  // county (6), township (9), village or community (12). Each code starts with the codes above
  // it, which are filled in from it when the address leaves them out.
  std::string province_code, city_code, county_code, township_code, village_code;
  // Their published names. A retired county is read as its successor (武鸣县 -> 武鸣区). The
  // prefecture of a municipality's districts or of a directly governed county is a placeholder
  // row of the tables (市辖区, 县, 省直辖县级行政区划), named so here too.
  std::string province, city, county, township, village;
  // What follows the last division recognised, in the normalised form: half-width, simplified
  // characters, no white space, ASCII lower-cased ("民族大道118号3栋2单元502室"). Names that
  // could not be recognised (or that name several divisions) stay in it.
  std::string detail;

  // The code of the finest division found; "" when none.
  const std::string& code() const;
};

// Immutable after construction; thread-safe.
class AddressParser {
 public:
  // The parser over the built-in tables. Built on first use (about 0.25 s on the project
  // machine: it reads the township tables and indexes every name).
  static const AddressParser& Builtin();

  // Both tables are borrowed and must outlive the parser.
  AddressParser(const DivisionTable& divisions, const LocalDivisionTable& locals);
  ~AddressParser();

  // Reads divisions from the start of the text, left to right, each level at most once and
  // below the one before. A name is taken only if it agrees with the divisions already read;
  // when a name could be several divisions (城区, 朝阳区 without its city) and what follows does
  // not tell them apart, it is left unresolved and stays in the detail. Any input is accepted;
  // bytes that are not UTF-8 become U+FFFD.
  ParsedAddress Parse(absl::string_view raw) const;

 private:
  const DivisionTable& divisions_;
  const LocalDivisionTable& locals_;
  std::unique_ptr<const internal::PlaceNames> names_;
};

// AddressParser::Builtin().Parse(raw). Thread-safe.
ParsedAddress ParseAddress(absl::string_view raw);

// The standard form of an address, for comparison and blocking: "CODE|DETAIL", where CODE is the
// code of the finest division found (2, 4, 6, 9 or 12 digits; the coarser ones are its
// prefixes; empty when none) and DETAIL the normalised rest. "" when the address is empty.
//   "广西南宁市兴宁区民生街道兴宁社区居委会 民生路 12 号" -> "450102001003|民生路12号"
//   "南宁市兴宁区民族大道１１８号"                       -> "450102|民族大道118号"
// Codes hold no '|': the first one separates the two parts. The first 6 characters are the
// county code whenever the county is known (blocking key "address:6"). Thread-safe; remembered
// for all threads (a record's address is standardised on its caller's thread and read again when
// its entity is rebuilt on the committing thread).
std::string StandardAddress(absl::string_view raw);
std::string StandardAddress(const ParsedAddress& address);

// The code of the finest division of StandardAddress(raw) ("" when none).
std::string AddressCode(absl::string_view raw);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_ADDRESS_H_

#include "tools/gen/internal/org_codes.h"

#include "absl/base/internal/raw_logging.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "resolver/standardize/credit_code.h"

namespace mdhub::gen {
namespace {

// GB 32100's alphabet (no I, O, Z, S, V): also every character a new organisation code uses.
constexpr absl::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

uint64_t Power(uint64_t base, int exponent) {
  uint64_t p = 1;
  for (int i = 0; i < exponent; ++i) p *= base;
  return p;
}

std::string FullWidth(absl::string_view s) {
  std::string out;
  for (char c : s) {
    const unsigned cp = 0xFF00 + static_cast<unsigned char>(c) - 0x20;
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

}  // namespace

uint64_t OrgCodeIssuer::Next(absl::string_view space, uint64_t size) {
  uint64_t& serial = next_[space];
  ABSL_RAW_CHECK(serial < size, "organisation code space used up");
  // 1,000,003 is prime and divides none of the space sizes (powers of 10 and of 31), so
  // multiplying by it permutes the space.
  const unsigned __int128 x = static_cast<unsigned __int128>(serial++) * 1000003u + 7919u;
  return static_cast<uint64_t>(x % size);
}

std::string OrgCodeIssuer::LegacyOrganizationCode(char lead) {
  const uint64_t n = Next(std::string(1, lead), Power(10, 7));
  std::string body = absl::StrCat(std::string(1, lead), absl::StrFormat("%07d", n));
  return body + resolver::OrganizationCodeCheckCharacter(body);
}

std::string OrgCodeIssuer::NewOrganizationCode(absl::string_view prefix) {
  const int digits = 8 - static_cast<int>(prefix.size());
  uint64_t n = Next(prefix, Power(kAlphabet.size(), digits));
  std::string tail(digits, '0');
  for (int i = digits - 1; i >= 0; --i) {
    tail[i] = kAlphabet[n % kAlphabet.size()];
    n /= kAlphabet.size();
  }
  std::string body = absl::StrCat(prefix, tail);
  return body + resolver::OrganizationCodeCheckCharacter(body);
}

std::string OrgCodeIssuer::RegistrationNumber(absl::string_view region, bool individual) {
  const char type = individual ? '6' : '0';
  const uint64_t n = Next(absl::StrCat("reg", std::string(1, type)), Power(10, 7));
  std::string first14 = absl::StrCat(region, std::string(1, type), absl::StrFormat("%07d", n));
  return first14 + resolver::RegistrationNumberCheckDigit(first14);
}

std::string MakeCreditCode(absl::string_view prefix, absl::string_view region,
                           absl::string_view organization_code) {
  std::string first17 = absl::StrCat(prefix, region, organization_code);
  return first17 + resolver::CreditCodeCheckCharacter(first17);
}

std::string MistypedCreditCode(absl::string_view code, Rng& rng) {
  std::string out(code);
  const size_t i = rng.Uniform(out.size());
  const size_t was = kAlphabet.find(out[i]);
  out[i] = kAlphabet[(was + 1 + rng.Uniform(kAlphabet.size() - 1)) % kAlphabet.size()];
  return out;
}

std::string RespelledCode(absl::string_view code, Rng& rng) {
  switch (rng.Uniform(4)) {
    case 0:
      return absl::AsciiStrToLower(code);
    case 1:
      return FullWidth(code);
    case 2:
      return absl::StrCat(code.substr(0, 8), " ", code.substr(8));
    default:
      // The organisation code written with its hyphen.
      return absl::StrCat(code.substr(0, 16), "-", code.substr(16));
  }
}

}  // namespace mdhub::gen

#include "resolver/standardize/credit_code.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "resolver/identifiers.h"
#include "resolver/standardize/region.h"

namespace mdhub::resolver {
namespace {

// GB 32100's alphabet: digits and upper-case letters without I, O, Z, S and V.
constexpr absl::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// Registering departments of GB 32100 table 1.
constexpr absl::string_view kDepartments = "123456789ANY";

int AlphabetIndex(char c) {
  size_t i = kAlphabet.find(c);
  return i == absl::string_view::npos ? -1 : static_cast<int>(i);
}

// GB 11714 character value: 0-9 as themselves, A=10 ... Z=35.
int OrgValue(char c) {
  if (absl::ascii_isdigit(c)) return c - '0';
  if (absl::ascii_isupper(c)) return c - 'A' + 10;
  return -1;
}

}  // namespace

char CreditCodeCheckCharacter(absl::string_view first17) {
  int sum = 0, weight = 1;
  for (int i = 0; i < 17; ++i) {
    sum += AlphabetIndex(first17[i]) * weight;
    weight = weight * 3 % 31;
  }
  return kAlphabet[(31 - sum % 31) % 31];
}

char OrganizationCodeCheckCharacter(absl::string_view first8) {
  static constexpr int kWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    int v = OrgValue(first8[i]);
    if (v < 0) return 0;
    sum += v * kWeights[i];
  }
  int check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

bool IsValidOrganizationCode(absl::string_view code) {
  std::string c = NormalizeIdentifier(code);  // also drops the hyphen
  return c.size() == 9 && OrganizationCodeCheckCharacter(c.substr(0, 8)) == c[8];
}

std::string OrganizationCodeProblem(absl::string_view code) {
  if (code.size() != 9) return absl::StrCat("must have 9 characters, has ", code.size());
  for (size_t i = 0; i < code.size(); ++i) {
    if (OrgValue(code[i]) < 0) {
      return absl::StrCat("character ", i + 1, " '", code.substr(i, 1), "' is not 0-9 or A-Z");
    }
  }
  const char check = OrganizationCodeCheckCharacter(code.substr(0, 8));
  if (check != code[8]) {
    return absl::StrCat("check character is ", code.substr(8, 1), ", should be ",
                        std::string(1, check));
  }
  return "";
}

char RegistrationNumberCheckDigit(absl::string_view first14) {
  int p = 10;
  for (char c : first14) {
    int s = (p + (c - '0')) % 10;
    p = (s == 0 ? 10 : s) * 2 % 11;
  }
  return static_cast<char>('0' + (11 - p) % 10);
}

std::string RegistrationNumberProblem(absl::string_view number) {
  for (size_t i = 0; i < number.size(); ++i) {
    if (!absl::ascii_isdigit(number[i])) {
      return absl::StrCat("character ", i + 1, " '", number.substr(i, 1), "' is not a digit");
    }
  }
  if (number.size() != 13 && number.size() != 15) {
    return absl::StrCat("must have 13 or 15 digits, has ", number.size());
  }
  if (number.size() == 15) {
    const char check = RegistrationNumberCheckDigit(number.substr(0, 14));
    if (check != number[14]) {
      return absl::StrCat("check digit is ", number.substr(14, 1), ", should be ",
                          std::string(1, check));
    }
  }
  return "";
}

CreditCode ParseCreditCode(absl::string_view raw, const DivisionTable& divisions) {
  CreditCode code;
  code.value = NormalizeIdentifier(raw);
  const absl::string_view v = code.value;
  if (v.size() != 18) {
    code.problem = absl::StrCat("must have 18 characters, has ", v.size());
    return code;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    if (AlphabetIndex(v[i]) < 0) {
      code.problem = absl::StrCat("character ", i + 1, " '", v.substr(i, 1),
                                  "' is not in the code alphabet (no I, O, Z, S, V)");
      return code;
    }
  }
  code.department = v[0];
  code.category = v[1];
  code.region = std::string(v.substr(2, 6));
  code.organization_code = std::string(v.substr(8, 9));
  if (kDepartments.find(code.department) == absl::string_view::npos) {
    code.problem = absl::StrCat("registering department '", v.substr(0, 1), "' is not in GB 32100");
  } else if (!IsKnownRegion(code.region, divisions)) {
    code.problem = absl::StrCat("region code ", code.region, " is not a GB/T 2260 division");
  } else if (CreditCodeCheckCharacter(v.substr(0, 17)) != v[17]) {
    code.problem = absl::StrCat("check character is ", v.substr(17, 1), ", should be ",
                                std::string(1, CreditCodeCheckCharacter(v.substr(0, 17))));
  } else {
    code.valid = true;
  }
  if (code.valid && !IsValidOrganizationCode(code.organization_code)) {
    code.warning = absl::StrCat("embedded organisation code ", code.organization_code,
                                " fails its GB 11714 check");
  }
  return code;
}

}  // namespace mdhub::resolver
